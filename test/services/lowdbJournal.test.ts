/**
 * The lowdb store's journal: a commit appends a line instead of rewriting the snapshot,
 * the journal is replayed at open, a torn last line is ignored, and compaction leaves a
 * plain JSON snapshot.
 */
import assert from 'node:assert/strict';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { StoreError } from '../../services/errors.js';
import { openLowdbStore, storeFilePath } from '../../services/store/lowdbStore.js';
import { put } from '../../services/store/types.js';
import { makeAccount, tempDir } from './fixtures.js';

describe('lowdb store journal', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  /** A store whose snapshot is large enough that the next commits only append. */
  async function bigStore(): Promise<string> {
    const store = await openLowdbStore({ path: tmp.dir });
    await store.commit(Array.from({ length: 200 }, (_, i) => put('account', makeAccount(String(2000000 + i)), 0)));
    await store.close();
    return storeFilePath(tmp.dir);
  }

  it('appends a commit to the file instead of rewriting it, and replays it at open', async () => {
    const file = await bigStore();
    const before = (await stat(file)).size;
    const store = await openLowdbStore({ path: tmp.dir });
    await store.commit([put('account', makeAccount('1000001'), 0)]);
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.equal(lines.length, 2, 'snapshot line + one journal line');
    assert.equal(Buffer.byteLength(lines[0]!), before, 'the snapshot was not rewritten');
    // Simulates a crash: the file is read as it is on disk, journal included.
    const copy = await tempDir();
    try {
      await appendFile(storeFilePath(copy.dir), await readFile(file));
      const reopened = await openLowdbStore({ path: copy.dir });
      assert.equal((await reopened.accounts.get('1000001'))?.version, 1);
      assert.equal(await reopened.accounts.count(), 201);
      await reopened.close();
      JSON.parse(await readFile(storeFilePath(copy.dir), 'utf8'));
    } finally {
      await copy.remove();
    }
    await store.close();
    const data = JSON.parse(await readFile(file, 'utf8')) as { accounts: unknown[] };
    assert.equal(data.accounts.length, 201, 'compacted at close');
  });

  it('ignores a torn last line and refuses a damaged line before it', async () => {
    const file = await bigStore();
    await appendFile(file, '\n{"s":1,"c":[["account","1000009",{"globalMpn');
    const store = await openLowdbStore({ path: tmp.dir });
    assert.equal(await store.accounts.count(), 200);
    await store.commit([put('account', makeAccount('1000001'), 0)]);
    await store.close();
    const reopened = await openLowdbStore({ path: tmp.dir });
    assert.equal(await reopened.accounts.count(), 201);
    await reopened.close();

    await appendFile(file, '\nnot json\n{"s":1,"c":[]}');
    await assert.rejects(openLowdbStore({ path: tmp.dir }), (err: unknown) => err instanceof StoreError && err.code === 'store-corrupt' && /journal line 1/.test(err.message));
  });
});
