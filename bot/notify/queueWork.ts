/**
 * The dispatcher's queue mode (several instances, STORE=azure): a message per pending
 * entry, received with the lease as visibility timeout; a message received more than
 * `maxDequeue` times is poison (moved aside, its entry dead). A sweep queues entries
 * overdue by more than a lease again (a crash between a commit and its queue message, a
 * migration). Claiming, sending and recording stay the dispatcher's.
 */
import type { OutboxEntry } from '../../services/model.js';
import type { Logger } from '../../services/loggerPort.js';
import {
  MAX_RECEIVE,
  type OutboxQueue,
  type QueueAnnouncingStore,
  type QueueMessage,
} from '../../services/notify/outboxQueue.js';
import { eachLimited } from '../../services/concurrency.js';
import type { DispatcherOptions } from './dispatcher.js';

export interface QueueWorkDeps {
  readonly queue: OutboxQueue;
  readonly store: QueueAnnouncingStore;
  readonly logger: Logger;
  readonly options: DispatcherOptions;
  readonly clock: () => Date;
  /** Claims, sends and records one entry (the dispatcher's). */
  readonly deliver: (entry: OutboxEntry) => Promise<boolean>;
  /** Writes an entry at its expected version; undefined when someone else changed it first. */
  readonly settle: (entry: OutboxEntry) => Promise<OutboxEntry | undefined>;
  /** Waits for a moment when no request is being answered (the dispatcher's, bounded). */
  readonly yieldToRequests: () => Promise<void>;
}

export class QueueWork {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: QueueWorkDeps) {}

  /** One pass: what the queue hands out now; resolves with the number of messages taken. */
  async runOnce(running: () => boolean): Promise<number> {
    const { queue, options } = this.deps;
    if (this.deps.clock().getTime() - this.lastSweep >= options.sweepIntervalMs) await this.sweep();
    const messages = await queue.receive(Math.min(MAX_RECEIVE, options.concurrency * 4), options.leaseMs);
    const started = await eachLimited(messages, options.concurrency, (m) => this.handleMessage(m, running), running);
    // Stopped with messages in hand: hand them back now rather than after the lease.
    await Promise.all(
      messages.slice(started).map((m) =>
        queue.defer(m, 0).catch((err: unknown) => {
          // Not handed back: it returns by itself after its lease.
          this.deps.logger.debug({ err, messageId: m.messageId }, 'could not hand a queue message back at stop');
        }),
      ),
    );
    return messages.length;
  }

  /** Queues entries overdue by more than a lease: their message was lost or never sent. */
  private async sweep(): Promise<void> {
    const { queue } = this.deps;
    const now = this.deps.clock();
    this.lastSweep = now.getTime();
    try {
      const overdue = await this.deps.store.outbox.listDue(new Date(now.getTime() - this.deps.options.leaseMs), 500);
      if (overdue.length === 0) return;
      await queue.send(overdue.map((e) => ({ outboxId: e.id, visibleAt: now })));
      this.deps.logger.info({ entries: overdue.length }, 'outbox sweep: queued overdue entries again');
    } catch (err: unknown) {
      this.deps.logger.error({ err }, 'outbox sweep failed');
    }
  }

  /** One queue message: deliver its entry if it is due, then let the message go. */
  private async handleMessage(message: QueueMessage, running: () => boolean): Promise<void> {
    const { queue } = this.deps;
    const log = this.deps.logger.child({
      outboxId: message.outboxId,
      messageId: message.messageId,
      dequeueCount: message.dequeueCount,
    });
    try {
      await this.deps.yieldToRequests();
      if (!running()) {
        // Stopped while waiting: the message goes back now, for the next instance.
        await queue.defer(message, 0);
        return;
      }
      if (message.outboxId === '') {
        log.error('not an outbox message; moved to the poison queue');
        await queue.poison(message, 'not an outbox message');
        return;
      }
      if (message.dequeueCount > this.deps.options.maxDequeue) {
        await this.poison(message, log);
        return;
      }
      const entry = await this.deps.store.outbox.get(message.outboxId);
      if (entry === undefined || (entry.status !== 'pending' && entry.status !== 'sending')) {
        // Settled (or parked) already: this message is a duplicate or outlived its entry.
        await queue.complete(message);
        return;
      }
      const dueAt = new Date(
        entry.status === 'sending' ? (entry.leaseUntil ?? entry.nextAttemptAt) : entry.nextAttemptAt,
      ).getTime();
      const waitMs = dueAt - this.deps.clock().getTime();
      if (waitMs > 0) {
        await queue.defer(message, waitMs);
        return;
      }
      // A retry or a requeue commits a new message itself; this one is done either way.
      await this.deps.deliver(entry);
      await queue.complete(message);
    } catch (err: unknown) {
      log.error({ err }, 'outbox message not handled; it comes back after its lease');
    }
  }

  private async poison(message: QueueMessage, log: Logger): Promise<void> {
    const { queue } = this.deps;
    const reason = `queue message received ${message.dequeueCount} times without being handled`;
    log.error({ reason }, 'poison outbox message: moved aside and its entry dead-lettered');
    try {
      const entry = await this.deps.store.outbox.get(message.outboxId);
      if (entry && entry.status !== 'delivered' && entry.status !== 'failed' && entry.status !== 'dead') {
        const { leaseUntil: _lease, ...rest } = entry;
        await this.deps.settle({ ...rest, status: 'dead', lastError: reason });
      }
    } catch (err: unknown) {
      // The message must stop coming back even when the store refuses; the entry stays
      // as it is and the sweep offers it again later.
      log.error({ err }, 'could not dead-letter the entry of a poison message');
    }
    await queue.poison(message, reason);
  }
}
