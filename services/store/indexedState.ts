/**
 * The in-memory, indexed record set behind the memory and lowdb stores. Lookups use maps
 * (by key, by MPN ID, by user, by account, open merges only) so nothing scans all merges.
 * Stored records are frozen deep copies, so callers can't change the store by accident.
 *
 * Writes happen in two steps so a persisting store can write its file between them:
 * `prepare` checks versions and builds the new records without touching the live state;
 * `apply` makes them live.
 */
import { DomainError } from '../errors.js';
import { OutboxIndex } from './outboxIndex.js';
import { addTo, removeFrom } from './setIndex.js';
import { userKey } from '../accounts/validation.js';
import {
  isOpenMerge,
  type OutboxEntry,
  type OutboxStatus,
  type SentCardRecord,
  type ConversationRecord,
  type MergeRequest,
  type MpnId,
  type PartnerAccount,
  type RegistrationRequest,
} from '../model.js';
import { RegistrationIndex } from './registrationIndex.js';
import { RECORD_KEYS, RECORD_KINDS, type MpnMatch, type RecordKind, type StoreRecords, type WriteOp } from './types.js';

type AnyRecord = StoreRecords[RecordKind];

interface Change {
  readonly kind: RecordKind;
  readonly key: string;
  /** undefined: deleted. */
  readonly after: AnyRecord | undefined;
}

export interface Prepared {
  readonly changes: readonly Change[];
  /** Stored versions of the put records, in op order. */
  readonly records: readonly AnyRecord[];
  /** The version of every record it writes (0: deleted), by `kind\0key`. */
  readonly versions: ReadonlyMap<string, number>;
}

