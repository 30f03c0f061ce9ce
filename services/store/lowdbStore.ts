/**
 * The lowdb store: one file, held in memory with indexes. The file is a snapshot (one line
 * of compact JSON) followed by a journal of committed batches (services/store/journal.ts).
 *
 * - A commit appends one line (the after-images of its records) before it resolves, so it
 *   costs the size of its batch, not of the store (rewriting the whole file took ~0.6 s
 *   at 100k merges). The snapshot is rewritten (compaction) once the journal is as large
 *   as the snapshot — small stores are thus still a plain JSON file after every commit —
 *   and at open and close. At open the journal is replayed; a torn last line is ignored.
 * - Atomic snapshot writes: lowdb's node `DataFile` adapter (what `JSONFile` extends)
 *   writes via steno, which writes a temp file beside the target and renames it over the
 *   file; a crash leaves the old or the new file, never half of one. Neither steno nor the
 *   journal fsyncs: a power cut right after a commit may lose that commit, not corrupt the
 *   file; a killed process loses nothing acknowledged.
 * - Commits are serialized in-process; the version check runs inside that section, so
 *   two concurrent decisions cannot both win. Commits that arrive during a write go
 *   together into the next one (group commit), each checked against those before it.
 *   The live state changes only after the lines were written, so a failed write changes
 *   nothing.
 * - A lock file stops a second process from opening the same file.
 * - `schemaVersion` in the snapshot (journal lines carry theirs); migrations run in order
 *   at open, after the replay.
 */
