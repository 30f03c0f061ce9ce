/**
 * The Azure Table Storage store (`STORE=azure`): several bot instances share it. Works
 * the same on Cosmos DB for Table. Design and trade-offs: docs/azure-storage.md.
 *
 * - One table; every record is one entity in ONE partition (`PARTITION`), RowKey
 *   `<kind>|<key>`. A commit is one entity-group transaction (`submitTransaction`): all
 *   of it or nothing, across every record kind, so a merge decision and its outbox
 *   entries can never be half written, and no saga is needed.
 * - Optimistic concurrency twice over: the record's `version` (checked against a fresh
 *   view before sending) and the entity ETag on every update/delete inside the
 *   transaction (`createEntity` for "must not exist"), so a commit that raced another
 *   instance fails with 412/409 as a whole: `DomainError('version-conflict')`.
 * - Deletes write a tombstone with the ETag (Replace) instead of a DELETE: the ETag
 *   check then holds on every service (Azurite ignores If-Match on batched deletes), and
 *   re-creating the key is an ETag-checked replace of the tombstone.
 * - Every commit moves the `~gen` row from sequence number n to n + 1 with an ETag check
 *   (so commits are ordered, and one that raced another fails as a whole and is retried
 *   after catching up) and writes a change slot `~chg|<n + 1 mod 1024>` listing the rows
 *   it wrote. Reads first read `~gen`: unchanged means the cached view is current (one
 *   point read); otherwise only the rows named by the missed slots are read again. The
 *   partition is read whole only at start or when an instance fell more than 512 commits
 *   behind. A read so sees every commit that finished before it, from any instance.
 * - Record JSON is kept in string properties of at most 32k characters (`d0`, `d1`, …;
 *   a property holds 64 KiB), so a record may grow to ~1 MB, the entity limit.
 */
import { TableClient, TableTransaction, type TableEntity, type TableEntityResult, type TableServiceClientOptions, type TableTransactionResponse } from '@azure/data-tables';
import { DomainError, StoreError } from '../errors.js';
import { eachLimited } from '../concurrency.js';
import { isLoopbackStorage, type AzureServiceAccess } from './azure/access.js';
import type { Logger } from '../logger.js';
import { IndexedState, deepFreeze, repositoriesOver, type Prepared, type RecordArrays } from './indexedState.js';
import { RECORD_KEYS, RECORD_KINDS, type CommitResult, type RecordKind, type Store, type StoreRecords, type WriteOp } from './types.js';

export const AZURE_SCHEMA_VERSION = 2;
export const DEFAULT_AZURE_TABLE = 'pmbrecords';
/** The consistency group of all records (see the header). */
export const PARTITION = 'domain';
const GEN_ROW = '~gen';
const CHANGE_PREFIX = '~chg|';
/** Change slots are reused round-robin; a reader may fall this many commits behind before it reloads. */
const CHANGE_SLOTS = 1024;
const MAX_CATCH_UP = CHANGE_SLOTS / 2;
/** Beyond this many changed rows, one partition query is cheaper than point reads. */
const MAX_CATCH_UP_ROWS = 500;
const MAX_COMMIT_ATTEMPTS = 20;
const CHUNK = 32_000;
const MAX_CHUNKS = 15;
/** Entity-group transactions take at most 100 operations; two are `~gen` and the change slot. */
export const MAX_OPS_PER_COMMIT = 98;

export type AzureStoreOptions = AzureServiceAccess & {
  readonly tableName?: string;
  readonly logger?: Logger;
  /** Extra client options (tests count the requests with a pipeline policy). */
  readonly clientOptions?: TableServiceClientOptions;
};

type AnyRecord = StoreRecords[RecordKind];

interface RecordEntity {
  partitionKey: string;
  rowKey: string;
  kind: string;
  key: string;
  v: number;
  deleted: boolean;
  n: number;
  [chunk: `d${number}`]: string;
}

interface View {
  /** Sequence number of the last commit in the view; -1 before the first load. */
  readonly seq: number;
  readonly genEtag: string | undefined;
  readonly state: IndexedState;
  /** ETag per row key, tombstones included (updated in place: copying it per commit would cost O(records)). */
  readonly etags: Map<string, string>;
}

