/**
 * botbuilder `Storage` for conversation/dialog state, with eTag concurrency like the
 * framework's own stores. Items live in memory and, when a file is given, are written
 * through to a lowdb JSON file (atomic rename by lowdb's steno writer) before `write`
 * resolves, so a turn's state survives a restart. Concurrent writes are group-committed:
 * one file write carries every change that arrived while the previous one was running.
 */
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';

interface StateFile {
  schemaVersion: 1;
  items: Record<string, string>;
}

export class StateStorage implements Storage {
  private readonly items = new Map<string, string>();
  private nextEtag = 1;
  private flushing: Promise<void> | undefined;
  private dirty = false;

  private constructor(private readonly db: Low<StateFile> | undefined) {
    if (db) {
      for (const [key, json] of Object.entries(db.data.items)) this.items.set(key, json);
      this.nextEtag = this.items.size + 1;
    }
  }

  /** In-memory only: for tests and `STORE=memory`. */
  static inMemory(): StateStorage {
    return new StateStorage(undefined);
  }

  static async open(file: string): Promise<StateStorage> {
    const db = new Low<StateFile>(new JSONFile<StateFile>(file), { schemaVersion: 1, items: {} });
    await db.read();
    if (typeof db.data !== 'object' || db.data === null || typeof db.data.items !== 'object' || db.data.items === null) {
      throw new Error(`bot state file ${file} is not a state file (expected { schemaVersion, items })`);
    }
    return new StateStorage(db);
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
      this.items.set(key, JSON.stringify({ ...(item as object), eTag: String(this.nextEtag++) }));
    }
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    let changed = false;
    for (const key of keys) changed = this.items.delete(key) || changed;
    if (changed) await this.persist();
  }

  /** Waits for any pending file write; used at shutdown. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  get size(): number {
    return this.items.size;
  }

  private async persist(): Promise<void> {
    if (!this.db) return;
    this.dirty = true;
    // Group commit: wait for a running write, then one write covers all pending changes.
    while (this.flushing) await this.flushing;
    if (!this.dirty) return;
    this.flushing = this.writeFile();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeFile(): Promise<void> {
    if (!this.db) return;
    this.dirty = false;
    this.db.data = { schemaVersion: 1, items: Object.fromEntries(this.items) };
    await this.db.write();
  }
}

function eTagOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const tag = (item as { eTag?: unknown }).eTag;
  return typeof tag === 'string' && tag !== '' ? tag : undefined;
}
