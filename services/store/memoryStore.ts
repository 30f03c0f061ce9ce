/** The in-memory store: for unit tests and `STORE=memory`. Nothing survives the process. */
import { StoreError } from '../errors.js';
import { IndexedState, type RecordArrays } from './indexedState.js';
import { liveReads } from './repositories.js';
import type { CommitResult, Store, WriteOp } from './types.js';

export const MEMORY_SCHEMA_VERSION = 1;

export function createMemoryStore(initial?: Partial<RecordArrays>): Store {
  const state = new IndexedState(initial);
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreError('store-closed', 'The memory store is closed.');
  };
  return {
    ...liveReads(state, ensureOpen),
    async commit(ops: readonly WriteOp[]): Promise<CommitResult> {
      // Yield once like a real backend would, so callers' races interleave in tests.
      await Promise.resolve();
      ensureOpen();
      // Check and apply happen in one synchronous step: all or nothing.
      const prepared = state.prepare(ops);
      state.apply(prepared);
      return { records: prepared.records };
    },
    ping: () => Promise.resolve(closed ? { ok: false, detail: 'closed' } : { ok: true }),
    info: () => ({ kind: 'memory', schemaVersion: MEMORY_SCHEMA_VERSION }),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
