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
import type {
  TableClient,
  TableServiceClientOptions,
  TableTransaction,
  TableTransactionResponse,
} from '@azure/data-tables';
import { DomainError, StoreError } from '../errors.js';
import type { AzureServiceAccess } from './azure/access.js';
import type { Logger } from '../loggerPort.js';
import type { Prepared } from './indexedState.js';
import { repositoriesOver } from './repositories.js';
import { RECORD_KEYS, type CommitResult, type Store, type WriteOp } from './types.js';
import {
  AZURE_SCHEMA_VERSION,
  DEFAULT_AZURE_TABLE,
  MAX_COMMIT_ATTEMPTS,
  MAX_OPS_PER_COMMIT,
  readGen,
  rowKeyOf,
  statusOf,
  tableClient,
  toEntity,
  type AnyRecord,
  type RecordEntity,
} from './azure/codec.js';
import { AzureTableReader, type View } from './azure/reader.js';
import { transactionOf } from './azure/transaction.js';

export {
  AZURE_SCHEMA_VERSION,
  DEFAULT_AZURE_TABLE,
  MAX_OPS_PER_COMMIT,
  PARTITION,
  rowKeyOf,
  slotRowKey,
} from './azure/codec.js';

export type AzureStoreOptions = AzureServiceAccess & {
  readonly tableName?: string;
  readonly logger?: Logger;
  /** Extra client options (tests count the requests with a pipeline policy). */
  readonly clientOptions?: TableServiceClientOptions;
};

export async function openAzureStore(options: AzureStoreOptions): Promise<Store> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = tableClient(options, tableName, options.clientOptions);
  await client.createTable();
  const store = new AzureTableStore(client, tableName, options.logger);
  await store.refresh();
  return store.asStore();
}

type Change = Prepared['changes'][number];

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
  private readonly reader: AzureTableReader;
  /** Commits of this instance run one at a time: they would only contend on `~gen`. */
  private waiting: PendingCommit[] = [];
  private flushing: Promise<void> | undefined;
  /** Our transaction under way, by the `~gen` sequence number it writes. */
  private inFlight: { readonly seq: number; readonly done: Promise<void> } | undefined;
  private closed = false;

  constructor(
    private readonly client: TableClient,
    private readonly tableName: string,
    private readonly logger: Logger | undefined,
  ) {
    this.reader = new AzureTableReader(client, tableName, logger, () => this.inFlight);
  }

  /** The reader's cached view of the table (the writer moves it on after its own commits). */
  private get view(): View {
    return this.reader.view;
  }

  private set view(view: View) {
    this.reader.view = view;
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreError('store-closed', `The Azure table store ${this.tableName} is closed.`);
  }

  /** Brings the cached view up to date with the table; concurrent callers share one load. */
  refresh(): Promise<void> {
    this.ensureOpen();
    return this.reader.refresh();
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
        tx = transactionOf(base, finals, entities);
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
        // Changes come in op order (a check makes none): serialize this commit's records
        // now, so one too large for an entity is refused alone (and is not serialized twice).
        const own = next.changes
          .slice(prepared?.changes.length ?? 0)
          .map(
            (change) => [rowKeyOf(change.kind, change.key), toEntity(change.kind, change.key, change.after)] as const,
          );
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
          conflicts.push({
            commit,
            error: new Error(
              `A commit may change at most ${MAX_OPS_PER_COMMIT} records on Azure Table Storage (got ${nextFinals.size}).`,
            ),
          });
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

  /** Moves the view past our own commit without reading anything back. */
  private afterCommit(
    base: View,
    seq: number,
    prepared: Prepared,
    written: readonly string[],
    response: TableTransactionResponse,
  ): void {
    // A catch-up that ran meanwhile already holds this commit.
    if (this.view !== base) return;
    // Sub-responses come in the order of the actions (written rows, then `~gen`); only
    // creates carry their row key, so they are matched by position.
    const etagAt = (i: number): string | undefined => response.subResponses[i]?.etag;
    // Without every new ETag the view cannot write these rows again: let the next read
    // catch up from the change slot instead.
    const genEtag = etagAt(written.length);
    if (
      genEtag === undefined ||
      response.subResponses.length !== written.length + 2 ||
      written.some((_, i) => etagAt(i) === undefined)
    )
      return;
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
      snapshot: async () => {
        await this.refresh();
        return base;
      },
      accounts: fresh(base.accounts),
      merges: fresh(base.merges),
      conversations: fresh(base.conversations),
      sentCards: fresh(base.sentCards),
      outbox: fresh(base.outbox),
      registrations: fresh(base.registrations),
      commit: (ops) => this.commit(ops),
      ping: () => this.ping(),
      info: () => ({ kind: 'azure', schemaVersion: AZURE_SCHEMA_VERSION }),
      close: async () => {
        this.closed = true;
        while (this.flushing) await this.flushing;
        // A load's failure is the reader's caller's to see; closing only waits for it to end.
        for (let busy = this.reader.busy; busy; busy = this.reader.busy) await busy.catch(() => undefined);
      },
    };
  }
}

function conflictOf(ops: readonly WriteOp[]): DomainError {
  const first = ops[0]!;
  const key = first.op === 'put' ? (RECORD_KEYS[first.kind] as (r: AnyRecord) => string)(first.record) : first.key;
  return new DomainError('version-conflict', {
    kind: first.kind,
    id: key,
    expected: first.expectedVersion,
    actual: -1,
  });
}
