/**
 * An in-process `OutboxQueue` with the Azure Storage Queue's semantics (visibility
 * timeout, dequeue count, pop receipts). It passes the same queue conformance suite as
 * the Azure queue; the dispatcher's queue mode is unit-tested on it.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_RECEIVE,
  decodeMessage,
  encodeMessage,
  type OutboxQueue,
  type PoisonMessage,
  type QueueMessage,
} from './outboxQueue.js';

interface Stored {
  readonly messageId: string;
  readonly text: string;
  visibleAt: number;
  dequeueCount: number;
  receipt: string;
}

export function createMemoryQueue(clock: () => number = Date.now): OutboxQueue & { sendRaw(text: string): void } {
  const messages = new Map<string, Stored>();
  const poisoned: PoisonMessage[] = [];
  const take = (message: QueueMessage): Stored | undefined => {
    const stored = messages.get(message.messageId);
    return stored?.receipt === message.receipt ? stored : undefined;
  };
  const add = (text: string, visibleAt: number): void => {
    const messageId = randomUUID();
    messages.set(messageId, { messageId, text, visibleAt, dequeueCount: 0, receipt: randomUUID() });
  };
  return {
    sendRaw: (text) => add(text, clock()),
    send(items) {
      for (const item of items) add(encodeMessage(item.outboxId), Math.max(clock(), item.visibleAt.getTime()));
      return Promise.resolve();
    },
    receive(max, leaseMs) {
      const now = clock();
      const out: QueueMessage[] = [];
      for (const stored of messages.values()) {
        if (out.length >= Math.min(max, MAX_RECEIVE)) break;
        if (stored.visibleAt > now) continue;
        stored.visibleAt = now + leaseMs;
        stored.dequeueCount++;
        stored.receipt = randomUUID();
        out.push({
          messageId: stored.messageId,
          receipt: stored.receipt,
          outboxId: decodeMessage(stored.text),
          dequeueCount: stored.dequeueCount,
        });
      }
      return Promise.resolve(out);
    },
    complete(message) {
      if (take(message)) messages.delete(message.messageId);
      return Promise.resolve();
    },
    defer(message, delayMs) {
      const stored = take(message);
      if (stored) stored.visibleAt = clock() + delayMs;
      return Promise.resolve();
    },
    poison(message, reason) {
      if (take(message)) {
        messages.delete(message.messageId);
        poisoned.push({
          outboxId: message.outboxId,
          dequeueCount: message.dequeueCount,
          reason,
          at: new Date(clock()).toISOString(),
        });
      }
      return Promise.resolve();
    },
    listPoison: (max = MAX_RECEIVE) => Promise.resolve(poisoned.slice(0, max)),
    depth: () => Promise.resolve(messages.size),
  };
}
