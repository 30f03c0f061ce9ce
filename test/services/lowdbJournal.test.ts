/**
 * The lowdb store's journal: a commit appends a line instead of rewriting the snapshot,
 * the journal is replayed at open, a torn last line is ignored, and compaction leaves a
 * plain JSON snapshot. Commits that arrive during a write go into the next one together.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdir, open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { isDomainError } from '../../services/errors.js';
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
    await assert.rejects(
      openLowdbStore({ path: tmp.dir }),
      (err: unknown) => err instanceof StoreError && err.code === 'store-corrupt' && /journal line 1/.test(err.message),
    );
  });

  it('writes the commits that arrive together as one append, each checked against those before it', async () => {
    const file = await bigStore();
    const store = await openLowdbStore({ path: tmp.dir });
    const account = makeAccount('1000001');
    let versionWhenRefused: number | undefined;
    // Counts the file writes (the journal writes through a FileHandle).
    const probe = await open(file, 'r');
    const proto = Object.getPrototypeOf(probe) as { write: FileHandle['write'] };
    await probe.close();
    const write = proto.write;
    let writes = 0;
    proto.write = function (this: FileHandle, ...args: Parameters<FileHandle['write']>) {
      writes++;
      return write.apply(this, args);
    } as FileHandle['write'];
    // Issued in one go: they all wait for the same write.
    const first = store.commit([put('account', account, 0)]);
    const stale = store.commit([put('account', { ...account, companyName: 'Stale' }, 0)]).then(
      () => assert.fail('a commit against version 0 after the first one must conflict'),
      async (err: unknown) => {
        assert.ok(isDomainError(err) && err.code === 'version-conflict');
        versionWhenRefused = (await store.accounts.get('1000001'))?.version;
      },
    );
    const next = store.commit([put('account', { ...account, companyName: 'Second' }, 1)]);
    const other = store.commit([put('account', makeAccount('1000002'), 0)]);
    const [a, , b, c] = await Promise.all([first, stale, next, other]).finally(() => {
      proto.write = write;
    });
    assert.equal(writes, 1, 'one write for the four commits');
    assert.equal(a.records[0]?.version, 1);
    assert.equal(b.records[0]?.version, 2, 'checked against the first commit of the group');
    assert.equal(c.records[0]?.version, 1);
    assert.equal(versionWhenRefused, 2, 'the conflict is reported once the winning write is live, so a retry reads it');
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.equal(lines.length, 4, 'snapshot + one line per written commit');
    assert.equal((await store.accounts.get('1000001'))?.companyName, 'Second');
    await store.close();
    const reopened = await openLowdbStore({ path: tmp.dir });
    assert.equal((await reopened.accounts.get('1000001'))?.companyName, 'Second');
    assert.equal(await reopened.accounts.count(), 202);
    await reopened.close();
  });

  it('a failed append refuses every commit of its group and changes nothing', async () => {
    const file = await bigStore();
    const store = await openLowdbStore({ path: tmp.dir });
    // The journal opens the file at its first append: a directory in its place fails it.
    await rm(file);
    await mkdir(file);
    const results = await Promise.allSettled([
      store.commit([put('account', makeAccount('1000001'), 0)]),
      store.commit([put('account', makeAccount('1000002'), 0)]),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await store.accounts.get('1000001'), undefined);
    assert.equal(await store.accounts.get('1000002'), undefined);
    assert.equal(await store.accounts.count(), 200);
    await rm(file, { recursive: true });
    await store.close().catch(() => undefined);
  });
});
