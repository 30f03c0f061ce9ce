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
 * - Every commit also upserts the `~gen` row with a fresh random value. Reads first read
 *   that one row; when it changed since the cached view, the partition is loaded again
 *   (and re-checked against `~gen`, so the view is a consistent snapshot). A read so
 *   sees every commit that finished before it, from any instance, at the cost of one
 *   point read when nothing changed.
 * - Record JSON is kept in string properties of at most 32k characters (`d0`, `d1`, …;
 *   a property holds 64 KiB), so a record may grow to ~1 MB, the entity limit.
 */
import { randomUUID } from 'node:crypto';
import { TableClient, TableTransaction, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import { DomainError, StoreError } from '../errors.js';
import type { Logger } from '../logger.js';
import { IndexedState, repositoriesOver, type RecordArrays } from './indexedState.js';
import { RECORD_KEYS, RECORD_KINDS, type CommitResult, type RecordKind, type Store, type StoreRecords, type WriteOp } from './types.js';

export const AZURE_SCHEMA_VERSION = 1;
export const DEFAULT_AZURE_TABLE = 'pmbrecords';
/** The consistency group of all records (see the header). */
export const PARTITION = 'domain';
const GEN_ROW = '~gen';
const CHUNK = 32_000;
const MAX_CHUNKS = 15;
/** Entity-group transactions take at most 100 operations; one is the `~gen` row. */
export const MAX_OPS_PER_COMMIT = 99;

export interface AzureStoreOptions {
  readonly connectionString: string;
  readonly tableName?: string;
  readonly logger?: Logger;
}

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
  readonly gen: string;
  readonly state: IndexedState;
  /** ETag per row key, tombstones included. */
  readonly etags: ReadonlyMap<string, string>;
}

export function rowKeyOf(kind: RecordKind, key: string): string {
  // RowKey may not hold / \ # ? or control characters.
  return `${kind}|${encodeURIComponent(key)}`;
}

function toEntity(kind: RecordKind, key: string, record: AnyRecord | undefined): RecordEntity {
  const json = record === undefined ? '' : JSON.stringify(record);
  const n = Math.ceil(json.length / CHUNK);
  if (n > MAX_CHUNKS) throw new Error(`The ${kind} record ${key} is too large for one table entity (${json.length} characters).`);
  const entity: RecordEntity = { partitionKey: PARTITION, rowKey: rowKeyOf(kind, key), kind, key, v: record?.version ?? 0, deleted: record === undefined, n };
  for (let i = 0; i < n; i++) entity[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return entity;
}

function fromEntity(entity: TableEntityResult<Record<string, unknown>>): { kind: RecordKind; record: AnyRecord } | undefined {
  if (entity.deleted === true || typeof entity.kind !== 'string' || typeof entity.n !== 'number') return undefined;
  const kind = entity.kind as RecordKind;
  if (!RECORD_KINDS.includes(kind)) return undefined;
  let json = '';
  for (let i = 0; i < entity.n; i++) {
    const chunk = entity[`d${i}`];
    if (typeof chunk !== 'string') throw new StoreError('store-corrupt', `Table entity ${String(entity.rowKey)} lacks part d${i} of its record.`);
    json += chunk;
  }
  return { kind, record: JSON.parse(json) as AnyRecord };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export async function openAzureStore(options: AzureStoreOptions): Promise<Store> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = TableClient.fromConnectionString(options.connectionString, tableName, { allowInsecureConnection: isLoopback(options.connectionString) });
  await client.createTable();
  const store = new AzureTableStore(client, tableName, options.logger);
  await store.refresh();
  return store.asStore();
}

function isLoopback(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|https?:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString);
}

