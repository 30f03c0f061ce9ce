/**
 * The operator's view of the outbox: list entries by status, put dead, failed or parked
 * ones back in the queue. Retrying resets the attempt count so the entry gets the full
 * retry budget again; the last error stays for the record until it is delivered.
 */
import { isDomainError } from '../errors.js';
import type { OutboxEntry, OutboxStatus } from '../model.js';
import { put, type Store } from '../store/types.js';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'delivered', 'parked', 'failed', 'dead'];
const RETRYABLE: ReadonlySet<OutboxStatus> = new Set(['dead', 'failed', 'parked']);

export async function outboxSummary(store: Store): Promise<Record<OutboxStatus, number>> {
  const counts = {} as Record<OutboxStatus, number>;
  for (const status of OUTBOX_STATUSES) counts[status] = await store.outbox.count(status);
  return counts;
}

export interface RetryReport {
  readonly requeued: readonly string[];
  /** Ids that were not found, not in a retryable state, or changed meanwhile. */
  readonly skipped: ReadonlyArray<{ readonly id: string; readonly why: string }>;
}

/** Requeues the given entries (by id) or every entry in the given status. */
export async function retryOutbox(
  store: Store,
  target: { readonly ids: readonly string[] } | { readonly status: OutboxStatus },
  now: Date,
): Promise<RetryReport> {
  const entries: Array<OutboxEntry | { id: string; missing: true }> =
    'ids' in target
      ? await Promise.all(target.ids.map(async (id) => (await store.outbox.get(id)) ?? { id, missing: true as const }))
      : await store.outbox.listByStatus(target.status);
  const requeued: string[] = [];
  const skipped: Array<{ id: string; why: string }> = [];
  for (const entry of entries) {
    if ('missing' in entry) {
      skipped.push({ id: entry.id, why: 'no such entry' });
      continue;
    }
    if (!RETRYABLE.has(entry.status)) {
      skipped.push({ id: entry.id, why: `status is ${entry.status}` });
      continue;
    }
    try {
      await store.commit([
        put('outbox', { ...entry, status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() }),
      ]);
      requeued.push(entry.id);
    } catch (err: unknown) {
      if (!(isDomainError(err) && err.code === 'version-conflict')) throw err;
      skipped.push({ id: entry.id, why: 'changed meanwhile' });
    }
  }
  return { requeued, skipped };
}