export function rowKeyOf(kind: RecordKind, key: string): string {
  // RowKey may not hold / \ # ? or control characters.
  return `${kind}|${encodeURIComponent(key)}`;
}

function parseRowKey(rowKey: string): [RecordKind, string] {
  const bar = rowKey.indexOf('|');
  const kind = rowKey.slice(0, bar) as RecordKind;
  if (bar < 0 || !RECORD_KINDS.includes(kind)) throw new StoreError('store-corrupt', `Table row ${rowKey} is not a record row.`);
  return [kind, decodeURIComponent(rowKey.slice(bar + 1))];
}

/** A long string as properties `d0 … d<n-1>` plus `n` (a string property holds 64 KiB). */
function chunked(json: string): { n: number; [chunk: `d${number}`]: string } {
  const n = Math.ceil(json.length / CHUNK);
  if (n > MAX_CHUNKS) throw new Error(`A value of ${json.length} characters is too large for one table entity.`);
  const out: { n: number; [chunk: `d${number}`]: string } = { n };
  for (let i = 0; i < n; i++) out[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

function joinChunks(entity: Record<string, unknown>): string {
  const n = entity.n;
  if (typeof n !== 'number') throw new StoreError('store-corrupt', `Table entity ${String(entity.rowKey)} has no part count.`);
  let json = '';
  for (let i = 0; i < n; i++) {
    const chunk = entity[`d${i}`];
    if (typeof chunk !== 'string') throw new StoreError('store-corrupt', `Table entity ${String(entity.rowKey)} lacks part d${i} of its record.`);
    json += chunk;
  }
  return json;
}

function toEntity(kind: RecordKind, key: string, record: AnyRecord | undefined): RecordEntity {
  const json = record === undefined ? '' : JSON.stringify(record);
  if (Math.ceil(json.length / CHUNK) > MAX_CHUNKS) throw new Error(`The ${kind} record ${key} is too large for one table entity (${json.length} characters).`);
  return { partitionKey: PARTITION, rowKey: rowKeyOf(kind, key), kind, key, v: record?.version ?? 0, deleted: record === undefined, ...chunked(json) };
}

function fromEntity(entity: TableEntityResult<Record<string, unknown>>): { kind: RecordKind; record: AnyRecord } | undefined {
  if (entity.deleted === true || typeof entity.kind !== 'string' || typeof entity.n !== 'number') return undefined;
  const kind = entity.kind as RecordKind;
  if (!RECORD_KINDS.includes(kind)) return undefined;
  return { kind, record: JSON.parse(joinChunks(entity)) as AnyRecord };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export async function openAzureStore(options: AzureStoreOptions): Promise<Store> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = tableClient(options, tableName, options.clientOptions);
  await client.createTable();
  const store = new AzureTableStore(client, tableName, options.logger);
  await store.refresh();
  return store.asStore();
}

function tableClient(access: AzureServiceAccess, tableName: string, options: TableServiceClientOptions = {}): TableClient {
  if ('connectionString' in access) return TableClient.fromConnectionString(access.connectionString, tableName, { ...options, allowInsecureConnection: isLoopbackStorage(access.connectionString) });
  // A bearer token is never sent over plain HTTP (the SDK refuses it too).
  return new TableClient(access.url, tableName, access.credential, options);
}

/** The `~gen` row as read: the sequence number of the last commit and the row's ETag. */
interface Gen {
  readonly seq: number;
  readonly etag: string | undefined;
}

const sameGen = (a: Gen, b: Gen): boolean => a.seq === b.seq && a.etag === b.etag;

export function slotRowKey(seq: number): string {
  return `${CHANGE_PREFIX}${String(seq % CHANGE_SLOTS).padStart(4, '0')}`;
}

async function readGen(client: TableClient): Promise<Gen> {
  try {
    const row = await client.getEntity<{ seq?: unknown }>(PARTITION, GEN_ROW);
    return { seq: typeof row.seq === 'number' ? row.seq : 0, etag: row.etag };
  } catch (err) {
    if (statusOf(err) === 404) return { seq: 0, etag: undefined };
    throw err;
  }
}

type Change = Prepared['changes'][number];
type Row = TableEntityResult<Record<string, unknown>>;

interface PendingCommit {
  readonly ops: readonly WriteOp[];
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
}

interface Selection {
  readonly accepted: PendingCommit[];
  readonly conflicts: Array<{ commit: PendingCommit; error: unknown }>;
  readonly prepared: Prepared | undefined;
  readonly finals: ReadonlyMap<string, Change>;
  /** The serialized entity of every row the accepted commits write (last write wins). */
  readonly entities: ReadonlyMap<string, RecordEntity>;
  /** Did not fit in this transaction: back to the head of the queue. */
  readonly deferred: PendingCommit[];
}

class AzureTableStore {
  private view: View = { seq: -1, genEtag: undefined, state: new IndexedState(), etags: new Map() };
  private loading: Promise<void> | undefined;
  /** Commits of this instance run one at a time: they would only contend on `~gen`. */
  private waiting: PendingCommit[] = [];
  private flushing: Promise<void> | undefined;
  private genRead: Promise<Gen> | undefined;
  /** Our transaction under way, by the `~gen` sequence number it writes. */
  private inFlight: { readonly seq: number; readonly done: Promise<void> } | undefined;
  private nextGenRead: Promise<Gen> | undefined;
  private closed = false;

  constructor(
    private readonly client: TableClient,
    private readonly tableName: string,
    private readonly logger: Logger | undefined,
  ) {}

  private ensureOpen(): void {
    if (this.closed) throw new StoreError('store-closed', `The Azure table store ${this.tableName} is closed.`);
  }

  private isCurrent(gen: Gen): boolean {
    return gen.seq === this.view.seq && gen.etag === this.view.genEtag;
  }

  /**
   * Reads `~gen`, sharing the read with concurrent callers — but only a read that starts
   * after the call, so a caller still sees every commit that finished before it called.
   */
  private readGenShared(): Promise<Gen> {
    if (this.genRead === undefined) {
      this.genRead = readGen(this.client).finally(() => {
        this.genRead = undefined;
      });
      return this.genRead;
    }
    this.nextGenRead ??= this.genRead
      .catch(() => undefined)
      .then(() => {
        this.nextGenRead = undefined;
        return this.readGenShared();
      });
    return this.nextGenRead;
  }

  /** Brings the cached view up to date with the table; concurrent callers share one load. */
  async refresh(): Promise<void> {
    this.ensureOpen();
    const gen = await this.readGenShared();
    if (this.isCurrent(gen) || gen.seq < this.view.seq) return;
    // Our own transaction landed and its answer is on the way: wait for it rather than
    // read back what we wrote.
    const own = this.inFlight;
    if (own && own.seq >= gen.seq) {
      await own.done;
      if (this.isCurrent(gen) || gen.seq < this.view.seq) return;
    }
    // Callers that arrive during a load wait for it, then check again.
    while (this.loading) await this.loading;
    if (this.isCurrent(gen) || gen.seq < this.view.seq) return;
    this.loading = this.catchUp(gen);
    try {
      await this.loading;
    } finally {
      this.loading = undefined;
    }
  }

  /**
   * Applies the commits between the view and `gen`: their change slots name the rows they
   * wrote, and only those rows are read. Falls back to a full load when the view is too
   * far behind (slots overwritten), when the table was written without slots (a
   * migration, an older schema), or when it keeps changing under the reads.
   */
  private async catchUp(gen: Gen): Promise<void> {
    const base = this.view;
    if (base.seq < 0 || gen.seq - base.seq > MAX_CATCH_UP || gen.seq < base.seq) return this.load();
    const keys = await this.changedRows(base.seq + 1, gen.seq);
    const settled = keys === undefined ? undefined : await this.settle(gen, keys);
    if (settled === undefined) return this.load();
    this.applyRows(settled.rows, settled.target);
  }

  /**
   * Reads `pending` (rows that changed up to `target`) until what was read is a snapshot:
   * after the reads, `~gen` is unchanged, or the commits that landed meanwhile touched none
   * of the rows just read (then every row is as it was at `target`). Rows those commits
   * did touch are read again, against the newer `~gen`. Undefined: give up (load whole).
   */
  private async settle(first: Gen, firstPending: ReadonlySet<string>): Promise<{ target: Gen; rows: Map<string, Row | undefined> } | undefined> {
    const rows = new Map<string, Row | undefined>();
    let target = first;
    let pending = firstPending;
    for (let round = 0; round < 8; round++) {
      if (rows.size + pending.size > MAX_CATCH_UP_ROWS) return undefined;
      await eachLimited([...pending], 16, async (rowKey) => {
        rows.set(rowKey, await this.readRow(rowKey));
      });
      const after = await readGen(this.client);
      if (sameGen(after, target)) return { target, rows };
      if (after.seq < target.seq) return undefined;
      const later = await this.changedRows(target.seq + 1, after.seq);
      if (later === undefined) return undefined;
      if (![...pending].some((rowKey) => later.has(rowKey))) return { target, rows };
      target = after;
      pending = later;
    }
    this.logger?.warn({ table: this.tableName }, 'azure store: rows kept changing while catching up; loading the partition whole');
    return undefined;
  }

  /** Row keys written by the commits `first`..`last`, or undefined when a slot is gone. */
  private async changedRows(first: number, last: number): Promise<Set<string> | undefined> {
    const keys = new Set<string>();
    if (last < first) return keys;
    const seen = new Set<number>();
    const ranges: Array<[number, number]> =
      first % CHANGE_SLOTS <= last % CHANGE_SLOTS ? [[first, last]] : [[first, first + (CHANGE_SLOTS - 1 - (first % CHANGE_SLOTS))], [last - (last % CHANGE_SLOTS), last]];
    for (const [a, b] of ranges) {
      const filter = `PartitionKey eq '${PARTITION}' and RowKey ge '${slotRowKey(a)}' and RowKey le '${slotRowKey(b)}'`;
      for await (const slot of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const seq = slot.seq;
        // A slot reused by a later commit means the view is too far behind.
        if (typeof seq !== 'number' || seq < first || seq > last) return undefined;
        seen.add(seq);
        for (const key of JSON.parse(joinChunks(slot)) as string[]) keys.add(key);
      }
    }
    return seen.size === last - first + 1 ? keys : undefined;
  }

  private async readRow(rowKey: string): Promise<TableEntityResult<Record<string, unknown>> | undefined> {
    try {
      return await this.client.getEntity<Record<string, unknown>>(PARTITION, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  private applyRows(rows: ReadonlyMap<string, Row | undefined>, gen: Gen): void {
    // Our own commit may have moved the view past these rows meanwhile.
    if (gen.seq <= this.view.seq) return;
    this.view.state.apply({ changes: this.changesOf(rows, this.view.etags), records: [] });
    this.view = { seq: gen.seq, genEtag: gen.etag, state: this.view.state, etags: this.view.etags };
  }

  /** Record changes of rows read back (undefined: gone), noting their ETags. */
  private changesOf(rows: ReadonlyMap<string, Row | undefined>, etags: Map<string, string>): Change[] {
    const changes: Change[] = [];
    for (const [rowKey, entity] of rows) {
      const [kind, key] = parseRowKey(rowKey);
      if (entity === undefined) etags.delete(rowKey);
      else etags.set(rowKey, entity.etag);
      const parsed = entity === undefined ? undefined : fromEntity(entity);
      changes.push({ kind, key, after: parsed === undefined ? undefined : deepFreeze(parsed.record) });
    }
    return changes;
  }


  /** Reads the whole partition, then settles the rows that changed during the (paged) query. */
  private async load(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const genBefore = await readGen(this.client);
      const arrays: RecordArrays = { account: [], merge: [], conversation: [], sentCard: [], outbox: [] };
      const etags = new Map<string, string>();
      // Record rows sort before the bookkeeping rows (`~gen`, `~chg|…`).
      const filter = `PartitionKey eq '${PARTITION}' and RowKey lt '~'`;
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        etags.set(entity.rowKey ?? '', entity.etag);
        const parsed = fromEntity(entity);
        if (parsed) (arrays[parsed.kind] as AnyRecord[]).push(parsed.record);
      }
      const genAfter = await readGen(this.client);
      let target = genAfter;
      let rows = new Map<string, Row | undefined>();
      let snapshot = sameGen(genAfter, genBefore);
      if (!snapshot) {
        // Rows written during the query may be torn across commits: read them again.
        const keys = await this.changedRows(genBefore.seq + 1, genAfter.seq);
        const settled = keys === undefined ? undefined : await this.settle(genAfter, keys);
        if (settled === undefined && attempt < 5) continue;
        if (settled !== undefined) {
          ({ target, rows } = settled);
          snapshot = true;
        } else this.logger?.warn({ table: this.tableName }, 'azure store: table kept changing while loading; using the latest view');
      }
      const state = new IndexedState(arrays, { owned: true });
      state.apply({ changes: this.changesOf(rows, etags), records: [] });
      // A view that is not a snapshot keeps seq -1, so the next read loads it again.
      this.view = { seq: snapshot ? target.seq : -1, genEtag: target.etag, state, etags };
      return;
    }
  }

  /**
   * Group commit: commits that arrive while a transaction is under way wait, then go
   * together in the next one (each still checked and answered on its own). One instance
   * so sends one transaction per round trip however many turns and deliveries commit at
   * once, instead of queueing them one by one behind `~gen`.
   */
  async commit(ops: readonly WriteOp[]): Promise<CommitResult> {
    this.ensureOpen();
    if (ops.length === 0) return { records: [] };
    return new Promise<CommitResult>((resolve, reject) => {
      this.waiting.push({ ops, resolve, reject });
      this.flushing ??= this.flushWaiting();
    });
  }

  private async flushWaiting(): Promise<void> {
    // Run after `commit` has stored this promise (and gather what else arrives this tick).
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.waiting.length);
      try {
        await this.commitBatch(batch);
      } catch (err) {
        // commitBatch answers every commit itself; this is a bug guard, never a hang.
        for (const c of batch) c.reject(err);
      }
    }
    // No await between the last check and this: a commit arriving later starts a new flush.
    this.flushing = undefined;
  }

  /** Sends the commits of `batch` that pass their version checks as one transaction. */
  private async commitBatch(batch: PendingCommit[], solo = false): Promise<void> {
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      // First try on the view as it is (usually current: the callers just read through
      // it, or it is our own last commit); the `~gen` ETag in the transaction catches a
      // stale view, and then the next round catches up first.
      if (attempt > 1 || this.view.seq < 0) await this.refresh();
      const base = this.view;
      const { accepted, conflicts, prepared, finals, entities, deferred } = this.select(base, pending, solo);
      if (deferred.length > 0) this.waiting.unshift(...deferred);
      if (attempt === 1 && conflicts.length > 0) {
        // Possibly only our view was stale: check again on a fresh one before refusing.
        pending = pending.filter((c) => !deferred.includes(c));
        continue;
      }
      for (const { commit, error } of conflicts) commit.reject(error);
      if (accepted.length === 0 || prepared === undefined) return;
      let tx: { actions: TableTransaction['actions']; written: string[]; seq: number };
      try {
        tx = this.transactionOf(base, finals, entities);
      } catch (err) {
        // A record too large for an entity: answer each commit on its own.
        if (!solo && accepted.length > 1) return this.commitEachAlone(accepted);
        for (const c of accepted) c.reject(err);
        return;
      }
      let response: TableTransactionResponse;
      let landed = (): void => undefined;
      this.inFlight = { seq: tx.seq, done: new Promise<void>((done) => (landed = done)) };
      try {
        response = await this.client.submitTransaction(tx.actions);
      } catch (err) {
        this.inFlight = undefined;
        landed();
        const status = statusOf(err);
        if (status === 409 || status === 412) {
          if (attempt >= MAX_COMMIT_ATTEMPTS) {
            for (const c of accepted) c.reject(conflictOf(c.ops));
            return;
          }
          // Another commit got in first (an instance's, or ours from before a restart):
          // the next round catches up and re-checks the versions.
          pending = accepted;
          await new Promise((done) => setTimeout(done, Math.random() * 5 * attempt));
          continue;
        }
        if (!solo && accepted.length > 1) return this.commitEachAlone(accepted);
        for (const c of accepted) c.reject(err);
        return;
      }
      this.afterCommit(base, tx.seq, prepared, tx.written, response);
      this.inFlight = undefined;
      landed();
      let at = 0;
      for (const c of accepted) {
        const puts = c.ops.filter((op) => op.op === 'put').length;
        c.resolve({ records: prepared.records.slice(at, at + puts) });
        at += puts;
      }
      return;
    }
  }

  private async commitEachAlone(commits: readonly PendingCommit[]): Promise<void> {
    for (const c of commits) await this.commitBatch([c], true);
  }

  /**
   * Picks, in order, the commits that pass their version checks on top of the ones before
   * them and fit in one transaction; the first that does not fit and everything after it
   * wait for the next transaction.
   */
  private select(base: View, commits: readonly PendingCommit[], solo: boolean): Selection {
    const accepted: PendingCommit[] = [];
    const conflicts: Array<{ commit: PendingCommit; error: unknown }> = [];
    let ops: WriteOp[] = [];
    let prepared: Prepared | undefined;
    let finals = new Map<string, Change>();
    const entities = new Map<string, RecordEntity>();
    for (const [i, commit] of commits.entries()) {
      let next: Prepared;
      try {
        // The earlier accepted ops passed together, so an error here is this commit's.
        next = base.state.prepare([...ops, ...commit.ops]);
        // One change per op: serialize this commit's records now, so one too large for an
        // entity is refused alone (and is not serialized twice).
        const own = next.changes.slice(ops.length).map((change) => [rowKeyOf(change.kind, change.key), toEntity(change.kind, change.key, change.after)] as const);
        for (const [rowKey, entity] of own) entities.set(rowKey, entity);
      } catch (error) {
        conflicts.push({ commit, error });
        continue;
      }
      // A transaction may touch each entity once: the last change of a key wins, checked
      // against the ETag the key had before the batch.
      const nextFinals = new Map<string, Change>();
      for (const change of next.changes) nextFinals.set(rowKeyOf(change.kind, change.key), change);
      if (nextFinals.size > MAX_OPS_PER_COMMIT) {
        if (accepted.length === 0 || solo) {
          conflicts.push({ commit, error: new Error(`A commit may change at most ${MAX_OPS_PER_COMMIT} records on Azure Table Storage (got ${nextFinals.size}).`) });
          continue;
        }
        return { accepted, conflicts, prepared, finals, entities, deferred: commits.slice(i) };
      }
      accepted.push(commit);
      ops = [...ops, ...commit.ops];
      prepared = next;
      finals = nextFinals;
    }
    return { accepted, conflicts, prepared, finals, entities, deferred: [] };
  }

  private transactionOf(base: View, finals: ReadonlyMap<string, Change>, entities: ReadonlyMap<string, RecordEntity>): { actions: TableTransaction['actions']; written: string[]; seq: number } {
    const seq = base.seq + 1;
    const tx = new TableTransaction();
    const written: string[] = [];
    for (const [rowKey, change] of finals) {
      const entity = entities.get(rowKey) ?? toEntity(change.kind, change.key, change.after);
      const etag = base.etags.get(rowKey);
      if (etag === undefined) {
        // Created and deleted in the same batch: nothing to store.
        if (change.after === undefined) continue;
        tx.createEntity<RecordEntity>(entity);
      } else tx.updateEntity<RecordEntity>(entity, 'Replace', { etag });
      written.push(rowKey);
    }
    // `~gen` moves by one only from the version this view has: any other commit since
    // makes this transaction fail as a whole (then: catch up, check again, retry).
    const gen: TableEntity<{ seq: number; s: number }> = { partitionKey: PARTITION, rowKey: GEN_ROW, seq, s: AZURE_SCHEMA_VERSION };
    if (base.genEtag === undefined) tx.createEntity(gen);
    else tx.updateEntity(gen, 'Replace', { etag: base.genEtag });
    tx.upsertEntity({ partitionKey: PARTITION, rowKey: slotRowKey(seq), seq, ...chunked(JSON.stringify(written)) }, 'Replace');
    return { actions: tx.actions, written, seq };
  }

  /** Moves the view past our own commit without reading anything back. */
  private afterCommit(base: View, seq: number, prepared: Prepared, written: readonly string[], response: TableTransactionResponse): void {
    // A catch-up that ran meanwhile already holds this commit.
    if (this.view !== base) return;
    // Sub-responses come in the order of the actions (written rows, then `~gen`); only
    // creates carry their row key, so they are matched by position.
    const etagAt = (i: number): string | undefined => response.subResponses[i]?.etag;
    // Without every new ETag the view cannot write these rows again: let the next read
    // catch up from the change slot instead.
    const genEtag = etagAt(written.length);
    if (genEtag === undefined || response.subResponses.length !== written.length + 2 || written.some((_, i) => etagAt(i) === undefined)) return;
    for (const [i, rowKey] of written.entries()) base.etags.set(rowKey, etagAt(i)!);
    base.state.apply(prepared);
    this.view = { seq, genEtag, state: base.state, etags: base.etags };
  }

  async ping(): Promise<{ ok: boolean; detail?: string }> {
    if (this.closed) return { ok: false, detail: 'closed' };
    try {
      await readGen(this.client);
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: `table ${this.tableName} not reachable: ${(err as Error).message}` };
    }
  }

  asStore(): Store {
    const base = repositoriesOver(
      () => this.view.state,
      () => this.ensureOpen(),
    );
    const fresh = <T extends object>(repo: T): T => {
      const out: Record<string, unknown> = {};
      for (const [name, fn] of Object.entries(repo) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
        out[name] = async (...args: unknown[]) => {
          await this.refresh();
          return fn(...args);
        };
      }
      return out as T;
    };
    return {
      accounts: fresh(base.accounts),
      merges: fresh(base.merges),
      conversations: fresh(base.conversations),
      sentCards: fresh(base.sentCards),
      outbox: fresh(base.outbox),
      commit: (ops) => this.commit(ops),
      ping: () => this.ping(),
      info: () => ({ kind: 'azure', schemaVersion: AZURE_SCHEMA_VERSION }),
      close: async () => {
        this.closed = true;
        while (this.flushing) await this.flushing;
        while (this.loading) await this.loading.catch(() => undefined);
      },
    };
  }
}

