/**
 * Store contracts. Every backend (in-memory, lowdb, Azure Table) implements `Store`
 * and passes test/services/storeConformance.ts.
 *
 * Writes go through one method, `commit`, which takes a list of typed operations and
 * applies all of them or none. Each operation names the version it expects, so two
 * writers that read the same record cannot both win (optimistic concurrency). New record
 * kinds (an outbox, conversation references) are added to `StoreRecords` and
 * `RECORD_KEYS`; the shape of `commit` stays the same.
 */
import type {
  ConversationRecord,
  OutboxEntry,
  OutboxStatus,
  SentCardRecord,
  MergeRequest,
  MpnId,
  PartnerAccount,
  Location,
  RegistrationRequest,
} from '../model.js';

/** Record kinds a commit can write, by name. */
export interface StoreRecords {
  account: PartnerAccount;
  merge: MergeRequest;
  conversation: ConversationRecord;
  sentCard: SentCardRecord;
  outbox: OutboxEntry;
  registration: RegistrationRequest;
}
export type RecordKind = keyof StoreRecords;

/** How each kind is keyed. */
export const RECORD_KEYS: { readonly [K in RecordKind]: (record: StoreRecords[K]) => string } = {
  account: (a) => a.globalMpnId,
  merge: (m) => m.id,
  conversation: (c) => c.key,
  sentCard: (c) => c.key,
  outbox: (e) => e.id,
  registration: (r) => r.id,
};
export const RECORD_KINDS = Object.keys(RECORD_KEYS) as RecordKind[];

/**
 * Insert or replace a record. `expectedVersion` 0 means "must not exist yet"; otherwise the
 * stored version must equal it. The stored record gets `version = expectedVersion + 1`
 * (whatever `record.version` says).
 */
export type PutOp = {
  [K in RecordKind]: {
    readonly op: 'put';
    readonly kind: K;
    readonly record: StoreRecords[K];
    readonly expectedVersion: number;
  };
}[RecordKind];
export interface DeleteOp {
  readonly op: 'delete';
  readonly kind: RecordKind;
  readonly key: string;
  readonly expectedVersion: number;
}
/** Writes nothing: the commit goes through only if the record is still at `expectedVersion` (0: absent). */
export interface CheckOp {
  readonly op: 'check';
  readonly kind: RecordKind;
  readonly key: string;
  readonly expectedVersion: number;
}
export type WriteOp = PutOp | DeleteOp | CheckOp;

export function put<K extends RecordKind>(
  kind: K,
  record: StoreRecords[K],
  expectedVersion: number = record.version,
): WriteOp {
  return { op: 'put', kind, record, expectedVersion } as WriteOp;
}

export function check(kind: RecordKind, key: string, expectedVersion: number): WriteOp {
  return { op: 'check', kind, key, expectedVersion };
}

export interface CommitResult {
  /** The stored records of the put operations, in order, with their new versions. */
  readonly records: readonly StoreRecords[RecordKind][];
}

/** A match of `AccountRepository.findByMpnId`. */
export type MpnMatch =
  | { readonly kind: 'global'; readonly account: PartnerAccount }
  | { readonly kind: 'location'; readonly account: PartnerAccount; readonly location: Location };

export interface AccountRepository {
  /** By global MPN ID; also returns accounts absorbed by a merge (`status: 'merged'`). */
  get(globalMpnId: MpnId): Promise<PartnerAccount | undefined>;
  /** Active accounts only: the account that owns this MPN ID as its global or a location ID. */
  findByMpnId(mpnId: MpnId): Promise<MpnMatch | undefined>;
  /** Active accounts the user belongs to. */
  listForUser(aadObjectId: string, tenantId: string): Promise<PartnerAccount[]>;
  /** Active accounts one of whose tenants is this one. */
  listForTenant(tenantId: string): Promise<PartnerAccount[]>;
  /** Active accounts that have the person on their managers list (watchers). */
  listWatchedBy(aadObjectId: string, tenantId: string): Promise<PartnerAccount[]>;
  /** All accounts, merged ones included, ordered by global MPN ID. */
  list(): Promise<PartnerAccount[]>;
  count(): Promise<number>;
}

