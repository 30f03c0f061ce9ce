/**
 * Group commit for a store that persists before its in-memory state changes (lowdb):
 * the commits that arrive while a write is under way are checked in order, each against
 * the ones before it, and persisted together. Under load that is one file write for
 * several clicks and deliveries instead of a queue of writes every click waits behind.
 */
import type { IndexedState, Prepared } from './indexedState.js';
import type { CommitResult, WriteOp } from './types.js';

export interface GroupCommitDeps {
  readonly state: IndexedState;
  /** Runs store work one task at a time (the store's write queue). */
  serialized(task: () => Promise<void>): Promise<void>;
  /** Throws when the store can take no commit (closed). */
  ready(): void;
  /** Makes the prepared batches durable, in order; a failure must leave nothing behind. */
  persist(batches: readonly Prepared[]): Promise<void>;
  /** After the batches are live (e.g. an amortized compaction); a failure is the commits' error. */
  afterApply(): Promise<void>;
}

interface Waiting {
  readonly ops: readonly WriteOp[];
  resolve(result: CommitResult): void;
  reject(err: unknown): void;
}

/** The store's `commit`. */
export function groupCommit(deps: GroupCommitDeps): (ops: readonly WriteOp[]) => Promise<CommitResult> {
  let waiting: Waiting[] = [];

  const write = async (group: readonly Waiting[]): Promise<void> => {
    deps.ready();
    const written = new Map<string, number>();
    const accepted: Array<{ readonly commit: Waiting; readonly prepared: Prepared }> = [];
    const refused: Array<{ readonly commit: Waiting; readonly err: unknown }> = [];
    for (const commit of group) {
      try {
        const prepared = deps.state.prepare(commit.ops, written);
        for (const [slot, version] of prepared.versions) written.set(slot, version);
        accepted.push({ commit, prepared });
      } catch (err) {
        refused.push({ commit, err });
      }
    }
    const writing = accepted.map((a) => a.prepared).filter((p) => p.changes.length > 0);
    try {
      // Durable before the live state changes: a failed write changes nothing.
      if (writing.length > 0) await deps.persist(writing);
      for (const prepared of writing) deps.state.apply(prepared);
    } finally {
      // A conflict is reported once the write that caused it is live, so a retry reads it.
      for (const { commit, err } of refused) commit.reject(err);
    }
    await deps.afterApply();
    for (const { commit, prepared } of accepted) commit.resolve({ records: prepared.records });
  };

  const writeWaiting = async (): Promise<void> => {
    const group = waiting;
    waiting = [];
    try {
      await write(group);
    } catch (err) {
      // Settled commits stay as they are (a promise settles once).
      for (const commit of group) commit.reject(err);
    }
  };

  return (ops) =>
    new Promise<CommitResult>((resolve, reject) => {
      waiting.push({ ops, resolve, reject });
      // The first commit of a group queues its write; later ones join it until it starts.
      if (waiting.length === 1) void deps.serialized(writeWaiting);
    });
}