class AzureTableStore {
  private view: View = { gen: '\u0000none', state: new IndexedState(), etags: new Map() };
  private loading: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly client: TableClient,
    private readonly tableName: string,
    private readonly logger: Logger | undefined,
  ) {}

  private ensureOpen(): void {
    if (this.closed) throw new StoreError('store-closed', `The Azure table store ${this.tableName} is closed.`);
  }

  private async readGen(): Promise<string> {
    try {
      const row = await this.client.getEntity<{ g?: string }>(PARTITION, GEN_ROW);
      return row.g ?? '';
    } catch (err) {
      if (statusOf(err) === 404) return '';
      throw err;
    }
  }

  /** Brings the cached view up to date with the table; concurrent callers share one load. */
  async refresh(): Promise<void> {
    this.ensureOpen();
    const gen = await this.readGen();
    if (gen === this.view.gen) return;
    // Callers that arrive during a load wait for it, then check again.
    while (this.loading) await this.loading;
    if (gen === this.view.gen) return;
    this.loading = this.load(gen);
    try {
      await this.loading;
    } finally {
      this.loading = undefined;
    }
  }

  private async load(genBefore: string): Promise<void> {
    let gen = genBefore;
    for (let attempt = 1; ; attempt++) {
      const arrays: RecordArrays = { account: [], merge: [], conversation: [], sentCard: [], outbox: [] };
      const etags = new Map<string, string>();
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
        if (entity.rowKey === GEN_ROW) continue;
        etags.set(entity.rowKey ?? '', entity.etag);
        const parsed = fromEntity(entity);
        if (parsed) (arrays[parsed.kind] as AnyRecord[]).push(parsed.record);
      }
      const genAfter = await this.readGen();
      // No commit landed during the (paged) query: the view is a consistent snapshot.
      if (genAfter === gen || attempt >= 5) {
        if (genAfter !== gen) this.logger?.warn({ table: this.tableName }, 'azure store: table kept changing while loading; using the latest view');
        this.view = { gen: genAfter === gen ? gen : '\u0000stale', state: new IndexedState(arrays, { owned: true }), etags };
        return;
      }
      gen = genAfter;
    }
  }

  async commit(ops: readonly WriteOp[]): Promise<CommitResult> {
    this.ensureOpen();
    if (ops.length === 0) return { records: [] };
    await this.refresh();
    const { etags, state } = this.view;
    // Throws version-conflict against the fresh view before anything is sent.
    const prepared = state.prepare(ops);
    // A transaction may touch each entity once: the last change of a key wins, checked
    // against the ETag the key had before the batch.
    const finals = new Map<string, { kind: RecordKind; key: string; after: AnyRecord | undefined }>();
    for (const change of prepared.changes) finals.set(rowKeyOf(change.kind, change.key), change);
    if (finals.size > MAX_OPS_PER_COMMIT) {
      throw new Error(`A commit may change at most ${MAX_OPS_PER_COMMIT} records on Azure Table Storage (got ${finals.size}).`);
    }
    const tx = new TableTransaction();
    for (const [rowKey, change] of finals) {
      const entity = toEntity(change.kind, change.key, change.after);
      const etag = etags.get(rowKey);
      if (etag === undefined) {
        // Created and deleted in the same batch: nothing to store.
        if (change.after !== undefined) tx.createEntity<RecordEntity>(entity);
      } else tx.updateEntity<RecordEntity>(entity, 'Replace', { etag });
    }
    tx.upsertEntity<TableEntity<{ g: string; s: number }>>({ partitionKey: PARTITION, rowKey: GEN_ROW, g: randomUUID(), s: AZURE_SCHEMA_VERSION }, 'Replace');
    try {
      await this.client.submitTransaction(tx.actions);
    } catch (err) {
      const status = statusOf(err);
      if (status !== 409 && status !== 412) throw err;
      // Another instance changed one of these records since our view: report it as the
      // memory store would, from the fresh state.
      await this.refresh();
      this.view.state.prepare(ops);
      const first = ops[0]!;
      const key = first.op === 'put' ? (RECORD_KEYS[first.kind] as (r: AnyRecord) => string)(first.record) : first.key;
      throw new DomainError('version-conflict', { kind: first.kind, id: key, expected: first.expectedVersion, actual: -1 });
    }
    return { records: prepared.records };
  }

  async ping(): Promise<{ ok: boolean; detail?: string }> {
    if (this.closed) return { ok: false, detail: 'closed' };
    try {
      await this.readGen();
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
        while (this.loading) await this.loading.catch(() => undefined);
      },
    };
  }
}

export type ImportCounts = Record<RecordKind, { created: number; skipped: number }>;

/**
 * Copies records into the table as they are (versions kept). Idempotent: a record whose
 * key is already in the table is skipped, so an interrupted migration can simply run
 * again. Meant for a table no bot writes to yet (docs/azure-storage.md, migration).
 */
export async function importIntoAzure(options: AzureStoreOptions, records: RecordArrays): Promise<ImportCounts> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = TableClient.fromConnectionString(options.connectionString, tableName, { allowInsecureConnection: isLoopback(options.connectionString) });
  await client.createTable();
  const existing = new Set<string>();
  for await (const entity of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'`, select: ['RowKey'] } })) {
    if (entity.rowKey !== undefined) existing.add(entity.rowKey);
  }
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, { created: 0, skipped: 0 }])) as ImportCounts;
  let batch: RecordEntity[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const tx = new TableTransaction();
    for (const entity of batch) tx.createEntity<RecordEntity>(entity);
    tx.upsertEntity<TableEntity<{ g: string; s: number }>>({ partitionKey: PARTITION, rowKey: GEN_ROW, g: randomUUID(), s: AZURE_SCHEMA_VERSION }, 'Replace');
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
