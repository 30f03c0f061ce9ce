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
 * entries. Several instances (STORE=azure) take it from a queue: a message per pending
 * entry, received with the lease as visibility timeout; a message received more than
 * `maxDequeue` times is poison (moved aside, its entry dead). The table claim still
 * decides who sends, so a message the queue hands out twice never sends twice. A sweep
 * queues entries overdue by more than a lease again (a crash between a commit and its
 * queue message, a migration).
 */
import { isDomainError } from '../../services/errors.js';
import type { OutboxEntry } from '../../services/model.js';
import type { Telemetry } from '../../services/telemetry.js';
import { put, type Store } from '../../services/store/types.js';
import type { Logger } from '../../services/logger.js';
import type { NotificationSender, SendOutcome } from './notificationSender.js';
import { MAX_RECEIVE, type OutboxQueue, type QueueMessage } from '../../services/notify/outboxQueue.js';
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
};

export interface DispatcherDeps {
  readonly store: Store;
  readonly sender: Pick<NotificationSender, 'send'>;
  readonly logger: Logger;
  /**
   * Several instances: take the work from this queue instead of polling the table. `store`
   * must then be the `withOutboxQueue` store, so retries and requeues send their messages.
   */
  readonly queue?: OutboxQueue;
  readonly options?: Partial<DispatcherOptions>;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Retries, dead letters and the connector's 429s as counters. */
  readonly telemetry?: Telemetry;
}

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
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: DispatcherDeps) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? Math.random;
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
      if (this.inFlight === 0 && !this.kicked && (await this.deps.store.outbox.listDue(this.clock(), 1)).length === 0) return;
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
    return this.deps.queue ? this.runQueueOnce(this.deps.queue) : this.runTableOnce();
  }

  private async runTableOnce(): Promise<number> {
    const due = await this.deps.store.outbox.listDue(this.clock(), this.options.concurrency * 4);
    let handled = 0;
    // After stop() no new entry is taken; the ones under way finish.
    await eachLimited(
      due,
      this.options.concurrency,
      async (entry) => {
        if (await this.deliver(entry)) handled++;
      },
      () => this.running,
    );
    return handled;
  }

  private async runQueueOnce(queue: OutboxQueue): Promise<number> {
    if (this.clock().getTime() - this.lastSweep >= this.options.sweepIntervalMs) await this.sweep(queue);
    const messages = await queue.receive(Math.min(MAX_RECEIVE, this.options.concurrency * 4), this.options.leaseMs);
    const started = await eachLimited(messages, this.options.concurrency, (m) => this.handleMessage(queue, m), () => this.running);
    // Stopped with messages in hand: hand them back now rather than after the lease.
    await Promise.all(messages.slice(started).map((m) => queue.defer(m, 0).catch(() => undefined)));
    return messages.length;
  }

  /** Queues entries overdue by more than a lease: their message was lost or never sent. */
  private async sweep(queue: OutboxQueue): Promise<void> {
    const now = this.clock();
    this.lastSweep = now.getTime();
    try {
      const overdue = await this.deps.store.outbox.listDue(new Date(now.getTime() - this.options.leaseMs), 500);
      if (overdue.length === 0) return;
      await queue.send(overdue.map((e) => ({ outboxId: e.id, visibleAt: now })));
      this.deps.logger.info({ entries: overdue.length }, 'outbox sweep: queued overdue entries again');
    } catch (err: unknown) {
      this.deps.logger.error({ err }, 'outbox sweep failed');
    }
  }

  /** One queue message: deliver its entry if it is due, then let the message go. */
  private async handleMessage(queue: OutboxQueue, message: QueueMessage): Promise<void> {
    const log = this.deps.logger.child({ outboxId: message.outboxId, messageId: message.messageId, dequeueCount: message.dequeueCount });
    try {
      if (message.outboxId === '') {
        log.error('not an outbox message; moved to the poison queue');
        await queue.poison(message, 'not an outbox message');
        return;
      }
      if (message.dequeueCount > this.options.maxDequeue) {
        await this.poison(queue, message, log);
        return;
      }
      const entry = await this.deps.store.outbox.get(message.outboxId);
      if (entry === undefined || (entry.status !== 'pending' && entry.status !== 'sending')) {
        // Settled (or parked) already: this message is a duplicate or outlived its entry.
        await queue.complete(message);
        return;
      }
      const dueAt = new Date(entry.status === 'sending' ? (entry.leaseUntil ?? entry.nextAttemptAt) : entry.nextAttemptAt).getTime();
      const waitMs = dueAt - this.clock().getTime();
      if (waitMs > 0) {
        await queue.defer(message, waitMs);
        return;
      }
      // A retry or a requeue commits a new message itself; this one is done either way.
      await this.deliver(entry);
      await queue.complete(message);
    } catch (err: unknown) {
      log.error({ err }, 'outbox message not handled; it comes back after its lease');
    }
  }

  private async poison(queue: OutboxQueue, message: QueueMessage, log: Logger): Promise<void> {
    const reason = `queue message received ${message.dequeueCount} times without being handled`;
    log.error({ reason }, 'poison outbox message: moved aside and its entry dead-lettered');
    try {
      const entry = await this.deps.store.outbox.get(message.outboxId);
      if (entry && entry.status !== 'delivered' && entry.status !== 'failed' && entry.status !== 'dead') {
        const { leaseUntil: _lease, ...rest } = entry;
        await this.tryCommit({ ...rest, status: 'dead', lastError: reason });
      }
    } catch (err: unknown) {
      // The message must stop coming back even when the store refuses; the entry stays
      // as it is and the sweep offers it again later.
      log.error({ err }, 'could not dead-letter the entry of a poison message');
    }
    await queue.poison(message, reason);
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

  /** Claims, sends and records one entry; false when another pass had it already. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const now = this.clock();
    const claimed = await this.tryCommit({ ...entry, status: 'sending', attempts: entry.attempts + 1, leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString() });
    if (!claimed) return false;
    this.inFlight++;
    const subject = claimed.accountMpnId === undefined ? { mergeId: claimed.mergeId } : { accountMpnId: claimed.accountMpnId };
    const log = this.deps.logger.child({ outboxId: claimed.id, ...subject, kind: claimed.kind, attempt: claimed.attempts });
    try {
      let outcome: SendOutcome;
      try {
        outcome = await this.deps.sender.send(claimed);
      } catch (err: unknown) {
        outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
      }
      await this.record(claimed, outcome, log);
      return true;
    } finally {
      this.inFlight--;
    }
  }

  private async record(entry: OutboxEntry, outcome: SendOutcome, log: Logger): Promise<void> {
    const now = this.clock();
    const { leaseUntil: _lease, lastError: _error, ...rest } = entry;
    switch (outcome.kind) {
      case 'delivered':
        log.debug('notification delivered');
        await this.tryCommit({ ...rest, status: 'delivered', deliveredAt: now.toISOString() });
        return;
      case 'unreachable':
        // One line per person: later notifications join the ones already waiting for them.
        if (outcome.alreadyWaiting === true) log.debug('parked with the notifications already waiting for this person');
        else log.info({ error: outcome.error }, 'recipient not reachable yet (bot not installed); parked until they open the bot');
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
          log.error({ error: outcome.error, attempts: entry.attempts }, 'notification dead-lettered after the maximum attempts');
          await this.tryCommit({ ...rest, status: 'dead', lastError: outcome.error });
          return;
        }
        this.deps.telemetry?.count('outbox.retries', { kind: entry.kind });
        const delay = outcome.retryAfterMs ?? this.backoff(entry.attempts);
        log.info({ error: outcome.error, retryInMs: delay }, 'notification will be retried');
        await this.tryCommit({ ...rest, status: 'pending', nextAttemptAt: new Date(now.getTime() + delay).toISOString(), lastError: outcome.error });
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