import { access, mkdir, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { StoreError } from '../errors.js';
import type { Logger } from '../loggerPort.js';
import { acquireLock } from './fileLock.js';
import { IndexedState, type Prepared, type RecordArrays } from './indexedState.js';
import { liveReads } from './repositories.js';
import { groupCommit } from './groupCommit.js';
import { Journal, JournalCorrupt, splitStoreFile, type JournalBatch, type SplitFile } from './journal.js';
import { RECORD_KEYS, RECORD_KINDS, type RecordKind, type Store } from './types.js';

export const LOWDB_SCHEMA_VERSION = 2;
export const DEFAULT_STORE_FILE = 'partner-merge-bot.json';

/** Field of the file that holds each record kind. */
const COLLECTION_FIELDS: Readonly<Record<RecordKind, string>> = {
  account: 'accounts',
  merge: 'merges',
  conversation: 'conversations',
  sentCard: 'sentCards',
  outbox: 'outbox',
  registration: 'registrations',
};

type FileData = Record<string, unknown> & { schemaVersion: number };

/** Rewrites file data from schema `from` to `from + 1`; must not mutate its input. */
export interface Migration {
  readonly from: number;
  readonly description: string;
  migrate(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** Ordered migrations of the file format; add one per schema change. */
export const LOWDB_MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    description: 'files written before versioning: ensure every collection exists',
    migrate: (data) => ({
      ...data,
      ...Object.fromEntries(Object.values(COLLECTION_FIELDS).map((f) => [f, data[f] ?? []])),
    }),
  },
  {
    // A version bump so that an older bot refuses this file instead of dropping the registrations.
    from: 1,
    description: 'registrations of companies that join in Teams',
    migrate: (data) => ({ ...data, registrations: data.registrations ?? [] }),
  },
];

export interface LowdbStoreOptions {
  /** A directory (the file is `partner-merge-bot.json` in it) or a `.json` file path. */
  readonly path: string;
  readonly logger?: Logger;
  /** For tests and future versions; default LOWDB_MIGRATIONS / LOWDB_SCHEMA_VERSION. */
  readonly migrations?: readonly Migration[];
  readonly schemaVersion?: number;
}

export function storeFilePath(path: string): string {
  const full = resolve(path);
  return full.toLowerCase().endsWith('.json') ? full : join(full, DEFAULT_STORE_FILE);
}

export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const file = storeFilePath(options.path);
  const targetVersion = options.schemaVersion ?? LOWDB_SCHEMA_VERSION;
  await mkdir(dirname(file), { recursive: true });
  const lock = await acquireLock(`${file}.lock`, logger);
  try {
    const db = new Low<FileData | null>(
      new DataFile<FileData | null>(file, {
        parse: (text) => parseFile(file, text),
        stringify: (data) => JSON.stringify(data),
      }),
      null,
    );
    const text = await readText(file);
    const split = text === undefined ? undefined : splitFile(file, text);
    const loaded = split === undefined ? null : parseFile(file, split.snapshot);
    const replayed = replay(file, loaded ?? { schemaVersion: targetVersion }, split?.batches ?? []);
    const migrated = migrate(file, replayed, targetVersion, options.migrations ?? LOWDB_MIGRATIONS, logger);
    const state = new IndexedState(recordsOf(file, migrated), { owned: true });
    if (loaded === null || loaded.schemaVersion !== targetVersion || (split?.batches.length ?? 0) > 0) {
      // Compacted at open: the file is a plain snapshot again (a torn tail goes with it).
      db.data = toFileData(state.toArrays(), targetVersion);
      await db.write();
    } else if (split?.torn) {
      await Journal.truncate(file, Buffer.byteLength(split.snapshot));
    }
    // The records live on in `state`; the snapshot object is only needed while writing.
    db.data = null;
    const journal = new Journal(file);
    return lowdbStore(db, state, journal, { file, lock, targetVersion, snapshotBytes: (await stat(file)).size });
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function lowdbStore(
  db: Low<FileData | null>,
  state: IndexedState,
  journal: Journal,
  ctx: { file: string; lock: Awaited<ReturnType<typeof acquireLock>>; targetVersion: number; snapshotBytes: number },
): Store {
  let closed = false;
  let snapshotBytes = ctx.snapshotBytes;
  /** Writes the live state as the snapshot (atomic rename), then empties the journal. */
  const compact = async (): Promise<void> => {
    db.data = toFileData(state.toArrays(), ctx.targetVersion);
    try {
      await db.write();
    } finally {
      db.data = null;
    }
    snapshotBytes = (await stat(ctx.file)).size;
    await journal.reset();
  };
  // Tail of the serialized write queue.
  let queue: Promise<unknown> = Promise.resolve();
  const ensureOpen = (): void => {
    if (closed) throw new StoreError('store-closed', `The store ${ctx.file} is closed.`);
  };
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const commit = groupCommit({
    state,
    serialized,
    ready: ensureOpen,
    persist: (batches) =>
      journal.appendAll(
        batches.map((b) => journalBatch(b, ctx.targetVersion)),
        snapshotBytes,
      ),
    // Amortized: the snapshot is rewritten once the journal is as large as it. If that
    // fails the commits still stand (journal and memory); their callers hear of it.
    afterApply: async () => {
      if (journal.size >= snapshotBytes) await compact();
    },
  });

  return {
    ...liveReads(state, ensureOpen),
    commit,
    async ping() {
      if (closed) return { ok: false, detail: 'closed' };
      try {
        await access(dirname(ctx.file), constants.W_OK);
      } catch (err) {
        return { ok: false, detail: `store directory not writable: ${(err as Error).message}` };
      }
      return (await ctx.lock.isHeld())
        ? { ok: true }
        : { ok: false, detail: `lock file ${ctx.lock.path} is missing or not ours` };
    },
    info: () => ({ kind: 'lowdb', schemaVersion: ctx.targetVersion }),
    async close() {
      if (closed) return;
      try {
        await serialized(async () => {
          if (journal.size > 0) await compact();
        });
      } finally {
        closed = true;
        await journal.close();
        await ctx.lock.release();
      }
    },
  };
}

function parseFile(file: string, text: string): FileData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, `it is not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw corrupt(file, 'it does not hold a JSON object');
  const data = value as Record<string, unknown>;
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    throw corrupt(file, '"schemaVersion" is not a whole number');
  return { ...data, schemaVersion: version };
}

function migrate(
  file: string,
  data: FileData,
  target: number,
  migrations: readonly Migration[],
  logger: Logger,
): FileData {
  if (data.schemaVersion > target) {
    throw new StoreError(
      'store-schema',
      `The store file ${file} has schema version ${data.schemaVersion}, newer than this program understands (${target}). Upgrade the bot; the file was not changed.`,
    );
  }
  let current = data;
  while (current.schemaVersion < target) {
    const step = migrations.find((m) => m.from === current.schemaVersion);
    if (step === undefined) {
      throw new StoreError(
        'store-schema',
        `No migration of ${file} from schema version ${current.schemaVersion} to ${target}.`,
      );
    }
    logger.info({ file, from: step.from, to: step.from + 1 }, `Migrating store file: ${step.description}`);
    current = { ...step.migrate(current), schemaVersion: step.from + 1 };
  }
  return current;
}

/** Light shape check at load: every record is an object with its key and a version. */
function recordsOf(file: string, data: FileData): RecordArrays {
  const out: Partial<Record<RecordKind, unknown[]>> = {};
  for (const kind of RECORD_KINDS) {
    const field = COLLECTION_FIELDS[kind];
    const list = data[field] ?? [];
    if (!Array.isArray(list)) throw corrupt(file, `"${field}" is not a list`);
    list.forEach((record: unknown, index) => {
      const r = record as { version?: unknown } | null;
      let key: unknown;
      try {
        key = RECORD_KEYS[kind](record as never);
      } catch {
        key = undefined;
      }
      if (typeof r !== 'object' || r === null || typeof key !== 'string' || typeof r.version !== 'number') {
        throw corrupt(file, `${field}[${index}] is not a valid ${kind} record`);
      }
    });
    out[kind] = list;
  }
  return out as RecordArrays;
}

/** The file's text, or undefined when there is no file yet. */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function splitFile(file: string, text: string): SplitFile {
  try {
    return splitStoreFile(text);
  } catch (err) {
    throw err instanceof JournalCorrupt ? corrupt(file, err.message) : err;
  }
}

function journalBatch(prepared: Prepared, schemaVersion: number): JournalBatch {
  return { s: schemaVersion, c: prepared.changes.map((c) => [c.kind, c.key, c.after ?? null] as const) };
}

/** The snapshot with the journal's batches applied (raw file data, before migrations). */
function replay(file: string, data: FileData, batches: readonly JournalBatch[]): FileData {
  if (batches.length === 0) return data;
  const maps = new Map<RecordKind, Map<string, unknown>>();
  for (const kind of RECORD_KINDS) {
    const list = data[COLLECTION_FIELDS[kind]] ?? [];
    const map = new Map<string, unknown>();
    if (Array.isArray(list)) {
      list.forEach((record: unknown, index) => {
        let key: unknown;
        try {
          key = RECORD_KEYS[kind](record as never);
        } catch {
          key = undefined;
        }
        // Records without a key stay (and fail the shape check after the replay).
        map.set(typeof key === 'string' ? key : `\u0000invalid-${index}`, record);
      });
    }
    maps.set(kind, map);
  }
  batches.forEach((batch, index) => {
    if (batch.s !== data.schemaVersion)
      throw corrupt(file, `line ${index + 1} has schema version ${batch.s}, the snapshot ${data.schemaVersion}`);
    for (const [kind, key, record] of batch.c) {
      const map = maps.get(kind);
      if (map === undefined || typeof key !== 'string')
        throw corrupt(file, `line ${index + 1} names an unknown record`);
      if (record === null) map.delete(key);
      else map.set(key, record);
    }
  });
  const out: FileData = { ...data };
  for (const kind of RECORD_KINDS) out[COLLECTION_FIELDS[kind]] = [...(maps.get(kind)?.values() ?? [])];
  return out;
}

function toFileData(arrays: RecordArrays, schemaVersion: number): FileData {
  const data: FileData = { schemaVersion };
  for (const kind of RECORD_KINDS) data[COLLECTION_FIELDS[kind]] = arrays[kind];
  return data;
}

function corrupt(file: string, why: string): StoreError {
  return new StoreError(
    'store-corrupt',
    `The store file ${file} is damaged: ${why}. Restore it from a backup or move it away; nothing was changed.`,
  );
}

const noop = (): void => undefined;
const silentLogger: Logger = {
  fatal: noop,
  error: noop,
  warn: noop,
  info: noop,
  debug: noop,
  trace: noop,
  child: () => silentLogger,
};
