import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateStorage } from '../../bot/stateStorage.js';

describe('StateStorage (dialog state)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmb-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists writes to the file and reads them back after reopening', async () => {
    const file = join(dir, 'bot-state.json');
    const first = await StateStorage.open(file);
    await first.write({ 'conv/a': { DialogState: { dialogStack: [{ id: 'x' }] } } });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; items: Record<string, string> };
    assert.equal(onDisk.schemaVersion, 1);
    assert.ok(onDisk.items['conv/a']);
    const second = await StateStorage.open(file);
    const read = await second.read(['conv/a', 'conv/missing']);
    assert.deepEqual(Object.keys(read), ['conv/a']);
    assert.deepEqual((read['conv/a'] as { DialogState: unknown }).DialogState, { dialogStack: [{ id: 'x' }] });
  });

  it('refuses a write with a stale eTag and changes nothing', async () => {
    const store = StateStorage.inMemory();
    await store.write({ k: { n: 1 } });
    const v1 = (await store.read(['k'])).k as { n: number; eTag: string };
    await store.write({ k: { ...v1, n: 2 } });
    await assert.rejects(store.write({ k: { ...v1, n: 3 }, other: { n: 9 } }), /eTag conflict/);
    const now = await store.read(['k', 'other']);
    assert.equal((now.k as { n: number }).n, 2);
    assert.equal(now.other, undefined, 'the whole batch was refused');
  });

  it('accepts "*" as a wildcard eTag and deletes keys', async () => {
    const store = StateStorage.inMemory();
    await store.write({ k: { n: 1 } });
    await store.write({ k: { n: 5, eTag: '*' } });
    assert.equal(((await store.read(['k'])).k as { n: number }).n, 5);
    await store.delete(['k']);
    assert.deepEqual(await store.read(['k']), {});
  });

  it('group-commits concurrent writes and keeps all of them', async () => {
    const file = join(dir, 'bot-state.json');
    const store = await StateStorage.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.write({ [`k${i}`]: { i } })));
    await store.flush();
    const reopened = await StateStorage.open(file);
    assert.equal(reopened.size, 50);
  });

  it('refuses a file that is not a state file with a clear error', async () => {
    const file = join(dir, 'bot-state.json');
    await writeFile(file, '[1,2,3]');
    await assert.rejects(StateStorage.open(file), /is not a state file/);
  });
});
