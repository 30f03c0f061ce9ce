/**
 * The outbox queue contract, run against every implementation: the in-process queue and
 * the Azure Storage Queue on Azurite. Waits are real (the service's unit is a second).
 */
import assert from 'node:assert/strict';
import type { OutboxQueue } from '../../services/notify/outboxQueue.js';
import { sleep } from '../support/wait.js';

export interface QueueHandle {
  readonly queue: OutboxQueue;
  /** Puts a message body on the work queue as another producer would. */
  sendRaw(text: string): Promise<void>;
  cleanup(): Promise<void>;
}

const now = (): Date => new Date();

export function runQueueConformance(name: string, open: () => Promise<QueueHandle>): void {
  describe(`outbox queue conformance: ${name}`, function () {
    this.timeout(20_000);
    let handle: QueueHandle;
    let queue: OutboxQueue;
    beforeEach(async () => {
      handle = await open();
      queue = handle.queue;
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('gives a message to exactly one of two racing receivers, dequeue count 1', async () => {
      await queue.send([{ outboxId: 'o-1', visibleAt: now() }]);
      const [a, b] = await Promise.all([queue.receive(32, 30_000), queue.receive(32, 30_000)]);
      const all = [...a, ...b];
      assert.equal(all.length, 1);
      assert.equal(all[0]?.outboxId, 'o-1');
      assert.equal(all[0]?.dequeueCount, 1);
    });

    it('hides a received message for the lease, then gives it out again counting the dequeues', async () => {
      await queue.send([{ outboxId: 'o-1', visibleAt: now() }]);
      const [first] = await queue.receive(1, 1000);
      assert.ok(first);
      assert.deepEqual(await queue.receive(1, 1000), [], 'leased');
      await sleep(1600);
      const [again] = await queue.receive(1, 1000);
      assert.equal(again?.outboxId, 'o-1');
      assert.equal(again.dequeueCount, 2);
    });

    it('keeps a message sent for later out of sight until then', async () => {
      await queue.send([
        { outboxId: 'later', visibleAt: new Date(Date.now() + 1000) },
        { outboxId: 'now', visibleAt: new Date(Date.now() - 5000) },
      ]);
      assert.deepEqual(
        (await queue.receive(32, 30_000)).map((m) => m.outboxId),
        ['now'],
      );
      await sleep(1600);
      assert.deepEqual(
        (await queue.receive(32, 30_000)).map((m) => m.outboxId),
        ['later'],
      );
    });

    it('completes with the current receipt only; a stale receipt changes nothing', async () => {
      await queue.send([{ outboxId: 'o-1', visibleAt: now() }]);
      const [stale] = await queue.receive(1, 1000);
      assert.ok(stale);
      await sleep(1600);
      const [current] = await queue.receive(1, 30_000);
      assert.ok(current);
      await queue.complete(stale);
      assert.equal(await queue.depth(), 1, 'someone else holds it now');
      await queue.complete(current);
      assert.equal(await queue.depth(), 0);
      await queue.complete(current);
    });

    it('defers a message: hidden for the delay, then back with its dequeue count', async () => {
      await queue.send([{ outboxId: 'o-1', visibleAt: now() }]);
      const [message] = await queue.receive(1, 30_000);
      assert.ok(message);
      await queue.defer(message, 1000);
      assert.deepEqual(await queue.receive(1, 30_000), []);
      await sleep(1600);
      const [back] = await queue.receive(1, 30_000);
      assert.equal(back?.outboxId, 'o-1');
      assert.equal(back.dequeueCount, 2);
    });

    it('moves a poison message aside with its reason and dequeue count', async () => {
      await queue.send([
        { outboxId: 'o-bad', visibleAt: now() },
        { outboxId: 'o-good', visibleAt: now() },
      ]);
      const received = await queue.receive(32, 30_000);
      const bad = received.find((m) => m.outboxId === 'o-bad');
      assert.ok(bad);
      await queue.poison(bad, 'handling failed 3 times');
      assert.equal(await queue.depth(), 1);
      const [poisoned] = await queue.listPoison();
      assert.equal(poisoned?.outboxId, 'o-bad');
      assert.equal(poisoned.reason, 'handling failed 3 times');
      assert.equal(poisoned.dequeueCount, 1);
    });

    it('receives at most the asked number, and never more than 32 at once', async () => {
      await queue.send(Array.from({ length: 40 }, (_, i) => ({ outboxId: `o-${i}`, visibleAt: now() })));
      assert.equal((await queue.receive(5, 30_000)).length, 5);
      assert.equal((await queue.receive(100, 30_000)).length, 32);
      assert.equal((await queue.receive(100, 30_000)).length, 3);
      assert.equal(await queue.depth(), 40);
    });

    it('hands out messages of other producers with an empty outbox id (so they are poisoned, not trusted)', async () => {
      await handle.sendRaw('<not json>');
      await handle.sendRaw(JSON.stringify({ v: 2, o: 'future-format' }));
      const received = await queue.receive(32, 30_000);
      assert.deepEqual(
        received.map((m) => m.outboxId),
        ['', ''],
      );
    });
  });
}
