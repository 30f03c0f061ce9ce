/**
 * Operator view of the notification outbox of the configured store (`--env dev`: the
 * deployment `atk provision` made).
 *   npm run outbox -- list [--status dead|failed|parked|pending|sending|delivered] [--limit 50] [--env NAME]
 *   npm run outbox -- retry <id> [<id> …] [--env NAME]
 *   npm run outbox -- retry --status dead|failed|parked [--env NAME]
 * The lowdb store is locked by a running bot: stop it first (a running bot delivers
 * requeued entries after its next start). With STORE=azure it works beside running
 * instances: `list` adds the work queue's depth and the poison queue, `retry` queues the
 * entries so a running instance sends them now.
 */
import { parseArgs } from 'node:util';
import { OUTBOX_STATUSES, outboxSummary, retryOutbox } from '../services/notify/outboxAdmin.js';
import type { OutboxStatus } from '../services/model.js';
import type { Store } from '../services/store/types.js';
import type { OutboxQueue } from '../services/notify/outboxQueue.js';
import { openOperatorStore, operatorConfig, runOperatorCommand, usageError } from './operatorStore.js';

const USAGE =
  'usage: npm run outbox -- list [--status S] [--limit N] | retry <id…> | retry --status dead|failed|parked   [--env NAME]';
const out = (line: string): void => void process.stdout.write(`${line}\n`);

function asStatus(value: string | undefined): OutboxStatus | undefined {
  if (value === undefined) return undefined;
  if (!(OUTBOX_STATUSES as readonly string[]).includes(value))
    throw usageError(`unknown status "${value}" (${OUTBOX_STATUSES.join(', ')})`);
  return value as OutboxStatus;
}

function args(): {
  command: string | undefined;
  ids: string[];
  status: OutboxStatus | undefined;
  limit: number;
  env: string | undefined;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { status: { type: 'string' }, limit: { type: 'string' }, env: { type: 'string' } },
    });
  } catch (err: unknown) {
    throw usageError(`${(err as Error).message}\n${USAGE}`);
  }
  const [command, ...ids] = parsed.positionals;
  const limit = Number(parsed.values.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw usageError(`--limit takes a whole number from 1 to 10000, not "${parsed.values.limit}"`);
  return { command, ids, status: asStatus(parsed.values.status), limit, env: parsed.values.env };
}

async function list(
  store: Store,
  queue: OutboxQueue | undefined,
  status: OutboxStatus | undefined,
  limit: number,
): Promise<void> {
  const counts = await outboxSummary(store);
  out(OUTBOX_STATUSES.map((s) => `${s}: ${counts[s]}`).join('  '));
  if (queue) {
    const poisoned = await queue.listPoison(limit);
    out(
      `work queue: ${await queue.depth()} message(s)  poison queue: ${poisoned.length}${poisoned.length >= limit ? '+' : ''}`,
    );
    for (const p of poisoned)
      out(
        `poison    ${p.outboxId || '(not an outbox message)'}  received ${p.dequeueCount} times  at ${p.at}  ${p.reason}`,
      );
  }
  for (const s of status ? [status] : (['dead', 'failed', 'parked', 'pending', 'sending'] as const)) {
    for (const e of await store.outbox.listByStatus(s, limit)) {
      const who = e.recipient ? `${e.recipient.displayName} (${e.recipient.role})` : '-';
      out(
        `${e.status.padEnd(9)} ${e.id}  ${e.kind}  ${who}  attempts=${e.attempts}  next=${e.nextAttemptAt}${e.lastError ? `  last error: ${e.lastError}` : ''}`,
      );
    }
  }
}

async function main(): Promise<number> {
  const { command, ids, status, limit, env } = args();
  if (command !== 'list' && command !== 'retry') {
    process.stderr.write(`${command ? `outbox: unknown command "${command}"\n` : ''}${USAGE}\n`);
    return 2;
  }
  if (command === 'retry' && !status && ids.length === 0)
    throw usageError(`retry needs entry ids or --status\n${USAGE}`);
  const opened = await openOperatorStore(operatorConfig(env));
  const { store, queue } = opened;
  try {
    if (command === 'list') {
      await list(store, queue, status, limit);
      return 0;
    }
    const report = await retryOutbox(store, status ? { status } : { ids }, new Date());
    out(`requeued ${report.requeued.length} entr${report.requeued.length === 1 ? 'y' : 'ies'}`);
    for (const s of report.skipped) out(`skipped ${s.id}: ${s.why}`);
    return 0;
  } finally {
    await opened.close();
  }
}

runOperatorCommand('outbox', main);
