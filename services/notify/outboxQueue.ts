/**
 * The work queue of the outbox when several instances deliver (STORE=azure: an Azure
 * Storage Queue). The outbox table stays the truth — an entry is written in the same
 * commit as the decision that caused it — and the queue distributes the work: one
 * message per pending entry, received with a visibility timeout that is the lease, its
 * dequeue count telling a poison message (one whose handling keeps failing) from a
 * slow one. The table claim (an optimistic write) still decides who sends, so a message
 * delivered twice by the queue never sends twice.
 */
import type { OutboxEntry } from '../model.js';
import type { Logger } from '../loggerPort.js';
import type { CommitResult, Store, WriteOp } from '../store/types.js';

export interface QueueMessage {
  readonly messageId: string;
  /** Needed to delete or hide the message again; changes with every receive and defer. */
  readonly receipt: string;
  /** The outbox entry this message is about; '' when the message is not ours (poison). */
  readonly outboxId: string;
  /** Times received, this time included. */
  readonly dequeueCount: number;
}

export interface PoisonMessage {
  readonly outboxId: string;
  readonly dequeueCount: number;
  readonly reason: string;
  readonly at: string;
}

export interface OutboxQueue {
  /** One message per entry, visible from `visibleAt` (at once when that has passed). */
  send(items: readonly { readonly outboxId: string; readonly visibleAt: Date }[]): Promise<void>;
  /** Up to `max` visible messages (at most 32), each hidden from others for `leaseMs`. */
  receive(max: number, leaseMs: number): Promise<QueueMessage[]>;
  /** Handled: the message goes away. A message someone else received since is left alone. */
  complete(message: QueueMessage): Promise<void>;
  /** Not due yet: hidden again for `delayMs`. */
  defer(message: QueueMessage, delayMs: number): Promise<void>;
  /** Moves the message to the poison queue with the reason. */
  poison(message: QueueMessage, reason: string): Promise<void>;
  /** The poison queue's messages, oldest first (operators: `npm run outbox`). */
  listPoison(max?: number): Promise<PoisonMessage[]>;
  /** Approximate number of messages in the work queue, hidden ones included. */
  depth(): Promise<number>;
}

/** At most this many messages per receive (the Azure Storage Queue limit). */
export const MAX_RECEIVE = 32;

/** Queue message bodies: small, versioned JSON, so other producers' messages are recognised as not ours. */
export function encodeMessage(outboxId: string): string {
  return JSON.stringify({ v: 1, o: outboxId });
}

export function decodeMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { v?: unknown; o?: unknown };
    return body.v === 1 && typeof body.o === 'string' ? body.o : '';
  } catch {
    return '';
  }
}

/** Pending outbox entries among what a commit stored. */
export function pendingOutbox(ops: readonly WriteOp[], result: CommitResult): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.op !== 'put') continue;
    const stored = result.records[i++];
    if (op.kind === 'outbox' && (stored as OutboxEntry).status === 'pending') out.push(stored as OutboxEntry);
  }
  return out;
}

/**
 * The store every part of the app writes through when the outbox has a queue: after a
 * commit lands, each pending outbox entry it stored gets a message, visible when the
 * entry is due. A failed send is logged and left to the dispatcher's sweep (entries due
 * for longer than a lease are announced again), so the commit — already acknowledged —
 * never fails because of the queue.
 */
declare const queueAnnounced: unique symbol;

/**
 * A store whose commits announce their pending outbox entries on the queue (made only by
 * `withOutboxQueue`): the dispatcher's queue mode takes its work from the queue and needs
 * every retry and requeue it commits to send a message too, so it accepts only this store.
 */
export type QueueAnnouncingStore = Store & { readonly [queueAnnounced]: true };

export function withOutboxQueue(
  store: Store,
  queue: OutboxQueue,
  logger: Logger,
  onAnnounced?: () => void,
): QueueAnnouncingStore {
  const announcing: Store = {
    ...store,
    async commit(ops) {
      const result = await store.commit(ops);
      const pending = pendingOutbox(ops, result);
      if (pending.length > 0) {
        try {
          await queue.send(pending.map((e) => ({ outboxId: e.id, visibleAt: new Date(e.nextAttemptAt) })));
        } catch (err: unknown) {
          logger.warn(
            { err, entries: pending.length },
            'could not queue new notifications; the outbox sweep will queue them',
          );
        }
        onAnnounced?.();
      }
      return result;
    },
  };
  // The brand is the type's promise, kept by this one constructor.
  return announcing as QueueAnnouncingStore;
}
