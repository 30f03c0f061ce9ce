/**
 * The lowdb store's journal, kept in the store file itself: the file is the snapshot (one
 * line of compact JSON, as lowdb writes it) followed by one line per committed batch,
 * each holding the after-image of every record the batch changed (`null`: deleted). A
 * commit appends its line (written before `commit` resolves) instead of rewriting the
 * whole snapshot, so its cost follows the size of the batch, not of the store. At open
 * the lines are replayed over the snapshot; a last line that does not parse (a write torn
 * by a crash) is ignored and cut off. Replaying is idempotent (after-images). Keeping one
 * file means copying or backing up the file copies the whole store. The dialog-state file
 * (bot/stateStorage.ts) uses the same format with its own change shape.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RecordKind } from './types.js';

/** `[kind, key, record or null]`. */
export type JournalChange = readonly [RecordKind, string, unknown];

export interface JournalBatch<C = JournalChange> {
  /** Schema version of the records in the batch. */
  readonly s: number;
  readonly c: readonly C[];
}

export class JournalCorrupt extends Error {}

export interface SplitFile<C = JournalChange> {
  readonly snapshot: string;
  readonly batches: JournalBatch<C>[];
  /** Bytes of journal lines that parsed (newlines included). */
  readonly journalBytes: number;
  /** A torn last line follows the valid part. */
  readonly torn: boolean;
}

/** Splits a store file into its snapshot and the batches after it (each change's shape is the caller's to check). */
export function splitStoreFile<C = JournalChange>(text: string): SplitFile<C> {
  const [snapshot = '', ...lines] = text.split('\n');
  const batches: JournalBatch<C>[] = [];
  let journalBytes = 0;
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    let batch: Partial<JournalBatch<C>> | null;
    try {
      batch = JSON.parse(line) as Partial<JournalBatch<C>> | null;
    } catch (err) {
      if (last) return { snapshot, batches, journalBytes, torn: true };
      throw new JournalCorrupt(`journal line ${index + 1} is not valid JSON (${(err as Error).message})`);
    }
    if (typeof batch !== 'object' || batch === null || typeof batch.s !== 'number' || !Array.isArray(batch.c)) {
      throw new JournalCorrupt(`journal line ${index + 1} is not a committed batch`);
    }
    batches.push(batch as JournalBatch<C>);
    journalBytes += 1 + Buffer.byteLength(line);
  }
  return { snapshot, batches, journalBytes, torn: false };
}

/** Appends batches to the store file, after its snapshot. */
export class Journal {
  private handle: FileHandle | undefined;

  /** Bytes of journal lines after the snapshot. */
  constructor(
    readonly file: string,
    public size = 0,
  ) {}

  /** Appends one batch; on failure the file is cut back so no torn line stays behind. */
  append<C>(batch: JournalBatch<C>, snapshotBytes: number): Promise<void> {
    return this.appendAll([batch], snapshotBytes);
  }

  /** Appends batches (one line each) in one write; on failure the file is cut back to before them. */
  async appendAll<C>(batches: readonly JournalBatch<C>[], snapshotBytes: number): Promise<void> {
    const line = Buffer.from(batches.map((batch) => `\n${JSON.stringify(batch)}`).join(''));
    this.handle ??= await open(this.file, 'a');
    try {
      let written = 0;
      while (written < line.length)
        written += (await this.handle.write(line, written, line.length - written)).bytesWritten;
    } catch (err) {
      await this.handle.truncate(snapshotBytes + this.size).catch(() => undefined);
      throw err;
    }
    this.size += line.length;
  }

  /** The snapshot was rewritten (a new file replaced the old one): start over on it. */
  async reset(): Promise<void> {
    await this.close();
    this.size = 0;
  }

  /** Cuts a torn last line off the file. */
  static async truncate(file: string, bytes: number): Promise<void> {
    const handle = await open(file, 'r+');
    try {
      await handle.truncate(bytes);
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
