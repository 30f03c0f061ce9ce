/**
 * Moves the records of one store (the lowdb file) into the Azure table
 * (`npm run store -- migrate`). Reads only through the `Store` API, so it does not depend
 * on the lowdb file format.
 */
import { userKey } from '../../accounts/validation.js';
import type { ConversationRecord, OutboxEntry, OutboxStatus } from '../../model.js';
import type { RecordArrays } from '../indexedState.js';
import type { Store } from '../types.js';
import type { AzureStoreOptions } from '../azureStore.js';
import { importIntoAzure, type ImportCounts } from './import.js';

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'delivered', 'parked', 'failed', 'dead'];

export interface MigrationReport {
  readonly counts: ImportCounts;
  /** Records the source holds per kind. */
  readonly source: Record<keyof RecordArrays, number>;
  /** Conversation references not found through the users of accounts and outbox entries. */
  readonly conversationsNotFound: number;
}

/** Every record of `store`. Conversations are found through the people the bot knows. */
export async function readAllRecords(store: Store): Promise<RecordArrays> {
  const account = await store.accounts.list();
  const merges = new Map(
    (await Promise.all(account.map((a) => store.merges.listByAccount(a.globalMpnId)))).flat().map((m) => [m.id, m]),
  );
  const merge = [...merges.values()];
  const sentCard = (await Promise.all(merge.map((m) => store.sentCards.listForMerge(m.id)))).flat();
  const outbox: OutboxEntry[] = (await Promise.all(OUTBOX_STATUSES.map((s) => store.outbox.listByStatus(s)))).flat();
  const people = new Map<string, { tenantId: string; aadObjectId: string }>();
  for (const a of account) for (const u of a.users) people.set(userKey(u), u);
  for (const e of outbox) if (e.recipient) people.set(userKey(e.recipient), e.recipient);
  const conversation: ConversationRecord[] = [];
  for (const p of people.values()) {
    const found = await store.conversations.get(p.tenantId, p.aadObjectId);
    if (found) conversation.push(found);
  }
  const registration = (
    await Promise.all(tenantsOf(account, outbox).map((t) => store.registrations.listForTenant(t)))
  ).flat();
  // Registrations of tenants that have no account yet are the pending and rejected ones.
  const known = new Set(registration.map((r) => r.id));
  for (const r of await store.registrations.listPending()) if (!known.has(r.id)) registration.push(r);
  return { account, merge, conversation, sentCard, outbox, registration };
}

export async function migrateToAzure(source: Store, target: AzureStoreOptions): Promise<MigrationReport> {
  const records = await readAllRecords(source);
  const counts = await importIntoAzure(target, records);
  const sourceCounts = {
    account: await source.accounts.count(),
    merge: await source.merges.count(),
    conversation: await source.conversations.count(),
    sentCard: await source.sentCards.count(),
    outbox: await source.outbox.count(),
    registration: await source.registrations.count(),
  };
  return {
    counts,
    source: sourceCounts,
    conversationsNotFound: sourceCounts.conversation - records.conversation.length,
  };
}

/** Every tenant the records name: accounts' tenants and the recipients of notifications. */
function tenantsOf(
  accounts: readonly { tenants: readonly { tenantId: string }[] }[],
  outbox: readonly OutboxEntry[],
): string[] {
  const tenants = new Set<string>();
  for (const a of accounts) for (const t of a.tenants) tenants.add(t.tenantId.toLowerCase());
  for (const e of outbox) if (e.recipient) tenants.add(e.recipient.tenantId.toLowerCase());
  return [...tenants];
}
