/**
 * The outbox's indexes in the in-memory record set (IndexedState): entries by status,
 * parked entries by person, and when each pending or sending entry is due (parsed once,
 * as it is stored), so the dispatcher's many "what is due" questions never sort the outbox.
 */
import { userKey } from '../accounts/validation.js';
import type { OutboxEntry, OutboxStatus } from '../model.js';
import { addTo, removeFrom } from './setIndex.js';

export class OutboxIndex {
  private readonly byStatus = new Map<OutboxStatus, Set<string>>();
  private readonly parkedByUser = new Map<string, Set<string>>();
  /** Pending and sending entries by id: when each is due (ms). */
  private readonly dueAt = new Map<string, number>();
  /** Pending and sending entries by merge. */
  private readonly activeByMerge = new Map<string, Set<string>>();

  /** `entries`: the live outbox records by id (owned by the record set). */
  constructor(private readonly entries: ReadonlyMap<string, OutboxEntry>) {}

  add(entry: OutboxEntry): void {
    addTo(this.byStatus, entry.status, entry.id);
    if (entry.status === 'pending' || entry.status === 'sending') {
      this.dueAt.set(entry.id, dueAt(entry));
      if (entry.mergeId !== undefined) addTo(this.activeByMerge, entry.mergeId, entry.id);
    }
    if (entry.status === 'parked' && entry.recipient) addTo(this.parkedByUser, userKey(entry.recipient), entry.id);
  }

  remove(entry: OutboxEntry): void {
    removeFrom(this.byStatus, entry.status, entry.id);
    this.dueAt.delete(entry.id);
    if (entry.mergeId !== undefined) removeFrom(this.activeByMerge, entry.mergeId, entry.id);
    if (entry.recipient) removeFrom(this.parkedByUser, userKey(entry.recipient), entry.id);
  }

  /**
   * The `limit` entries due first. One pass over the due times with a small sorted pick:
   * behind a backlog of thousands the dispatcher asks this several times a second.
   */
  due(now: Date, limit: number): OutboxEntry[] {
    if (limit <= 0) return [];
    const t = now.getTime();
    const picked: Array<{ readonly at: number; readonly entry: OutboxEntry }> = [];
    const before = (a: { at: number; entry: OutboxEntry }, b: { at: number; entry: OutboxEntry }): boolean =>
      a.at < b.at || (a.at === b.at && a.entry.id.localeCompare(b.entry.id) < 0);
    for (const [id, at] of this.dueAt) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      // A claim without a lease (never written by this code) is due at once.
      if (at > t && !(entry.status === 'sending' && entry.leaseUntil === undefined)) continue;
      const item = { at, entry };
      if (picked.length >= limit && !before(item, picked[picked.length - 1]!)) continue;
      let index = picked.length;
      while (index > 0 && before(item, picked[index - 1]!)) index--;
      picked.splice(index, 0, item);
      if (picked.length > limit) picked.pop();
    }
    return picked.map((p) => p.entry);
  }

  nextDueAt(): Date | undefined {
    let next: number | undefined;
    for (const at of this.dueAt.values()) if (next === undefined || at < next) next = at;
    return next === undefined ? undefined : new Date(next);
  }

  withStatus(status: OutboxStatus, limit?: number): OutboxEntry[] {
    const list = this.resolve(this.byStatus.get(status)).sort(oldestFirst);
    return limit === undefined ? list : list.slice(0, Math.max(0, limit));
  }

  /** The merge's entries still to be delivered (pending, or being sent). */
  activeForMerge(mergeId: string): OutboxEntry[] {
    return this.resolve(this.activeByMerge.get(mergeId)).sort(oldestFirst);
  }

  parkedFor(tenantId: string, aadObjectId: string): OutboxEntry[] {
    return this.resolve(this.parkedByUser.get(userKey({ tenantId, aadObjectId }))).sort(oldestFirst);
  }

  count(status?: OutboxStatus): number {
    return status === undefined ? this.entries.size : (this.byStatus.get(status)?.size ?? 0);
  }

  private resolve(ids: ReadonlySet<string> | undefined): OutboxEntry[] {
    return [...(ids ?? [])].flatMap((id) => this.entries.get(id) ?? []);
  }
}

/** When an outbox entry may be (re)tried: its next attempt, or the end of its lease. */
function dueAt(entry: OutboxEntry): number {
  return Date.parse(entry.status === 'sending' ? (entry.leaseUntil ?? entry.nextAttemptAt) : entry.nextAttemptAt);
}

function oldestFirst(a: OutboxEntry, b: OutboxEntry): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
