/**
 * The outbox work queue on Azure Storage Queues (`STORE=azure`): `<name>` holds one
 * message per pending outbox entry, `<name>-poison` what was given up on. The visibility
 * timeout is the lease (whole seconds, the service's unit); messages never expire
 * (time-to-live -1), so a long outage loses nothing. See docs/azure-storage.md.
 */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { eachLimited } from '../concurrency.js';
import type { AzureServiceAccess } from './azure/access.js';
import {
  MAX_RECEIVE,
  decodeMessage,
  encodeMessage,
  type OutboxQueue,
  type PoisonMessage,
  type QueueMessage,
} from '../notify/outboxQueue.js';

export const DEFAULT_AZURE_QUEUE = 'pmb-outbox';
/** The service hides a message for at most 7 days; later entries are deferred again when received. */
const MAX_VISIBILITY_S = 7 * 24 * 3600 - 60;

export type AzureQueueOptions = AzureServiceAccess & {
  readonly queueName?: string;
};

const seconds = (ms: number): number => Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(ms / 1000)));

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A message someone else received since (new receipt) or deleted is no longer ours to settle. */
async function ignoringGone(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const status = statusOf(err);
    if (status !== 404 && status !== 400) throw err;
  }
}

interface PoisonBody {
  v: 1;
  o: string;
  n: number;
  reason: string;
  at: string;
}

export async function openAzureQueue(options: AzureQueueOptions): Promise<OutboxQueue> {
  const name = options.queueName ?? DEFAULT_AZURE_QUEUE;
  const service =
    'connectionString' in options
      ? QueueServiceClient.fromConnectionString(options.connectionString)
      : new QueueServiceClient(options.url, options.credential);
  const work = service.getQueueClient(name);
  const poisonQueue = service.getQueueClient(`${name}-poison`);
  await Promise.all([work.createIfNotExists(), poisonQueue.createIfNotExists()]);
  return new AzureOutboxQueue(work, poisonQueue);
}

class AzureOutboxQueue implements OutboxQueue {
  constructor(
    private readonly work: QueueClient,
    private readonly poisonQueue: QueueClient,
  ) {}

  async send(items: readonly { readonly outboxId: string; readonly visibleAt: Date }[]): Promise<void> {
    const now = Date.now();
    // One request per message (the service has no batch send); a few at a time.
    await eachLimited(items, 16, async (item) => {
      await this.work.sendMessage(encodeMessage(item.outboxId), {
        visibilityTimeout: seconds(item.visibleAt.getTime() - now),
        messageTimeToLive: -1,
      });
    });
  }

  async receive(max: number, leaseMs: number): Promise<QueueMessage[]> {
    const response = await this.work.receiveMessages({
      numberOfMessages: Math.max(1, Math.min(max, MAX_RECEIVE)),
      visibilityTimeout: Math.max(1, seconds(leaseMs)),
    });
    return response.receivedMessageItems.map((m) => ({
      messageId: m.messageId,
      receipt: m.popReceipt,
      outboxId: decodeMessage(m.messageText),
      dequeueCount: m.dequeueCount,
    }));
  }

  complete(message: QueueMessage): Promise<void> {
    return ignoringGone(() => this.work.deleteMessage(message.messageId, message.receipt));
  }

  defer(message: QueueMessage, delayMs: number): Promise<void> {
    return ignoringGone(() => this.work.updateMessage(message.messageId, message.receipt, undefined, seconds(delayMs)));
  }

  async poison(message: QueueMessage, reason: string): Promise<void> {
    const body: PoisonBody = {
      v: 1,
      o: message.outboxId,
      n: message.dequeueCount,
      reason,
      at: new Date().toISOString(),
    };
    // Copied first: a crash in between leaves a duplicate in the poison queue, never a loss.
    await this.poisonQueue.sendMessage(JSON.stringify(body), { messageTimeToLive: -1 });
    await this.complete(message);
  }

  async listPoison(max = MAX_RECEIVE): Promise<PoisonMessage[]> {
    const peeked = await this.poisonQueue.peekMessages({ numberOfMessages: Math.max(1, Math.min(max, MAX_RECEIVE)) });
    return peeked.peekedMessageItems.map((m) => {
      try {
        const body = JSON.parse(m.messageText) as Partial<PoisonBody>;
        return {
          outboxId: String(body.o ?? ''),
          dequeueCount: Number(body.n ?? m.dequeueCount),
          reason: String(body.reason ?? ''),
          at: String(body.at ?? m.insertedOn.toISOString()),
        };
      } catch {
        return {
          outboxId: '',
          dequeueCount: m.dequeueCount,
          reason: 'unreadable poison message',
          at: m.insertedOn.toISOString(),
        };
      }
    });
  }

  async depth(): Promise<number> {
    return (await this.work.getProperties()).approximateMessagesCount ?? 0;
  }
}
