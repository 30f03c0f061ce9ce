/** Small helpers shared by the security tests. */
import assert from 'node:assert/strict';
import { format } from 'node:util';
import { DEMO } from '../../services/demo/demoData.js';
import type { TestBot, TeamsUser } from '../harness/index.js';

/** A demo person as the harness's Teams user. */
export const asUser = (p: {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
}): TeamsUser => ({ aadObjectId: p.aadObjectId, tenantId: p.tenantId, name: p.displayName });

/** Contoso's admin invites Fabricam (through the merge service); the merge id, once its deliveries are done. */
export async function seedInvitation(bot: TestBot): Promise<string> {
  const admin = DEMO.contoso.admin;
  const invited = await bot.app.merges.invite(
    { kind: 'user', aadObjectId: admin.aadObjectId, tenantId: admin.tenantId, displayName: admin.displayName },
    DEMO.fabricam.globalMpnId,
  );
  assert.equal(invited.outcome, 'applied');
  await bot.settle();
  return invited.request.id;
}

export interface ConsoleCapture {
  /** Everything written to console.error while capturing. */
  text(): string;
  restore(): void;
}

/**
 * Captures console.error (botbuilder's JwtTokenExtractor prints there on some token
 * failures), so tests can check it prints no token and keep the test output clean.
 */
export function captureConsoleErrors(): ConsoleCapture {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...args: unknown[]): void => {
    lines.push(format(...args));
  };
  return {
    text: () => lines.join('\n'),
    restore: () => {
      console.error = original;
    },
  };
}