function conflictOf(ops: readonly WriteOp[]): DomainError {
  const first = ops[0]!;
  const key = first.op === 'put' ? (RECORD_KEYS[first.kind] as (r: AnyRecord) => string)(first.record) : first.key;
  return new DomainError('version-conflict', { kind: first.kind, id: key, expected: first.expectedVersion, actual: -1 });
}

export type ImportCounts = Record<RecordKind, { created: number; skipped: number }>;

/**
 * Copies records into the table as they are (versions kept). Idempotent: a record whose
 * key is already in the table is skipped, so an interrupted migration can simply run
 * again. Meant for a table no bot writes to yet (docs/azure-storage.md, migration).
 */
export async function importIntoAzure(options: AzureStoreOptions, records: RecordArrays): Promise<ImportCounts> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = tableClient(options, tableName);
  await client.createTable();
  // Copied rows have no change slots: moving `~gen` further than a reader may catch up
  // makes every running reader load the partition whole.
  let seq = (await readGen(client)).seq + CHANGE_SLOTS + 1;
  const existing = new Set<string>();
  for await (const entity of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey lt '~'`, select: ['RowKey'] } })) {
    if (entity.rowKey !== undefined) existing.add(entity.rowKey);
  }
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, { created: 0, skipped: 0 }])) as ImportCounts;
  let batch: RecordEntity[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const tx = new TableTransaction();
    for (const entity of batch) tx.createEntity<RecordEntity>(entity);
    tx.upsertEntity<TableEntity<{ seq: number; s: number }>>({ partitionKey: PARTITION, rowKey: GEN_ROW, seq: seq++, s: AZURE_SCHEMA_VERSION }, 'Replace');
    await client.submitTransaction(tx.actions);
    batch = [];
  };
  for (const kind of RECORD_KINDS) {
    for (const record of records[kind] as AnyRecord[]) {
      const key = (RECORD_KEYS[kind] as (r: AnyRecord) => string)(record);
      const entity = toEntity(kind, key, record);
      if (existing.has(entity.rowKey)) {
        counts[kind].skipped++;
        continue;
      }
      existing.add(entity.rowKey);
      batch.push(entity);
      counts[kind].created++;
      if (batch.length >= MAX_OPS_PER_COMMIT) await flush();
    }
  }
  await flush();
  return counts;
}