export interface MergeRepository {
  get(id: string): Promise<MergeRequest | undefined>;
  /** Merges where the account is initiator or invited, newest first (createdAt, then id). */
  listByAccount(globalMpnId: MpnId, options?: { readonly limit?: number }): Promise<MergeRequest[]>;
  /** The open (invited or accepted) merge on either side, if any. */
  findOpenForAccount(globalMpnId: MpnId): Promise<MergeRequest | undefined>;
  /** Invited requests whose expiry moment has passed. */
  listDueForExpiry(now: Date): Promise<MergeRequest[]>;
  /** Invited requests past their reminder point, not yet reminded, not yet expired. */
  listDueForReminder(now: Date): Promise<MergeRequest[]>;
  count(): Promise<number>;
}

export interface ConversationRepository {
  /** The personal-chat reference of a user, if the bot has one. */
  get(tenantId: string, aadObjectId: string): Promise<ConversationRecord | undefined>;
  /**
   * The Bot Connector service URL of the newest conversation the bot has in the tenant:
   * Teams' service URLs are regional, so a new chat with someone of that tenant starts there.
   */
  serviceUrlForTenant(tenantId: string): Promise<string | undefined>;
  count(): Promise<number>;
}

export interface SentCardRepository {
  /** Cards delivered for one merge, oldest first. */
  listForMerge(mergeId: string): Promise<SentCardRecord[]>;
  count(): Promise<number>;
}

export interface OutboxRepository {
  get(id: string): Promise<OutboxEntry | undefined>;
  /** Pending entries due at `now`, and sending ones whose lease ran out; oldest due first. */
  listDue(now: Date, limit: number): Promise<OutboxEntry[]>;
  /** The earliest moment an entry becomes due, if any is pending or sending. */
  nextDueAt(): Promise<Date | undefined>;
  listByStatus(status: OutboxStatus, limit?: number): Promise<OutboxEntry[]>;
  /** Parked entries waiting for this person to become reachable. */
  listParkedFor(tenantId: string, aadObjectId: string): Promise<OutboxEntry[]>;
  /** A merge's entries still to be delivered (pending or sending), oldest first. */
  listActiveForMerge(mergeId: string): Promise<OutboxEntry[]>;
  count(status?: OutboxStatus): Promise<number>;
}

export interface RegistrationRepository {
  get(id: string): Promise<RegistrationRequest | undefined>;
  /** The tenant's registrations, newest first. */
  listForTenant(tenantId: string): Promise<RegistrationRequest[]>;
  /** Registrations waiting for a reviewer, oldest first. */
  listPending(): Promise<RegistrationRequest[]>;
  /** Pending registrations that name the Partner ID as their global or a location ID. */
  listPendingByMpnId(mpnId: MpnId): Promise<RegistrationRequest[]>;
  count(): Promise<number>;
}

export interface StoreInfo {
  readonly kind: string;
  readonly schemaVersion: number;
}

/** The repositories, read together. */
export interface StoreReads {
  readonly accounts: AccountRepository;
  readonly merges: MergeRepository;
  readonly conversations: ConversationRepository;
  readonly sentCards: SentCardRepository;
  readonly outbox: OutboxRepository;
  readonly registrations: RegistrationRepository;
}

export interface Store extends StoreReads {
  /**
   * Reads that share one look at the store: current as of this call (every commit that
   * finished before it is in), with no further round trip per read (Azure: one `~gen`
   * read for all of them). For a unit of work that reads several records, like a click.
   */
  snapshot(): Promise<StoreReads>;
  /**
   * Applies every operation or none. Throws `DomainError('version-conflict')` when any
   * expected version does not match; nothing is written then.
   */
  commit(ops: readonly WriteOp[]): Promise<CommitResult>;
  ping(): Promise<{ ok: boolean; detail?: string }>;
  info(): StoreInfo;
  /** Waits for pending writes and releases resources (the lowdb lock). Idempotent. */
  close(): Promise<void>;
}

/** The record a commit stored for the put of `kind` and `key` (looked up, not counted by position). */
export function committedRecord<K extends RecordKind>(
  ops: readonly WriteOp[],
  result: CommitResult,
  kind: K,
  key: string,
): StoreRecords[K] {
  const puts = ops.filter((op) => op.op === 'put');
  const index = puts.findIndex(
    (op) => op.kind === kind && (RECORD_KEYS[kind] as (record: StoreRecords[RecordKind]) => string)(op.record) === key,
  );
  const found = index < 0 ? undefined : result.records[index];
  if (found === undefined) throw new Error(`the commit stored no ${kind} ${key}`);
  return found as StoreRecords[K];
}
