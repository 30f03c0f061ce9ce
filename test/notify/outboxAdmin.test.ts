import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { put, type Store } from '../../services/store/types.js';
import { outboxSummary, retryOutbox } from '../../services/notify/outboxAdmin.js';
import type { OutboxEntry, OutboxStatus } from '../../services/model.js';
import { makeOutboxEntry } from '../services/fixtures.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function entry(id: string, status: OutboxStatus): OutboxEntry {
  return makeOutboxEntry(id, {
    status,
    attempts: 8,
    recipient: { tenantId: 't', aadObjectId: id, displayName: `Person ${id}`, role: 'admin' },
    createdAt: '2026-11-21T09:00:00.000Z',
    nextAttemptAt: '2026-11-21T09:00:00.000Z',
    lastError: '503 unavailable',
  });
}

async function seed(store: Store): Promise<void> {
  await store.commit([
    put('outbox', entry('d1', 'dead'), 0),
    put('outbox', entry('d2', 'dead'), 0),
    put('outbox', entry('f1', 'failed'), 0),
    put('outbox', entry('ok', 'delivered'), 0),
  ]);
}

describe('outbox operator tools', () => {
  it('counts per status and requeues dead entries with a fresh attempt budget', async () => {
    const store = createMemoryStore();
    await seed(store);
    assert.deepEqual(await outboxSummary(store), {
      pending: 0,
      sending: 0,
      delivered: 1,
      parked: 0,
      failed: 1,
      dead: 2,
    });
    const now = new Date('2026-11-22T10:00:00Z');
    const report = await retryOutbox(store, { status: 'dead' }, now);
    assert.deepEqual([...report.requeued].sort(), ['d1', 'd2']);
    const d1 = await store.outbox.get('d1');
    assert.equal(d1?.status, 'pending');
    assert.equal(d1?.attempts, 0);
    assert.equal(d1?.nextAttemptAt, now.toISOString());
    const byId = await retryOutbox(store, { ids: ['f1', 'ok', 'nope'] }, now);
    assert.deepEqual(byId.requeued, ['f1']);
    assert.deepEqual(byId.skipped, [
      { id: 'ok', why: 'status is delivered' },
      { id: 'nope', why: 'no such entry' },
    ]);
  });

  it('npm run outbox lists and retries on the lowdb store, and refuses while a bot holds it', async function () {
    this.timeout(30_000);
    const dir = await mkdtemp(join(tmpdir(), 'pmb-outbox-cli-'));
    try {
      const store = await openLowdbStore({ path: dir });
      await seed(store);
      await store.close();
      const env = { PATH: process.env.PATH ?? '', STORE: 'lowdb', STORE_PATH: dir };
      const cli = (...args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'scripts/outbox.ts', ...args], { cwd: ROOT, env });
      const list = await cli('list', '--status', 'dead');
      assert.match(list.stdout, /pending: 0 {2}sending: 0 {2}delivered: 1 {2}parked: 0 {2}failed: 1 {2}dead: 2/);
      assert.match(
        list.stdout,
        /dead\s+d1 {2}mergeCard {2}Person d1 \(admin\) {2}attempts=8 .* last error: 503 unavailable/,
      );
      const retried = await cli('retry', '--status', 'dead');
      assert.match(retried.stdout, /requeued 2 entries/);
      const again = await openLowdbStore({ path: dir });
      try {
        assert.equal(await again.outbox.count('pending'), 2);
        const locked = await cli('list').then(
          () => assert.fail('should refuse while the store is held'),
          (err: { code: number; stderr: string }) => err,
        );
        assert.equal(locked.code, 1);
        assert.match(locked.stderr, /^outbox: .*lock/im);
        assert.ok(!/\n\s+at /.test(locked.stderr), 'no stack trace');
      } finally {
        await again.close();
      }
      const bad = await cli('list', '--status', 'weird').then(
        () => assert.fail('bad status'),
        (err: { code: number; stderr: string }) => err,
      );
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown status "weird"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
