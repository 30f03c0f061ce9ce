/**
 * Delivers the outbox: at least once, never twice on purpose. Each due entry is claimed
 * with a lease (an optimistic write, so two dispatchers cannot both take it), handed to
 * the sender, and its outcome recorded: delivered; retried with exponential backoff and
 * jitter (or exactly after Retry-After); parked until the person becomes reachable;
 * failed for good; or dead after the maximum attempts (logged for operators, see
 * `npm run outbox`). Entries left `sending` by a crash are retried when their lease ends,
 * so delivery resumes after a restart.
 *
 * Where the work comes from: one instance (lowdb) polls the outbox table for due
 * entries; several instances (STORE=azure) take it from a queue (queueWork.ts). The table
 * claim still decides who sends, so a message the queue hands out twice never sends twice.
 */
import { isDomainError } from '../../services/errors.js';
import type { OutboxEntry } from '../../services/model.js';
import type { Telemetry } from '../../services/telemetryPort.js';
import { put, type Store } from '../../services/store/types.js';
import type { Logger } from '../../services/loggerPort.js';
import type { NotificationSender } from './notificationSender.js';
import type { Lease, SendOutcome } from './sendOutcome.js';
import type { OutboxQueue, QueueAnnouncingStore } from '../../services/notify/outboxQueue.js';
import { QueueWork } from './queueWork.js';
import { eachLimited } from '../../services/concurrency.js';

export interface DispatcherOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a claimed entry is ours; after that another pass may take it again. */
  readonly leaseMs: number;
  /** Idle polling interval (new entries also wake the dispatcher through `kick`). */
  readonly pollIntervalMs: number;
  /** Entries delivered at the same time (the rate limiter still paces each thread and tenant). */
  readonly concurrency: number;
  /** Queue mode: a message received more often than this is poison. */
  readonly maxDequeue: number;
  /** Queue mode: how often entries overdue by more than a lease are queued again. */
  readonly sweepIntervalMs: number;
  /**
   * People first: while requests are being answered (`busy`), a delivery waits for a quiet
   * moment, at most this long, so notifications never slow down clicks; they catch up after.
   */
  readonly yieldMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 60_000,
  pollIntervalMs: 1000,
  concurrency: 8,
  maxDequeue: 10,
  sweepIntervalMs: 30_000,
  yieldMs: 1000,
};

/** How often a delivery that yields looks again whether requests are still being answered. */
const YIELD_POLL_MS = 10;

/**
 * Where the work comes from: the outbox table (one instance), or a queue (several); the
 * queue needs the store that announces every pending entry on it, so retries and requeues
 * send their messages.
 */
export type WorkSource =
  | { readonly store: Store; readonly queue?: undefined }
  | { readonly store: QueueAnnouncingStore; readonly queue: OutboxQueue };

export type DispatcherDeps = WorkSource & {
  readonly sender: Pick<NotificationSender, 'send'>;
  readonly logger: Logger;
  readonly options?: Partial<DispatcherOptions>;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Retries, dead letters and the connector's 429s as counters. */
  readonly telemetry?: Telemetry;
  /** Whether people's requests are being answered right now (the HTTP server's turns in flight). */
  readonly busy?: () => boolean;
};

