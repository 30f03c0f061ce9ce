import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../../services/errors.js';
import type { Logger } from '../../services/loggerPort.js';
import {
  LOWDB_MIGRATIONS,
  LOWDB_SCHEMA_VERSION,
  openLowdbStore,
  storeFilePath,
} from '../../services/store/lowdbStore.js';
import { put } from '../../services/store/types.js';
import { lowdbBackend, makeAccount, makeMerge, tempDir } from './fixtures.js';
import { runStoreConformance } from './storeConformance.js';

runStoreConformance('lowdb', () => lowdbBackend.create());

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (obj: object | string, msg?: string) => {
    lines.push(`${level}: ${typeof obj === 'string' ? obj : (msg ?? '')}`);
  };
  const logger: Logger = {
    fatal: log('fatal'),
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    trace: log('trace'),
    child: () => logger,
  };
  return logger;
}

async function rejectsWithStoreError(
  promise: Promise<unknown>,
  code: StoreError['code'],
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof StoreError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('lowdb store', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('writes a versioned JSON file and leaves no temp file behind', async () => {
    const store = await openLowdbStore({ path: tmp.dir });
    await store.commit([put('account', makeAccount('1000001'), 0)]);
    const file = storeFilePath(tmp.dir);
    const data = JSON.parse(await readFile(file, 'utf8')) as {
      schemaVersion: number;
      accounts: unknown[];
      merges: unknown[];
    };
    assert.equal(data.schemaVersion, LOWDB_SCHEMA_VERSION);
    assert.equal(data.accounts.length, 1);
    await store.close();
    // steno writes `.file.tmp` and renames it over the file: only the file (and no lock) remains.
    assert.deepEqual(await readdir(tmp.dir), ['partner-merge-bot.json']);
  });

  it('accepts a .json file path as well as a directory', async () => {
    const file = join(tmp.dir, 'nested', 'custom.json');
    const store = await openLowdbStore({ path: file });
    await store.commit([put('account', makeAccount('1000001'), 0)]);
    await store.close();
    assert.match(await readFile(file, 'utf8'), /1000001/);
  });

  it('refuses a second opener of the same file with a clear error, then allows it after close', async () => {
    const first = await openLowdbStore({ path: tmp.dir });
    await rejectsWithStoreError(
      openLowdbStore({ path: tmp.dir }),
      'store-locked',
      new RegExp(`in use by process ${process.pid} on .*Stop that process first`),
    );
    await first.close();
    const second = await openLowdbStore({ path: tmp.dir });
    await second.close();
  });

  it('refuses a second process while the lock is held', async () => {
    const store = await openLowdbStore({ path: tmp.dir });
    try {
      const script = `import('${new URL('../../services/store/lowdbStore.ts', import.meta.url).href}').then(m => m.openLowdbStore({ path: process.argv[1] })).then(() => process.exit(0), (e) => { console.error(e.code + ': ' + e.message); process.exit(3); });`;
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, tmp.dir], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 3, stderr);
      assert.match(stderr, /store-locked: The store is in use by process/);
    } finally {
      await store.close();
    }
  });

  it('takes over a stale lock left by a dead process and logs it', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const file = storeFilePath(tmp.dir);
    await writeFile(
      `${file}.lock`,
      JSON.stringify({ pid: dead, hostname: hostname(), createdAt: '2020-01-01T00:00:00Z', token: 'x' }),
    );
    const lines: string[] = [];
    const store = await openLowdbStore({ path: tmp.dir, logger: recordingLogger(lines) });
    assert.ok(
      lines.some((l) => l.startsWith('warn: Taking over a stale store lock')),
      lines.join('\n'),
    );
    assert.match(await readFile(`${file}.lock`, 'utf8'), new RegExp(`"pid":${process.pid}`));
    await store.close();
  });

  it('keeps data across reopen', async () => {
    const store = await openLowdbStore({ path: tmp.dir });
    await store.commit([
      put('account', makeAccount('1000001'), 0),
      put('merge', makeMerge('m-1', '1000001', '1000002'), 0),
    ]);
    await store.close();
    const again = await openLowdbStore({ path: tmp.dir });
    assert.equal((await again.merges.get('m-1'))?.version, 1);
    assert.equal(await again.accounts.count(), 1);
    await again.close();
  });

  it('gives a clear error for a corrupt file, changes nothing and releases the lock', async () => {
    const file = storeFilePath(tmp.dir);
    await writeFile(file, '{"schemaVersion":1,"accounts":[{');
    await rejectsWithStoreError(
      openLowdbStore({ path: tmp.dir }),
      'store-corrupt',
      /is damaged: it is not valid JSON .*nothing was changed/,
    );
    assert.equal(await readFile(file, 'utf8'), '{"schemaVersion":1,"accounts":[{');
    await writeFile(file, '{"schemaVersion":1,"accounts":[{"companyName":"no key"}]}');
    await rejectsWithStoreError(
      openLowdbStore({ path: tmp.dir }),
      'store-corrupt',
      /accounts\[0\] is not a valid account record/,
    );
    assert.deepEqual(await readdir(tmp.dir), ['partner-merge-bot.json'], 'lock released after a failed open');
  });

  it('refuses a file from a newer schema version', async () => {
    await writeFile(storeFilePath(tmp.dir), JSON.stringify({ schemaVersion: 99, accounts: [], merges: [] }));
    await rejectsWithStoreError(openLowdbStore({ path: tmp.dir }), 'store-schema', /schema version 99, newer than/);
  });

  it('runs migrations in order at open and persists the result', async () => {
    const file = storeFilePath(tmp.dir);
    // A file from before versioning (no schemaVersion, no merges list).
    await writeFile(
      file,
      JSON.stringify({ accounts: [{ ...makeAccount('1000001'), companyName: 'old name', version: 1 }] }),
    );
    const lines: string[] = [];
    const migrations = [
      ...LOWDB_MIGRATIONS,
      {
        from: 2,
        description: 'upper-case company names',
        migrate: (data: Readonly<Record<string, unknown>>) => ({
          ...data,
          accounts: (data.accounts as { companyName: string }[]).map((a) => ({
            ...a,
            companyName: a.companyName.toUpperCase(),
          })),
        }),
      },
    ];
    const store = await openLowdbStore({ path: tmp.dir, schemaVersion: 3, migrations, logger: recordingLogger(lines) });
    assert.equal(store.info().schemaVersion, 3);
    assert.equal((await store.accounts.get('1000001'))?.companyName, 'OLD NAME');
    await store.close();
    const data = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; merges: unknown[] };
    assert.equal(data.schemaVersion, 3);
    assert.deepEqual(data.merges, []);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('info: Migrating')),
      [
        'info: Migrating store file: files written before versioning: ensure every collection exists',
        'info: Migrating store file: registrations of companies that join in Teams',
        'info: Migrating store file: upper-case company names',
      ],
    );
  });

  it('serializes concurrent commits and keeps the file consistent with memory', async () => {
    const store = await openLowdbStore({ path: tmp.dir });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.commit([put('account', makeAccount(String(1000000 + i)), 0)])),
    );
    await store.close();
    const data = JSON.parse(await readFile(storeFilePath(tmp.dir), 'utf8')) as { accounts: unknown[] };
    assert.equal(data.accounts.length, 25);
  });
});
