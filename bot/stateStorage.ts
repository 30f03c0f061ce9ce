/**
 * botbuilder `Storage` for conversation/dialog state, with eTag concurrency like the
 * framework's own stores. Items live in memory and, when a file is given, are written
 * through to it before `write` resolves, so a turn's state survives a restart.
 *
 * The file has the domain store's layout (services/store/journal.ts): a snapshot line
 * `{ schemaVersion, items }` followed by one journal line per flush holding the changed
 * items (`null`: deleted). A turn appends its line instead of rewriting every
 * conversation's state; the snapshot is rewritten (atomic rename through lowdb's steno
 * writer) once the journal is as large as it, at open when a journal was left, and at
 * `flush`. At open the journal is replayed; a torn last line (a crash mid-append) is cut
 * off. Concurrent writes are group-committed: one append carries every change that
 * arrived while the previous one was running. Older files (one pretty-printed JSON
 * object, no journal) are read as they are.
 */
import { stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';
import { Journal, JournalCorrupt, splitStoreFile, type SplitFile } from '../services/store/journal.js';
import { readText } from '../services/store/lowdbStore.js';

interface StateFile {
  schemaVersion: 1;
  items: Record<string, string>;
}

/** `[key, item as JSON or null]`. */
type StateChange = readonly [string, string | null];

const SCHEMA_VERSION = 1;

interface FileBackend {
  readonly db: Low<StateFile | null>;
  readonly journal: Journal;
  snapshotBytes: number;
}

export class StateStorage implements Storage {
  private readonly items = new Map<string, string>();
  private nextEtag = 1;
  private flushing: Promise<void> | undefined;
  /** Changes not yet on disk, by key (a later change of a key replaces an earlier one). */
  private readonly pending = new Map<string, string | null>();

  private constructor(
    private readonly file: FileBackend | undefined,
    initial: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [key, json] of initial) this.items.set(key, json);
    this.nextEtag = this.items.size + 1;
  }

  /** In-memory only: for tests and `STORE=memory`. */
  static inMemory(): StateStorage {
    return new StateStorage(undefined);
  }

  static async open(file: string): Promise<StateStorage> {
    const db = new Low<StateFile | null>(
      new DataFile<StateFile | null>(file, {
        parse: (text) => JSON.parse(text) as StateFile,
        stringify: (data) => JSON.stringify(data),
      }),
      null,
    );
    const text = await readText(file);
    const loaded =
      text === undefined
        ? { items: new Map<string, string>(), journaled: false, torn: false, snapshotBytes: 0 }
        : parseStateFile(file, text);
    const journal = new Journal(file);
    const backend: FileBackend = { db, journal, snapshotBytes: loaded.snapshotBytes };
    const storage = new StateStorage(backend, loaded.items);
    if (text === undefined || loaded.journaled) {
      // A new file starts as a snapshot; a replayed one becomes a plain snapshot again (a torn tail goes with it).
      await storage.compact();
    } else if (loaded.torn) {
      await Journal.truncate(file, loaded.snapshotBytes);
    }
    backend.snapshotBytes = (await stat(file)).size;
    return storage;
  }

  read(keys: string[]): Promise<StoreItems> {
    const result: StoreItems = {};
    for (const key of keys) {
      const json = this.items.get(key);
      if (json !== undefined) result[key] = JSON.parse(json) as unknown;
    }
    return Promise.resolve(result);
  }

  async write(changes: StoreItems): Promise<void> {
    // Validate every eTag first so a conflicting batch changes nothing.
    for (const [key, item] of Object.entries(changes)) {
      const incoming = eTagOf(item);
      const current = this.items.get(key);
      if (current !== undefined && incoming !== undefined && incoming !== '*') {
        if (eTagOf(JSON.parse(current)) !== incoming) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }
    }
    for (const [key, item] of Object.entries(changes)) {
      const json = JSON.stringify({ ...(item as object), eTag: String(this.nextEtag++) });
      this.items.set(key, json);
      this.pending.set(key, json);
    }
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    let changed = false;
    for (const key of keys) {
      if (this.items.delete(key)) {
        this.pending.set(key, null);
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  /** Waits for any pending file write and folds the journal into the snapshot; used at shutdown. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.file === undefined || this.file.journal.size === 0) return;
    this.flushing = this.compact();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  get size(): number {
    return this.items.size;
  }

  private async persist(): Promise<void> {
    if (!this.file) {
      this.pending.clear();
      return;
    }
    // Group commit: wait for a running write, then one append covers all pending changes.
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    this.flushing = this.appendPending(this.file);
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  private async appendPending(file: FileBackend): Promise<void> {
    const changes: StateChange[] = [...this.pending];
    this.pending.clear();
    try {
      await file.journal.append({ s: SCHEMA_VERSION, c: changes }, file.snapshotBytes);
    } catch (err) {
      // Not on disk: the next write retries these changes (unless it changes them again).
      for (const [key, json] of changes) if (!this.pending.has(key)) this.pending.set(key, json);
      throw err;
    }
    // Amortized: the snapshot is rewritten once the journal is as large as it.
    if (file.journal.size >= file.snapshotBytes) await this.compact();
  }

  /** Writes every item as the snapshot (atomic rename), then starts an empty journal. */
  private async compact(): Promise<void> {
    const file = this.file;
    if (!file) return;
    // Pending changes are in `items` already; the snapshot covers them.
    this.pending.clear();
    file.db.data = { schemaVersion: SCHEMA_VERSION, items: Object.fromEntries(this.items) };
    try {
      await file.db.write();
    } finally {
      file.db.data = null;
    }
    await file.journal.reset();
    file.snapshotBytes = (await stat(file.journal.file)).size;
  }
}

interface LoadedState {
  readonly items: Map<string, string>;
  /** Journal lines were replayed (the snapshot is out of date). */
  readonly journaled: boolean;
  /** A torn last line follows the snapshot. */
  readonly torn: boolean;
  readonly snapshotBytes: number;
}

function parseStateFile(file: string, text: string): LoadedState {
  const notStateFile = (): Error =>
    new Error(`bot state file ${file} is not a state file (expected { schemaVersion, items })`);
  const itemsOf = (value: unknown): Map<string, string> => {
    const items = (value as { items?: unknown } | null)?.items;
    if (typeof value !== 'object' || value === null || typeof items !== 'object' || items === null)
      throw notStateFile();
    return new Map(Object.entries(items as Record<string, string>));
  };
  // A file without a journal (or written before the journal, pretty-printed) is one JSON value.
  const whole = tryParse(text);
  // A pretty-printed (older) file is rewritten as one line at open, so journal lines can follow it.
  if (whole.ok)
    return {
      items: itemsOf(whole.value),
      journaled: text.includes('\n'),
      torn: false,
      snapshotBytes: Buffer.byteLength(text),
    };
  let split: SplitFile<StateChange>;
  try {
    split = splitStoreFile<StateChange>(text);
  } catch (err) {
    if (err instanceof JournalCorrupt)
      throw new Error(`bot state file ${file} is damaged: ${err.message}`, { cause: err });
    throw err;
  }
  const snapshot = tryParse(split.snapshot);
  if (!snapshot.ok) throw notStateFile();
  const items = itemsOf(snapshot.value);
  for (const [index, batch] of split.batches.entries()) {
    for (const change of batch.c) {
      const [key, json] = Array.isArray(change) ? (change as unknown[]) : [];
      if (typeof key !== 'string' || (typeof json !== 'string' && json !== null))
        throw new Error(`bot state file ${file} is damaged: journal line ${index + 1} is not a state change`);
      if (json === null) items.delete(key);
      else items.set(key, json);
    }
  }
  return {
    items,
    journaled: split.batches.length > 0,
    torn: split.torn,
    snapshotBytes: Buffer.byteLength(split.snapshot),
  };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function eTagOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const tag = (item as { eTag?: unknown }).eTag;
  return typeof tag === 'string' && tag !== '' ? tag : undefined;
}