export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  /** Queue mode's work (several instances); undefined: poll the outbox table. */
  private readonly queueWork: QueueWork | undefined;

  constructor(private readonly deps: DispatcherDeps) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.queueWork = deps.queue
      ? new QueueWork({
          queue: deps.queue,
          store: deps.store,
          logger: deps.logger,
          options: this.options,
          clock: this.clock,
          deliver: (entry) => this.deliver(entry),
          settle: (entry) => this.tryCommit(entry),
          yieldToRequests: () => this.yieldToRequests(),
        })
      : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking new entries and waits for the ones being delivered. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** New entries were committed: look now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Resolves when nothing is due now and nothing is being delivered (tests, shutdown). */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.inFlight === 0 && !this.kicked && (await this.deps.store.outbox.listDue(this.clock(), 1)).length === 0)
        return;
      await new Promise<void>((done) => {
        this.idleWaiters.push(done);
        setTimeout(done, 50);
      });
    }
  }

  /** Parked entries of someone who just became reachable go back in the queue. */
  async requeueParked(person: { tenantId: string; aadObjectId: string }): Promise<number> {
    const parked = await this.deps.store.outbox.listParkedFor(person.tenantId, person.aadObjectId);
    let requeued = 0;
    const now = this.clock().toISOString();
    for (const entry of parked) {
      if (await this.tryCommit({ ...entry, status: 'pending', nextAttemptAt: now })) requeued++;
    }
    if (requeued > 0) this.kick();
    return requeued;
  }

  /** One pass over what is due now; resolves with the number of entries (or messages) handled. */
  private runOnce(): Promise<number> {
    return this.queueWork ? this.queueWork.runOnce(() => this.running) : this.runTableOnce();
  }

  private async runTableOnce(): Promise<number> {
    const due = await this.deps.store.outbox.listDue(this.clock(), this.options.concurrency * 4);
    let handled = 0;
    // After stop() no new entry is taken; the ones under way finish.
    await eachLimited(
      due,
      this.options.concurrency,
      async (entry) => {
        await this.yieldToRequests();
        // Stopped while waiting: the entry stays pending for the next start.
        if (this.running && (await this.deliver(entry))) handled++;
      },
      () => this.running,
    );
    return handled;
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Let timers and I/O run between passes even when every call answers at once.
      await new Promise((done) => setImmediate(done));
      this.kicked = false;
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (err: unknown) {
        this.deps.logger.error({ err }, 'outbox pass failed');
      }
      if (!this.running) break;
      if (handled > 0 || this.kicked) continue;
      this.notifyIdle();
      await this.sleepUntilWork();
    }
    this.notifyIdle();
  }

  private async sleepUntilWork(): Promise<void> {
    let waitMs = this.options.pollIntervalMs;
    try {
      const nextDue = await this.deps.store.outbox.nextDueAt();
      const untilDue = nextDue ? nextDue.getTime() - this.clock().getTime() : Number.POSITIVE_INFINITY;
      // With a queue, an entry already due whose message did not come is leased or
      // deferred elsewhere: wait for the queue, not for the table.
      if (untilDue > 0 || !this.deps.queue) waitMs = Math.max(0, Math.min(waitMs, untilDue));
    } catch {
      // Keep the poll interval; the next pass reports store trouble.
    }
    if (waitMs === 0 || this.kicked) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(finish, waitMs);
      function finish(): void {
        clearTimeout(timer);
        done();
      }
      this.wake = finish;
    });
    this.wake = undefined;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const done of waiters) done();
  }

  /** Waits, at most `yieldMs`, until no request is being answered (or the dispatcher stops). */
  private async yieldToRequests(): Promise<void> {
    const busy = this.deps.busy;
    if (busy === undefined || this.options.yieldMs <= 0) return;
    const until = performance.now() + this.options.yieldMs;
    while (this.running && busy() && performance.now() < until)
      await new Promise((done) => setTimeout(done, YIELD_POLL_MS));
  }

  /** Claims, sends and records one entry; false when another pass had it already. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const claimed = await this.tryCommit({
      ...entry,
      status: 'sending',
      attempts: entry.attempts + 1,
      leaseUntil: this.leaseEnd(),
    });
    if (!claimed) return false;
    this.inFlight++;
    const subject =
      claimed.accountMpnId === undefined ? { mergeId: claimed.mergeId } : { accountMpnId: claimed.accountMpnId };
    const log = this.deps.logger.child({
      outboxId: claimed.id,
      ...subject,
      kind: claimed.kind,
      attempt: claimed.attempts,
    });
    // The entry as last written by us: a renewed claim has a newer version.
    let current = claimed;
    const lease: Lease = {
      confirm: async () => {
        // Renewed once a quarter is spent: the send then has at least three quarters of a lease.
        const left = Date.parse(current.leaseUntil ?? '') - this.clock().getTime();
        if (left > this.options.leaseMs * 0.75) return true;
        const renewed = await this.tryCommit({ ...current, leaseUntil: this.leaseEnd() });
        if (renewed) current = renewed;
        return renewed !== undefined;
      },
    };
    try {
      let outcome: SendOutcome;
      try {
        outcome = await this.deps.sender.send(claimed, lease);
      } catch (err: unknown) {
        outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
      }
      await this.record(current, outcome, log);
      return true;
    } finally {
      this.inFlight--;
    }
  }

  private leaseEnd(): string {
    return new Date(this.clock().getTime() + this.options.leaseMs).toISOString();
  }

  private async record(entry: OutboxEntry, outcome: SendOutcome, log: Logger): Promise<void> {
    const now = this.clock();
    const { leaseUntil: _lease, lastError: _error, ...rest } = entry;
    switch (outcome.kind) {
      case 'lost':
        // Taken over while this attempt was slow; the new holder sends and records it.
        log.info({ error: outcome.error }, 'claim taken over before the send; nothing sent');
        return;
      case 'delivered':
        log.debug('notification delivered');
        await this.tryCommit({ ...rest, status: 'delivered', deliveredAt: now.toISOString() });
        return;
      case 'unreachable':
        // One line per person: later notifications join the ones already waiting for them.
        if (outcome.alreadyWaiting === true) log.debug('parked with the notifications already waiting for this person');
        else
          log.info(
            { error: outcome.error },
            'recipient not reachable yet (bot not installed); parked until they open the bot',
          );
        await this.tryCommit({ ...rest, status: 'parked', lastError: outcome.error });
        return;
      case 'failed':
        log.warn({ error: outcome.error }, 'notification refused for good (bot removed or conversation gone)');
        await this.tryCommit({ ...rest, status: 'failed', lastError: outcome.error });
        return;
      case 'retry': {
        if (/^429\b/.test(outcome.error)) this.deps.telemetry?.count('connector.throttled');
        if (entry.attempts >= this.options.maxAttempts) {
          this.deps.telemetry?.count('outbox.dead_letters', { kind: entry.kind });
          log.error(
            { error: outcome.error, attempts: entry.attempts },
            'notification dead-lettered after the maximum attempts',
          );
          await this.tryCommit({ ...rest, status: 'dead', lastError: outcome.error });
          return;
        }
        this.deps.telemetry?.count('outbox.retries', { kind: entry.kind });
        const delay = outcome.retryAfterMs ?? this.backoff(entry.attempts);
        log.info({ error: outcome.error, retryInMs: delay }, 'notification will be retried');
        await this.tryCommit({
          ...rest,
          status: 'pending',
          nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
          lastError: outcome.error,
        });
        return;
      }
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random. */
  private backoff(attempts: number): number {
    const cap = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(cap / 2 + (cap / 2) * this.random());
  }

  /** Writes the entry at its expected version; undefined when someone else changed it first. */
  private async tryCommit(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    try {
      const { records } = await this.deps.store.commit([put('outbox', entry)]);
      return records[0] as OutboxEntry;
    } catch (err: unknown) {
      if (isDomainError(err) && err.code === 'version-conflict') return undefined;
      throw err;
    }
  }
}
