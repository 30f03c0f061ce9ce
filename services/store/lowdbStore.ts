/**
 * The lowdb store: one JSON file, held in memory with indexes, rewritten on every commit.
 *
 * - Atomic writes: lowdb's node `DataFile` adapter (what `JSONFile` extends) writes via
 *   steno, which writes a temp file beside the target and renames it over the file; a
 *   crash leaves the old or the new file, never half of one. (steno does not fsync: a
 *   power cut right after a commit may lose that commit, not corrupt the file.)
 * - Compact JSON rather than JSONFile's indented output: the file holds every merge and
 *   is rewritten per commit, so size matters (100k merges).
 * - Commits are serialized in-process; the version check runs inside that section, so
 *   two concurrent decisions cannot both win. The live state changes only after the
 *   file was written, so a failed write changes nothing.
 * - A lock file stops a second process from opening the same file.
 * - `schemaVersion` in the file; migrations run in order at open.
 */
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { StoreError } from '../errors.js';
import type { Logger } from '../logger.js';
import { acquireLock } from './fileLock.js';
import { IndexedState, repositoriesOver, type RecordArrays } from './indexedState.js';
import { RECORD_KEYS, RECORD_KINDS, type CommitResult, type RecordKind, type Store, type WriteOp } from './types.js';

export const LOWDB_SCHEMA_VERSION = 1;
export const DEFAULT_STORE_FILE = 'partner-merge-bot.json';

/** Field of the file that holds each record kind. */
const COLLECTION_FIELDS: Readonly<Record<RecordKind, string>> = { account: 'accounts', merge: 'merges', conversation: 'conversations', sentCard: 'sentCards', outbox: 'outbox' };

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
    migrate: (data) => ({ ...data, ...Object.fromEntries(Object.values(COLLECTION_FIELDS).map((f) => [f, data[f] ?? []])) }),
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
      new DataFile<FileData | null>(file, { parse: (text) => parseFile(file, text), stringify: (data) => JSON.stringify(data) }),
      null,
    );
    await db.read();
    const loaded = db.data;
    const migrated = migrate(file, loaded ?? { schemaVersion: targetVersion }, targetVersion, options.migrations ?? LOWDB_MIGRATIONS, logger);
    const state = new IndexedState(recordsOf(file, migrated), { owned: true });
    if (loaded === null || loaded.schemaVersion !== targetVersion) {
      db.data = toFileData(state.toArrays(), targetVersion);
      await db.write();
    }
    return lowdbStore(db, state, { file, lock, targetVersion });
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function lowdbStore(
  db: Low<FileData | null>,
  state: IndexedState,
  ctx: { file: string; lock: Awaited<ReturnType<typeof acquireLock>>; targetVersion: number },
): Store {
  let closed = false;
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

  return {
    ...repositoriesOver(() => state, ensureOpen),
    commit(ops: readonly WriteOp[]): Promise<CommitResult> {
      return serialized(async () => {
        ensureOpen();
        if (ops.length === 0) return { records: [] };
        const prepared = state.prepare(ops);
        const next = toFileData(state.toArrays(prepared), ctx.targetVersion);
        const previous = db.data;
        db.data = next;
        try {
          await db.write();
        } catch (err) {
          db.data = previous;
          throw err;
        }
        state.apply(prepared);
        return { records: prepared.records };
      });
    },
    async ping() {
      if (closed) return { ok: false, detail: 'closed' };
      try {
        await access(dirname(ctx.file), constants.W_OK);
      } catch (err) {
        return { ok: false, detail: `store directory not writable: ${(err as Error).message}` };
      }
      return (await ctx.lock.isHeld()) ? { ok: true } : { ok: false, detail: `lock file ${ctx.lock.path} is missing or not ours` };
    },
    info: () => ({ kind: 'lowdb', schemaVersion: ctx.targetVersion }),
    async close() {
      if (closed) return;
      await serialized(() => Promise.resolve());
      closed = true;
      await ctx.lock.release();
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(file, 'it does not hold a JSON object');
  const data = value as Record<string, unknown>;
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw corrupt(file, '"schemaVersion" is not a whole number');
  return { ...data, schemaVersion: version };
}

function migrate(file: string, data: FileData, target: number, migrations: readonly Migration[], logger: Logger): FileData {
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
      throw new StoreError('store-schema', `No migration of ${file} from schema version ${current.schemaVersion} to ${target}.`);
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

function toFileData(arrays: RecordArrays, schemaVersion: number): FileData {
  const data: FileData = { schemaVersion };
  for (const kind of RECORD_KINDS) data[COLLECTION_FIELDS[kind]] = arrays[kind];
  return data;
}

function corrupt(file: string, why: string): StoreError {
  return new StoreError('store-corrupt', `The store file ${file} is damaged: ${why}. Restore it from a backup or move it away; nothing was changed.`);
}

const noop = (): void => undefined;
const silentLogger: Logger = { fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, child: () => silentLogger };