export type RecordArrays = { [K in RecordKind]: StoreRecords[K][] };

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class IndexedState {
  private readonly byKey: { [K in RecordKind]: Map<string, StoreRecords[K]> } = {
    account: new Map(),
    merge: new Map(),
    conversation: new Map(),
    sentCard: new Map(),
    outbox: new Map(),
    registration: new Map(),
  };
  private readonly registrations = new RegistrationIndex(this.byKey.registration);
  private readonly accountsByTenant = new Map<string, Set<string>>();
  private readonly sentCardsByMerge = new Map<string, Set<string>>();
  private readonly conversationsByTenant = new Map<string, Set<string>>();
  private readonly outbox = new OutboxIndex(this.byKey.outbox);
  private readonly accountByMpn = new Map<MpnId, string>();
  private readonly accountsByUser = new Map<string, Set<string>>();
  private readonly accountsByWatcher = new Map<string, Set<string>>();
  private readonly mergesByAccount = new Map<MpnId, Set<string>>();
  private readonly openMerges = new Set<string>();

  /**
   * Loads records as they are (versions included). `owned`: the caller hands the objects
   * over (freshly parsed from a file), so they are frozen in place instead of copied.
   */
  constructor(initial?: Partial<RecordArrays>, options: { owned?: boolean } = {}) {
    for (const kind of RECORD_KINDS) {
      for (const record of initial?.[kind] ?? []) {
        this.applyChange({
          kind,
          key: keyOf(kind, record),
          after: deepFreeze(options.owned === true ? record : structuredClone(record)),
        });
      }
    }
  }

  get<K extends RecordKind>(kind: K, key: string): StoreRecords[K] | undefined {
    return this.byKey[kind].get(key);
  }

  /**
   * Checks every expected version; throws `version-conflict` before anything changes.
   * `written`: versions of batches prepared before this one but not applied yet (a group
   * of commits written together).
   */
  prepare(ops: readonly WriteOp[], written?: ReadonlyMap<string, number>): Prepared {
    // Versions as they will be after earlier ops of the same batch.
    const pending = new Map<string, number>();
    const changes: Change[] = [];
    const records: AnyRecord[] = [];
    for (const op of ops) {
      const key = op.op === 'put' ? keyOf(op.kind, op.record) : op.key;
      const slot = `${op.kind}\u0000${key}`;
      const actual = pending.get(slot) ?? written?.get(slot) ?? this.get(op.kind, key)?.version ?? 0;
      if (actual !== op.expectedVersion) {
        throw new DomainError('version-conflict', { kind: op.kind, id: key, expected: op.expectedVersion, actual });
      }
      if (op.op === 'check') continue;
      if (op.op === 'delete') {
        pending.set(slot, 0);
        changes.push({ kind: op.kind, key, after: undefined });
        continue;
      }
      const stored = deepFreeze({ ...structuredClone(op.record), version: op.expectedVersion + 1 }) as AnyRecord;
      pending.set(slot, stored.version);
      changes.push({ kind: op.kind, key, after: stored });
      records.push(stored);
    }
    return { changes, records, versions: pending };
  }

  apply(prepared: Pick<Prepared, 'changes'>): void {
    for (const change of prepared.changes) this.applyChange(change);
  }

  /** All records as arrays, optionally as they would be after `prepared` (for writing a file first). */
  toArrays(prepared?: Prepared): RecordArrays {
    const overlay = new Map<string, AnyRecord | undefined>();
    for (const c of prepared?.changes ?? []) overlay.set(`${c.kind}\u0000${c.key}`, c.after);
    const arrays = (kind: RecordKind): AnyRecord[] => {
      const out: AnyRecord[] = [];
      for (const [key, record] of this.byKey[kind] as Map<string, AnyRecord>) {
        const slot = `${kind}\u0000${key}`;
        const next = overlay.has(slot) ? overlay.get(slot) : record;
        overlay.delete(slot);
        if (next !== undefined) out.push(next);
      }
      for (const [slot, record] of overlay) {
        if (record !== undefined && slot.startsWith(`${kind}\u0000`)) out.push(record);
      }
      return out;
    };
    return {
      account: arrays('account') as PartnerAccount[],
      merge: arrays('merge') as MergeRequest[],
      conversation: arrays('conversation') as ConversationRecord[],
      sentCard: arrays('sentCard') as SentCardRecord[],
      outbox: arrays('outbox') as OutboxEntry[],
      registration: arrays('registration') as RegistrationRequest[],
    };
  }

  /** Secondary indexes per kind: what to add for a stored record and remove for a replaced one. */
  private readonly indexers: Readonly<
    Record<RecordKind, { add(record: AnyRecord): void; remove(record: AnyRecord): void }>
  > = {
    account: {
      add: (r) => this.indexAccount(r as PartnerAccount),
      remove: (r) => this.unindexAccount(r as PartnerAccount),
    },
    merge: { add: (r) => this.indexMerge(r as MergeRequest), remove: (r) => this.unindexMerge(r as MergeRequest) },
    outbox: { add: (r) => this.outbox.add(r as OutboxEntry), remove: (r) => this.outbox.remove(r as OutboxEntry) },
    registration: {
      add: (r) => this.registrations.add(r as RegistrationRequest),
      remove: (r) => this.registrations.remove(r as RegistrationRequest),
    },
    sentCard: {
      add: (r) => addTo(this.sentCardsByMerge, (r as SentCardRecord).mergeId, (r as SentCardRecord).key),
      remove: (r) => removeFrom(this.sentCardsByMerge, (r as SentCardRecord).mergeId, (r as SentCardRecord).key),
    },
    conversation: {
      add: (r) =>
        addTo(
          this.conversationsByTenant,
          (r as ConversationRecord).tenantId.toLowerCase(),
          (r as ConversationRecord).key,
        ),
      remove: (r) =>
        removeFrom(
          this.conversationsByTenant,
          (r as ConversationRecord).tenantId.toLowerCase(),
          (r as ConversationRecord).key,
        ),
    },
  };

  private applyChange(change: Change): void {
    const map = this.byKey[change.kind] as Map<string, AnyRecord>;
    const indexer = this.indexers[change.kind];
    const before = map.get(change.key);
    if (before !== undefined) indexer.remove(before);
    if (change.after === undefined) map.delete(change.key);
    else {
      map.set(change.key, change.after);
      indexer.add(change.after);
    }
  }

  private indexAccount(account: PartnerAccount): void {
    if (account.status !== 'active') return;
    for (const mpnId of mpnIdsOf(account)) this.accountByMpn.set(mpnId, account.globalMpnId);
    for (const user of account.users) addTo(this.accountsByUser, userKey(user), account.globalMpnId);
    for (const watcher of account.watchers) addTo(this.accountsByWatcher, userKey(watcher), account.globalMpnId);
    for (const tenant of account.tenants)
      addTo(this.accountsByTenant, tenant.tenantId.toLowerCase(), account.globalMpnId);
  }

  private unindexAccount(account: PartnerAccount): void {
    // Only drop entries still pointing here: in a merge the PGA may already own them.
    for (const mpnId of mpnIdsOf(account)) {
      if (this.accountByMpn.get(mpnId) === account.globalMpnId) this.accountByMpn.delete(mpnId);
    }
    for (const user of account.users) removeFrom(this.accountsByUser, userKey(user), account.globalMpnId);
    for (const watcher of account.watchers) removeFrom(this.accountsByWatcher, userKey(watcher), account.globalMpnId);
    for (const tenant of account.tenants)
      removeFrom(this.accountsByTenant, tenant.tenantId.toLowerCase(), account.globalMpnId);
  }

  private indexMerge(merge: MergeRequest): void {
    addTo(this.mergesByAccount, merge.initiatorMpnId, merge.id);
    addTo(this.mergesByAccount, merge.invitedMpnId, merge.id);
    if (isOpenMerge(merge)) this.openMerges.add(merge.id);
  }

  private unindexMerge(merge: MergeRequest): void {
    removeFrom(this.mergesByAccount, merge.initiatorMpnId, merge.id);
    removeFrom(this.mergesByAccount, merge.invitedMpnId, merge.id);
    this.openMerges.delete(merge.id);
  }

  /* ---------------------------------------------------------------- reads */

  findByMpnId(mpnId: MpnId): MpnMatch | undefined {
    const key = this.accountByMpn.get(mpnId);
    const account = key === undefined ? undefined : this.byKey.account.get(key);
    if (account === undefined) return undefined;
    if (account.globalMpnId === mpnId) return { kind: 'global', account };
    const location = account.locations.find((l) => l.mpnId === mpnId);
    return location === undefined ? undefined : { kind: 'location', account, location };
  }

  listForUser(aadObjectId: string, tenantId: string): PartnerAccount[] {
    return this.accountsIn(this.accountsByUser, aadObjectId, tenantId);
  }

  listWatchedBy(aadObjectId: string, tenantId: string): PartnerAccount[] {
    return this.accountsIn(this.accountsByWatcher, aadObjectId, tenantId);
  }

  listAccountsForTenant(tenantId: string): PartnerAccount[] {
    const keys = this.accountsByTenant.get(tenantId.toLowerCase()) ?? new Set<string>();
    return [...keys].sort().flatMap((k) => this.byKey.account.get(k) ?? []);
  }

  registrationsForTenant(tenantId: string): RegistrationRequest[] {
    return this.registrations.forTenant(tenantId);
  }

  pendingRegistrations(): RegistrationRequest[] {
    return this.registrations.pending();
  }

  pendingRegistrationsByMpnId(mpnId: MpnId): RegistrationRequest[] {
    return this.registrations.pendingByMpnId(mpnId);
  }

  private accountsIn(index: Map<string, Set<string>>, aadObjectId: string, tenantId: string): PartnerAccount[] {
    const keys = index.get(userKey({ aadObjectId, tenantId })) ?? new Set<string>();
    return [...keys].sort().flatMap((k) => this.byKey.account.get(k) ?? []);
  }

  listAccounts(): PartnerAccount[] {
    return [...this.byKey.account.values()].sort((a, b) => a.globalMpnId.localeCompare(b.globalMpnId));
  }

  listMergesByAccount(globalMpnId: MpnId, limit?: number): MergeRequest[] {
    const ids = this.mergesByAccount.get(globalMpnId) ?? new Set<string>();
    const merges = [...ids].flatMap((id) => this.byKey.merge.get(id) ?? []).sort(newestFirst);
    return limit === undefined ? merges : merges.slice(0, Math.max(0, limit));
  }

  findOpenMerge(globalMpnId: MpnId): MergeRequest | undefined {
    for (const id of this.mergesByAccount.get(globalMpnId) ?? []) {
      if (this.openMerges.has(id)) return this.byKey.merge.get(id);
    }
    return undefined;
  }

  private openWhere(test: (m: MergeRequest) => boolean): MergeRequest[] {
    return [...this.openMerges]
      .flatMap((id) => this.byKey.merge.get(id) ?? [])
      .filter(test)
      .sort(oldestFirst);
  }

  dueForExpiry(now: Date): MergeRequest[] {
    const t = now.getTime();
    return this.openWhere((m) => m.status === 'invited' && Date.parse(m.expiresAt) <= t);
  }

  dueForReminder(now: Date): MergeRequest[] {
    const t = now.getTime();
    return this.openWhere(
      (m) =>
        m.status === 'invited' &&
        m.reminderSentAt === undefined &&
        Date.parse(m.remindAt) <= t &&
        Date.parse(m.expiresAt) > t,
    );
  }

  /** The service URL of the tenant's most recently updated conversation. */
  serviceUrlForTenant(tenantId: string): string | undefined {
    let newest: ConversationRecord | undefined;
    for (const key of this.conversationsByTenant.get(tenantId.toLowerCase()) ?? []) {
      const record = this.byKey.conversation.get(key);
      const url = record?.reference.serviceUrl;
      if (
        record &&
        typeof url === 'string' &&
        url !== '' &&
        (newest === undefined || record.updatedAt > newest.updatedAt)
      )
        newest = record;
    }
    const url = newest?.reference.serviceUrl;
    return typeof url === 'string' ? url : undefined;
  }

  sentCardsForMerge(mergeId: string): SentCardRecord[] {
    const keys = this.sentCardsByMerge.get(mergeId) ?? new Set<string>();
    return [...keys]
      .flatMap((k) => this.byKey.sentCard.get(k) ?? [])
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.localeCompare(b.key));
  }

  outboxDue(now: Date, limit: number): OutboxEntry[] {
    return this.outbox.due(now, limit);
  }

  outboxNextDueAt(): Date | undefined {
    return this.outbox.nextDueAt();
  }

  outboxByStatusList(status: OutboxStatus, limit?: number): OutboxEntry[] {
    return this.outbox.withStatus(status, limit);
  }

  outboxActiveForMerge(mergeId: string): OutboxEntry[] {
    return this.outbox.activeForMerge(mergeId);
  }

  outboxParkedFor(tenantId: string, aadObjectId: string): OutboxEntry[] {
    return this.outbox.parkedFor(tenantId, aadObjectId);
  }

  outboxCount(status?: OutboxStatus): number {
    return this.outbox.count(status);
  }

  count(kind: RecordKind): number {
    return this.byKey[kind].size;
  }
}

function keyOf<K extends RecordKind>(kind: K, record: StoreRecords[K]): string {
  return RECORD_KEYS[kind](record);
}

function mpnIdsOf(account: PartnerAccount): MpnId[] {
  return [account.globalMpnId, ...account.locations.map((l) => l.mpnId)];
}

function newestFirst(a: MergeRequest, b: MergeRequest): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id);
}

function oldestFirst(a: MergeRequest, b: MergeRequest): number {
  return -newestFirst(a, b);
}
