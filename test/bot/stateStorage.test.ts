import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, stat, writeFile, readFile } from 'node:fs/promises';
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

  describe('journal', () => {
    const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n');
    /** A store whose snapshot is large enough that small writes stay in the journal. */
    const bigStore = async (file: string): Promise<StateStorage> => {
      const store = await StateStorage.open(file);
      await store.write(
        Object.fromEntries(
          Array.from({ length: 200 }, (_, i) => [`conv/${i}`, { DialogState: { dialogStack: [], i } }]),
        ),
      );
      await store.flush();
      return store;
    };

    it('appends a line per write instead of rewriting every conversation, and replays it after a restart', async () => {
      const file = join(dir, 'bot-state.json');
      const store = await bigStore(file);
      const snapshotBytes = (await stat(file)).size;
      await store.write({ 'conv/7': { DialogState: { dialogStack: [{ id: 'checkDomain' }] } } });
      await store.delete(['conv/8']);
      const written = await lines(file);
      assert.equal(written.length, 3, 'snapshot + two journal lines');
      assert.ok((await stat(file)).size < snapshotBytes * 1.2, 'the snapshot was not rewritten');
      // No flush: as after a crash, the state is on disk once write() resolved.
      const reopened = await StateStorage.open(file);
      assert.equal(reopened.size, 199);
      assert.deepEqual(((await reopened.read(['conv/7']))['conv/7'] as { DialogState: unknown }).DialogState, {
        dialogStack: [{ id: 'checkDomain' }],
      });
      assert.deepEqual(await reopened.read(['conv/8']), {});
      assert.equal((await lines(file)).length, 1, 'compacted at open');
      for (const s of [store, reopened]) await s.flush();
    });

    it('ignores and cuts off a torn last line (a crash mid-append)', async () => {
      const file = join(dir, 'bot-state.json');
      const store = await bigStore(file);
      await store.write({ 'conv/1': { DialogState: { dialogStack: [{ id: 'startMerge' }] } } });
      await appendFile(file, '\n{"s":1,"c":[["conv/2","{\\"DialogSt');
      const reopened = await StateStorage.open(file);
      assert.equal(reopened.size, 200);
      assert.deepEqual(((await reopened.read(['conv/1']))['conv/1'] as { DialogState: unknown }).DialogState, {
        dialogStack: [{ id: 'startMerge' }],
      });
      assert.equal(
        ((await reopened.read(['conv/2']))['conv/2'] as { DialogState: { i: number } }).DialogState.i,
        2,
        'the torn change was never acknowledged',
      );
      assert.equal((await lines(file)).length, 1);
      await reopened.write({ 'conv/3': { n: 1 } });
      const again = await StateStorage.open(file);
      assert.equal(again.size, 200);
      for (const s of [store, reopened, again]) await s.flush();
    });

    it('compacts the journal into the snapshot once it is as large, and at flush', async () => {
      const file = join(dir, 'bot-state.json');
      const store = await bigStore(file);
      for (let i = 0; i < 400; i++)
        await store.write({ [`conv/${i % 200}`]: { DialogState: { dialogStack: [{ id: 'x'.repeat(20) }] }, n: i } });
      assert.ok((await lines(file)).length < 400, 'compacted on the way');
      await store.flush();
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, string> };
      assert.equal(Object.keys(onDisk.items).length, 200);
      assert.equal((JSON.parse(onDisk.items['conv/199']!) as { n: number }).n, 399);
    });

    it('reads a pretty-printed file written before the journal and rewrites it as one line', async () => {
      const file = join(dir, 'bot-state.json');
      await writeFile(
        file,
        JSON.stringify({ schemaVersion: 1, items: { 'conv/a': JSON.stringify({ n: 1, eTag: '1' }) } }, null, 2),
      );
      const store = await StateStorage.open(file);
      assert.equal(((await store.read(['conv/a']))['conv/a'] as { n: number }).n, 1);
      assert.equal((await lines(file)).length, 1);
      await store.write({ 'conv/b': { n: 2 } });
      const reopened = await StateStorage.open(file);
      assert.equal(reopened.size, 2);
      await store.flush();
    });

    it('refuses a damaged journal line that is not the last', async () => {
      const file = join(dir, 'bot-state.json');
      await (await bigStore(file)).flush();
      await appendFile(file, '\nnot json\n{"s":1,"c":[]}');
      await assert.rejects(StateStorage.open(file), /is damaged/);
    });
  });
});
