/**
 * People first: while requests are being answered, the outbox waits for a quiet moment
 * before each delivery (at most `yieldMs`), so it never starves and never holds up a stop.
 */
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { put, type Store } from '../../services/store/types.js';
import { OutboxDispatcher, type DispatcherOptions } from '../../bot/notify/dispatcher.js';
import { recordingLogger } from '../workAccount/fixtures.js';
import { makeOutboxEntry } from '../services/fixtures.js';
import { sleep, until } from '../support/wait.js';
import { createMemoryQueue } from '../../services/notify/memoryQueue.js';
import { withOutboxQueue, type OutboxQueue, type QueueAnnouncingStore } from '../../services/notify/outboxQueue.js';

describe('outbox dispatcher yields to requests', () => {
  let store: Store;
  let busy: boolean;
  let sent: string[];
  let dispatcher: OutboxDispatcher | undefined;

  beforeEach(() => {
    store = createMemoryStore();
    busy = false;
    sent = [];
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });

  /** A started dispatcher over the table, or over a queue with its announcing store; it records what it sends. */
  function begin(
    options: Partial<DispatcherOptions>,
    work: { store: Store; queue?: undefined } | { store: QueueAnnouncingStore; queue: OutboxQueue } = { store },
  ): OutboxDispatcher {
    const d = new OutboxDispatcher({
      ...work,
      logger: recordingLogger(),
      busy: () => busy,
      sender: {
        send: (entry) => {
          sent.push(entry.id);
          return Promise.resolve({ kind: 'delivered' });
        },
      },
      options: { pollIntervalMs: 20, ...options },
    });
    d.start();
    dispatcher = d;
    return d;
  }
  const start = (options: Partial<DispatcherOptions>): OutboxDispatcher => begin(options);

  it('delivers at once when nobody is waiting for an answer', async () => {
    start({ yieldMs: 60_000 });
    await store.commit([put('outbox', makeOutboxEntry('o-1'), 0)]);
    dispatcher?.kick();
    await until('delivered', () => sent.length === 1, 5000);
  });

  it('waits while requests are answered, and delivers once they are', async () => {
    busy = true;
    start({ yieldMs: 60_000 });
    await store.commit([put('outbox', makeOutboxEntry('o-1'), 0)]);
    dispatcher?.kick();
    await sleep(200);
    assert.deepEqual(sent, [], 'nothing sent while a request is being answered');
    assert.equal((await store.outbox.get('o-1'))?.status, 'pending', 'not even claimed');
    busy = false;
    await until('delivered after the quiet moment', () => sent.length === 1, 5000);
  });

  it('never starves: under constant requests each delivery waits at most yieldMs', async () => {
    busy = true;
    start({ yieldMs: 100, concurrency: 2 });
    await store.commit(['o-1', 'o-2', 'o-3'].map((id) => put('outbox', makeOutboxEntry(id), 0)));
    dispatcher?.kick();
    await until('all delivered although requests never stop', () => sent.length === 3, 5000);
  });

  it('stops without waiting out a yield', async () => {
    busy = true;
    const d = start({ yieldMs: 60_000 });
    await store.commit([put('outbox', makeOutboxEntry('o-1'), 0)]);
    d.kick();
    await sleep(50);
    const started = Date.now();
    await d.stop();
    dispatcher = undefined;
    assert.ok(Date.now() - started < 5000, 'stopped promptly');
    assert.deepEqual(sent, []);
    assert.equal((await store.outbox.get('o-1'))?.status, 'pending', 'left for the next start');
  });

  it('queue mode: waits too, and a stop hands the message back at once', async () => {
    busy = true;
    const queue = createMemoryQueue();
    const announcing = withOutboxQueue(store, queue, recordingLogger());
    const d = begin({ leaseMs: 60_000, yieldMs: 60_000 }, { store: announcing, queue });
    await announcing.commit([put('outbox', makeOutboxEntry('o-1'), 0)]);
    d.kick();
    await sleep(200);
    assert.deepEqual(sent, [], 'nothing sent while a request is being answered');
    await d.stop();
    assert.equal((await store.outbox.get('o-1'))?.status, 'pending');
    // Another instance, not busy, gets the message now rather than after its 60 s lease.
    busy = false;
    begin({ leaseMs: 60_000 }, { store: announcing, queue });
    await until('the handed-back message delivered', () => sent.length === 1, 5000);
  });
});
