/**
 * The reading half of the Azure table store: a cached view of the partition kept current
 * with one `~gen` point read per read when nothing changed, the change slots of missed
 * commits otherwise, and a whole-partition load when the view fell too far behind (the
 * design is in azureStore.ts). The writer moves the view on after its own commits.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { eachLimited } from '../../concurrency.js';
import type { Logger } from '../../loggerPort.js';
import { IndexedState, deepFreeze, type Prepared, type RecordArrays } from '../indexedState.js';
import {
  CHANGE_SLOTS,
  MAX_CATCH_UP,
  MAX_CATCH_UP_ROWS,
  PARTITION,
  fromEntity,
  joinChunks,
  parseRowKey,
  readGen,
  sameGen,
  slotRowKey,
  statusOf,
  type AnyRecord,
  type Gen,
} from './codec.js';

export interface View {
  /** Sequence number of the last commit in the view; -1 before the first load. */
  readonly seq: number;
  readonly genEtag: string | undefined;
  readonly state: IndexedState;
  /** ETag per row key, tombstones included (updated in place: copying it per commit would cost O(records)). */
  readonly etags: Map<string, string>;
}

type Change = Prepared['changes'][number];
type Row = TableEntityResult<Record<string, unknown>>;

export class AzureTableReader {
  view: View = { seq: -1, genEtag: undefined, state: new IndexedState(), etags: new Map() };
  private loading: Promise<void> | undefined;
  private genRead: Promise<Gen> | undefined;
  private nextGenRead: Promise<Gen> | undefined;

  constructor(
    private readonly client: TableClient,
    private readonly tableName: string,
    private readonly logger: Logger | undefined,
    /** The writer's transaction under way, if any (its answer brings the view on by itself). */
    private readonly ownCommit: () => { readonly seq: number; readonly done: Promise<void> } | undefined,
  ) {}

  /** Whether a load is under way (close waits for it). */
  get busy(): Promise<void> | undefined {
    return this.loading;
  }

  isCurrent(gen: Gen): boolean {
    return gen.seq === this.view.seq && gen.etag === this.view.genEtag;
  }

  /**
   * Reads `~gen`, sharing the read with concurrent callers — but only a read that starts
   * after the call, so a caller still sees every commit that finished before it called.
   */
  readGenShared(): Promise<Gen> {
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
    const gen = await this.readGenShared();
    if (this.isCurrent(gen) || gen.seq < this.view.seq) return;
    // Our own transaction landed and its answer is on the way: wait for it rather than
    // read back what we wrote.
    const own = this.ownCommit();
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
  private async settle(
    first: Gen,
    firstPending: ReadonlySet<string>,
  ): Promise<{ target: Gen; rows: Map<string, Row | undefined> } | undefined> {
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
    this.logger?.warn(
      { table: this.tableName },
      'azure store: rows kept changing while catching up; loading the partition whole',
    );
    return undefined;
  }

  /** Row keys written by the commits `first`..`last`, or undefined when a slot is gone. */
  private async changedRows(first: number, last: number): Promise<Set<string> | undefined> {
    const keys = new Set<string>();
    if (last < first) return keys;
    const seen = new Set<number>();
    const ranges: Array<[number, number]> =
      first % CHANGE_SLOTS <= last % CHANGE_SLOTS
        ? [[first, last]]
        : [
            [first, first + (CHANGE_SLOTS - 1 - (first % CHANGE_SLOTS))],
            [last - (last % CHANGE_SLOTS), last],
          ];
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
    this.view.state.apply({ changes: this.changesOf(rows, this.view.etags) });
    this.view = { seq: gen.seq, genEtag: gen.etag, state: this.view.state, etags: this.view.etags };
  }

  /** Record changes of rows read back (undefined: gone), noting their ETags. */
  changesOf(rows: ReadonlyMap<string, Row | undefined>, etags: Map<string, string>): Change[] {
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
      const arrays: RecordArrays = {
        account: [],
        merge: [],
        conversation: [],
        sentCard: [],
        outbox: [],
        registration: [],
      };
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
        } else
          this.logger?.warn(
            { table: this.tableName },
            'azure store: table kept changing while loading; using the latest view',
          );
      }
      const state = new IndexedState(arrays, { owned: true });
      state.apply({ changes: this.changesOf(rows, etags) });
      // A view that is not a snapshot keeps seq -1, so the next read loads it again.
      this.view = { seq: snapshot ? target.seq : -1, genEtag: target.etag, state, etags };
      return;
    }
  }
}
