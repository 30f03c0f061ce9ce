/**
 * A claim is confirmed right before each send: a slow attempt renews a claim more than a
 * quarter spent (so no other instance takes the entry while it sends), and an attempt whose claim
 * another instance took over sends nothing and records nothing. Two dispatchers share one
 * store here, as two instances share the Azure table.
 */
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { put, type Store } from '../../services/store/types.js';
import { OutboxDispatcher } from '../../bot/notify/dispatcher.js';
import { NO_LEASE } from '../../bot/notify/sendOutcome.js';
import { recordingLogger } from '../workAccount/fixtures.js';
import { makeOutboxEntry } from '../services/fixtures.js';
import { sleep, until } from '../support/wait.js';

const LEASE_MS = 400;

describe('outbox claims are confirmed before each send', () => {
  let store: Store;
  let sends: string[];
  const dispatchers: OutboxDispatcher[] = [];
  beforeEach(async () => {
    store = createMemoryStore();
    sends = [];
    await store.commit([put('outbox', makeOutboxEntry('o-1'), 0)]);
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  });

  /** An instance whose sends take `beforeMs` to get going (rate limits, a slow store) and `sendingMs` on the wire. */
  function start(name: string, beforeMs: number, sendingMs = 0): void {
    const d = new OutboxDispatcher({
      store,
      logger: recordingLogger(),
      sender: {
        send: async (_entry, lease = NO_LEASE) => {
          await sleep(beforeMs);
          if (!(await lease.confirm())) return { kind: 'lost', error: 'taken over' };
          sends.push(name);
          await sleep(sendingMs);
          return { kind: 'delivered' };
        },
      },
      options: { pollIntervalMs: 10, leaseMs: LEASE_MS },
    });
    dispatchers.push(d);
    d.start();
  }

  const claimed = () =>
    until('the entry to be claimed', async () => (await store.outbox.get('o-1'))?.status === 'sending', 2000);
  const delivered = () =>
    until('the entry to be delivered', async () => (await store.outbox.get('o-1'))?.status === 'delivered', 5000);

  it('renews a claim more than a quarter spent, so a second instance never sends the same entry', async () => {
    // Confirms with 30 % of its claim left, then sends for 60 %: past the first claim's end.
    start('slow', LEASE_MS * 0.7, LEASE_MS * 0.6);
    await claimed();
    start('other', 0);
    await delivered();
    await sleep(LEASE_MS);
    assert.deepEqual(sends, ['slow']);
    assert.equal((await store.outbox.get('o-1'))?.attempts, 1);
  });

  it('sends nothing when another instance took the entry over, and leaves its record alone', async () => {
    // Gets going only after its claim ran out; the other instance has claimed and sent by then.
    start('stalled', LEASE_MS * 2);
    await claimed();
    start('other', 0);
    await delivered();
    await sleep(LEASE_MS * 2);
    assert.deepEqual(sends, ['other']);
    const entry = await store.outbox.get('o-1');
    assert.equal(entry?.status, 'delivered');
    assert.equal(entry?.attempts, 2);
  });
});
