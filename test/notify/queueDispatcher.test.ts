/**
 * The dispatcher in queue mode (several instances): work arrives as queue messages, the
 * table claim decides who sends. In-process store and queue (the same contracts the
 * Azure backends pass); the sender records what it was asked to send.
 */
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { createMemoryQueue } from '../../services/notify/memoryQueue.js';
import { withOutboxQueue, type OutboxQueue, type QueueAnnouncingStore } from '../../services/notify/outboxQueue.js';
import { put, type Store } from '../../services/store/types.js';
import { OutboxDispatcher } from '../../bot/notify/dispatcher.js';
import type { SendOutcome } from '../../bot/notify/sendOutcome.js';
import { recordingLogger } from '../workAccount/fixtures.js';
import { makeOutboxEntry } from '../services/fixtures.js';
import { sleep, until } from '../support/wait.js';
import type { OutboxEntry } from '../../services/model.js';

const entry = makeOutboxEntry;

interface Instance {
  readonly dispatcher: OutboxDispatcher;
  readonly sent: string[];
}

describe('outbox dispatcher with a work queue (several instances)', () => {
  let inner: Store;
  let queue: OutboxQueue;
  let store: QueueAnnouncingStore;
  const logger = recordingLogger();
  const running: OutboxDispatcher[] = [];

  beforeEach(() => {
    logger.entries.length = 0;
    inner = createMemoryStore();
    queue = createMemoryQueue();
    store = withOutboxQueue(inner, queue, logger);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
  });

  const start = (
    send: (e: OutboxEntry) => Promise<SendOutcome> = () => Promise.resolve({ kind: 'delivered' }),
    options: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]['options']> = {},
    over: QueueAnnouncingStore = store,
  ): Instance => {
    const sent: string[] = [];
    const dispatcher = new OutboxDispatcher({
      store: over,
      queue,
      logger,
      sender: {
        send: (e) => {
          sent.push(e.id);
          return send(e);
        },
      },
      options: { pollIntervalMs: 20, leaseMs: 300, baseDelayMs: 50, maxDelayMs: 100, ...options },
    });
    dispatcher.start();
    running.push(dispatcher);
    return { dispatcher, sent };
  };
  const statuses = async (ids: readonly string[]): Promise<string[]> =>
    Promise.all(ids.map(async (id) => (await store.outbox.get(id))?.status ?? 'missing'));

  it('sends a message per committed pending entry and delivers each once across two instances', async () => {
    // Sends take a while and each instance takes 8 messages at a time, so both get work.
    const slow = async (): Promise<SendOutcome> => {
      await sleep(10);
      return { kind: 'delivered' };
    };
    const [a, b] = [start(slow, { concurrency: 2 }), start(slow, { concurrency: 2 })];
    const ids = Array.from({ length: 30 }, (_, i) => `o-${i}`);
    await store.commit(ids.slice(0, 15).map((id) => put('outbox', entry(id), 0)));
    await store.commit(ids.slice(15).map((id) => put('outbox', entry(id), 0)));
    await until('all delivered', async () => (await store.outbox.count('delivered')) === ids.length, 5000);
    const sent = [...a.sent, ...b.sent].sort();
    assert.deepEqual(sent, [...ids].sort(), 'every entry sent exactly once');
    assert.ok(a.sent.length > 0 && b.sent.length > 0, `both instances worked (${a.sent.length} + ${b.sent.length})`);
    await until('the queue to empty', async () => (await queue.depth()) === 0, 5000);
  });

  it('a retry comes back as a new message when due, and the old one is gone', async () => {
    let calls = 0;
    const { sent } = start(() =>
      Promise.resolve(++calls === 1 ? { kind: 'retry', error: '429', retryAfterMs: 200 } : { kind: 'delivered' }),
    );
    await store.commit([put('outbox', entry('o-1'), 0)]);
    await until('delivered', async () => (await store.outbox.get('o-1'))?.status === 'delivered', 5000);
    assert.deepEqual(sent, ['o-1', 'o-1']);
    assert.equal((await store.outbox.get('o-1'))?.attempts, 2);
    await until('the queue to empty', async () => (await queue.depth()) === 0, 5000);
  });

  it('drops messages of entries already settled and defers those not due yet', async () => {
    await inner.commit([
      put('outbox', entry('done', { status: 'delivered' }), 0),
      put('outbox', entry('later', { nextAttemptAt: new Date(Date.now() + 400).toISOString() }), 0),
    ]);
    await queue.send([
      { outboxId: 'done', visibleAt: new Date() },
      { outboxId: 'later', visibleAt: new Date() },
      { outboxId: 'gone', visibleAt: new Date() },
    ]);
    const sendTimes: number[] = [];
    const started = Date.now();
    const { sent } = start(() => {
      sendTimes.push(Date.now() - started);
      return Promise.resolve({ kind: 'delivered' });
    });
    await until('later to be delivered', async () => (await store.outbox.get('later'))?.status === 'delivered', 5000);
    assert.deepEqual(sent, ['later'], 'nothing sent for a settled or missing entry');
    assert.ok(sendTimes[0]! >= 350, `sent when due, not before (${sendTimes[0]} ms)`);
    await until('the queue to empty', async () => (await queue.depth()) === 0, 5000);
  });

  it('queues again what has no message (a crash between commit and send), on the sweep', async () => {
    // Written past the queue, overdue by more than a lease.
    await inner.commit([
      put('outbox', entry('orphan', { nextAttemptAt: new Date(Date.now() - 1000).toISOString() }), 0),
    ]);
    const { sent } = start(undefined, { sweepIntervalMs: 100 });
    await until(
      'the orphan to be delivered',
      async () => (await store.outbox.get('orphan'))?.status === 'delivered',
      5000,
    );
    assert.deepEqual(sent, ['orphan']);
    assert.ok(logger.entries.some((e) => e.msg === 'outbox sweep: queued overdue entries again'));
  });

  it('takes over an entry whose holder died, when the lease ends', async () => {
    await store.commit([put('outbox', entry('o-1'), 0)]);
    // The first holder never finishes (as if killed mid-send) and is not stopped.
    const hung = new OutboxDispatcher({
      store,
      queue,
      logger,
      sender: { send: () => new Promise<SendOutcome>(() => undefined) },
      options: { pollIntervalMs: 20, leaseMs: 300 },
    });
    hung.start();
    await until(
      'the first holder to claim it',
      async () => (await store.outbox.get('o-1'))?.status === 'sending',
      5000,
    );
    const { sent } = start();
    await sleep(150);
    assert.deepEqual(sent, [], 'leased: nobody else takes it');
    await until(
      'the second instance to deliver it',
      async () => (await store.outbox.get('o-1'))?.status === 'delivered',
      3000,
    );
    assert.deepEqual(sent, ['o-1']);
    assert.equal((await store.outbox.get('o-1'))?.attempts, 2);
  });

  it('moves a message that keeps failing to the poison queue and dead-letters its entry', async () => {
    await store.commit([put('outbox', entry('bad'), 0), put('outbox', entry('good'), 0)]);
    // Reading this one entry fails every time (a store fault, a record the code cannot handle).
    const faulty: QueueAnnouncingStore = {
      ...store,
      outbox: {
        ...store.outbox,
        get: (id) => (id === 'bad' ? Promise.reject(new Error('cannot read this entry')) : store.outbox.get(id)),
      },
    };
    const { sent } = start(undefined, { maxDequeue: 3, leaseMs: 100 }, faulty);
    await until('bad to be poisoned', async () => (await queue.listPoison()).length === 1, 5000);
    const [poisoned] = await queue.listPoison();
    assert.equal(poisoned?.outboxId, 'bad');
    assert.equal(poisoned.dequeueCount, 4);
    assert.deepEqual(
      await statuses(['bad', 'good']),
      ['pending', 'delivered'],
      'the entry could not be read, so it could not be marked either',
    );
    assert.deepEqual(sent, ['good']);
    assert.equal(
      logger.entries.filter((e) => e.msg === 'outbox message not handled; it comes back after its lease').length,
      3,
    );
    assert.ok(
      logger.entries.some(
        (e) => e.level === 'error' && e.msg === 'poison outbox message: moved aside and its entry dead-lettered',
      ),
    );
    assert.ok(
      logger.entries.some(
        (e) => e.level === 'error' && e.msg === 'could not dead-letter the entry of a poison message',
      ),
    );
  });

  it('dead-letters the entry of a poison message when it can be read', async () => {
    await store.commit([put('outbox', entry('o-1'), 0)]);
    const [message] = await queue.receive(1, 0);
    assert.ok(message);
    // Received many times already (e.g. every holder crashed while sending it).
    for (let i = 0; i < 4; i++) await queue.receive(1, 0);
    start(undefined, { maxDequeue: 5 });
    await until('poisoned', async () => (await queue.listPoison()).length === 1, 5000);
    const dead = await store.outbox.get('o-1');
    assert.equal(dead?.status, 'dead');
    assert.match(dead.lastError ?? '', /received 6 times/);
  });

  it('poisons a message that is not an outbox message at once', async () => {
    (queue as ReturnType<typeof createMemoryQueue>).sendRaw('{"hello":"world"}');
    const { sent } = start();
    await until('poisoned', async () => (await queue.listPoison()).length === 1, 5000);
    assert.equal((await queue.listPoison())[0]?.reason, 'not an outbox message');
    assert.deepEqual(sent, []);
  });

  it('hands back messages it received but did not start when stopped', async () => {
    const gate: Array<() => void> = [];
    const { dispatcher, sent } = start(
      () => new Promise<SendOutcome>((done) => gate.push(() => done({ kind: 'delivered' }))),
      { concurrency: 1, leaseMs: 60_000 },
    );
    await store.commit(Array.from({ length: 3 }, (_, i) => put('outbox', entry(`o-${i}`), 0)));
    await until('the first send to start', () => gate.length === 1, 5000);
    const stopping = dispatcher.stop();
    gate.shift()?.();
    await stopping;
    assert.deepEqual(sent, ['o-0']);
    // The other two are visible again at once, not after the 60 s lease.
    const back = await queue.receive(32, 1000);
    assert.deepEqual(back.map((m) => m.outboxId).sort(), ['o-1', 'o-2']);
  });
});
