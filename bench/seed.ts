/**
 * Writes a lowdb store file in the store's own format (what `toFileData` writes:
 * `{ schemaVersion, accounts, merges, conversations, sentCards, outbox }`, every record
 * with its version) before the bot starts, so growth runs do not pay for seeding through
 * the API. Contents:
 * - `pool` historical accounts and `merges` terminal merge requests between them (the
 *   history that grows with time);
 * - `fresh` invited merges, each between its own pair of accounts whose admins can decide
 *   (approve or reject) — one decision per fresh merge;
 * - conversation references for every fresh admin (so a click or a notification finds its
 *   chat) plus filler people up to `conversations`.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  newPartnerAccount,
  type ConversationRecord,
  type MergeRequest,
  type PartnerAccount,
  type PartnerUser,
} from '../services/model.js';
import { createInvitation } from '../services/merge/stateMachine.js';
import { userKey } from '../services/accounts/validation.js';
import { LOWDB_SCHEMA_VERSION } from '../services/store/lowdbStore.js';
import { BOT_ID, personalConversationId, type TeamsUser } from '../test/harness/index.js';

export interface SeedOptions {
  readonly merges: number;
  readonly fresh: number;
  readonly conversations: number;
  readonly serviceUrl: string;
  readonly pool?: number;
}

export interface SeedPlan {
  /** Invited merges and the invited admin who may decide each. */
  readonly fresh: ReadonlyArray<{ readonly mergeId: string; readonly admin: TeamsUser }>;
  /** People with a stored conversation who have no role (for `help` turns). */
  readonly chatters: readonly TeamsUser[];
}

const TENANTS = 50;
const guid = (prefix: number, n: number): string =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tenantId = (n: number): string => guid(0x7e000000 + (n % TENANTS), 0);

function person(kind: number, n: number): TeamsUser {
  return { aadObjectId: guid(0xa0000000 + kind, n), tenantId: tenantId(n), name: `Bench User ${kind}-${n}` };
}

function admin(p: TeamsUser): PartnerUser {
  return {
    aadObjectId: p.aadObjectId,
    tenantId: p.tenantId,
    upn: `user${p.aadObjectId.slice(-6)}@bench.example`,
    displayName: p.name,
    roles: [{ role: 'account-admin' }],
  };
}

function account(mpn: number, who: TeamsUser): PartnerAccount {
  return {
    ...newPartnerAccount({
      globalMpnId: String(mpn),
      companyName: `Bench Partner ${mpn}`,
      tenants: [{ tenantId: who.tenantId, domains: [`p${mpn}.bench.example`] }],
      users: [admin(who)],
    }),
    version: 1,
  };
}

function conversation(p: TeamsUser, serviceUrl: string): ConversationRecord {
  const user = { id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId };
  return {
    key: userKey(p),
    aadObjectId: p.aadObjectId,
    tenantId: p.tenantId,
    displayName: p.name,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      locale: 'en-US',
      user,
      bot: { id: BOT_ID, name: 'Partner Merge Bot' },
      conversation: { id: personalConversationId(p), conversationType: 'personal', tenantId: p.tenantId },
    },
    updatedAt: new Date().toISOString(),
    version: 1,
  };
}

function invitation(
  id: string,
  initiator: PartnerAccount,
  invited: PartnerAccount,
  by: TeamsUser,
  now: Date,
): MergeRequest {
  const created = createInvitation({
    id,
    initiator,
    invited,
    actor: {
      kind: 'user',
      aadObjectId: by.aadObjectId,
      tenantId: by.tenantId,
      displayName: by.name,
      accountAdminOf: [initiator.globalMpnId],
    },
    now,
    invitationDays: 14,
    reminderDaysBefore: 3,
  });
  if (!created.ok) throw created.error;
  return { ...created.value, version: 1 };
}

/** Builds and writes the file; returns who can do what in it. */
export async function writeSeedFile(file: string, options: SeedOptions): Promise<SeedPlan> {
  const poolSize = options.pool ?? 1000;
  const accounts: PartnerAccount[] = [];
  const merges: MergeRequest[] = [];
  const conversations: ConversationRecord[] = [];
  const now = new Date();

  const pool = Array.from({ length: poolSize }, (_, i) => account(1_000_000 + i, person(1, i)));
  accounts.push(...pool);
  // History: terminal merges between pool accounts (they never block a new invitation).
  const terminal = ['rejected', 'cancelled', 'expired'] as const;
  for (let i = 0; i < options.merges; i++) {
    const a = pool[i % poolSize]!;
    const b = pool[(i * 7 + 1) % poolSize]!;
    const by = person(1, i % poolSize);
    const past = new Date(now.getTime() - (i + 1) * 60_000);
    const invited = invitation(`hist-${i}`, a, b === a ? pool[(i + 1) % poolSize]! : b, by, past);
    const status = terminal[i % terminal.length]!;
    const at = new Date(past.getTime() + 30_000).toISOString();
    const actor = { kind: 'user', aadObjectId: by.aadObjectId, tenantId: by.tenantId, displayName: by.name } as const;
    const audit = [...invited.audit, { at, action: status, actor, fromStatus: 'invited', toStatus: status } as const];
    const closed: MergeRequest =
      status === 'rejected'
        ? { ...invited, status, rejectedAt: at, rejectedBy: actor, reason: 'Not now', audit, updatedAt: at }
        : status === 'cancelled'
          ? { ...invited, status, cancelledAt: at, cancelledBy: actor, cancelledFrom: 'invited', audit, updatedAt: at }
          : {
              ...invited,
              status,
              expiredAt: at,
              audit: [
                ...invited.audit,
                { at, action: 'expired', actor: { kind: 'system' }, fromStatus: 'invited', toStatus: 'expired' },
              ],
              updatedAt: at,
            };
    merges.push(closed);
  }

  const fresh: Array<{ mergeId: string; admin: TeamsUser }> = [];
  for (let k = 0; k < options.fresh; k++) {
    const initiatorAdmin = person(2, k);
    const invitedAdmin = person(3, k);
    const initiator = account(2_000_000 + k, initiatorAdmin);
    const invited = account(3_000_000 + k, invitedAdmin);
    accounts.push(initiator, invited);
    const mergeId = `fresh-${k}`;
    merges.push(invitation(mergeId, initiator, invited, initiatorAdmin, now));
    conversations.push(
      conversation(initiatorAdmin, options.serviceUrl),
      conversation(invitedAdmin, options.serviceUrl),
    );
    fresh.push({ mergeId, admin: invitedAdmin });
  }
  const chatters: TeamsUser[] = [];
  for (let i = 0; conversations.length < options.conversations; i++) {
    const p = person(4, i);
    conversations.push(conversation(p, options.serviceUrl));
    if (chatters.length < 100) chatters.push(p);
  }

  await mkdir(dirname(file), { recursive: true });
  const data = { schemaVersion: LOWDB_SCHEMA_VERSION, accounts, merges, conversations, sentCards: [], outbox: [] };
  await writeFile(file, JSON.stringify(data));
  return { fresh, chatters };
}
