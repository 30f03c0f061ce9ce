import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO, seedDemoData } from '../../services/demo/demoData.js';
import { MergeService } from '../../services/merge/mergeService.js';
import type { OutboxEntry } from '../../services/model.js';
import { openAzureStore } from '../../services/store/azureStore.js';
import { openAzureQueue } from '../../services/store/azureQueue.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { put } from '../../services/store/types.js';
import { T0, tempDir } from '../services/fixtures.js';
import { freshTableName, startAzurite, type Azurite } from './azurite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run store -- migrate (lowdb to Azure, Azurite)', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  const run = (table: string): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/store.ts', 'migrate', '--from', tmp.dir, '--to', 'azure', '--table', table],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
        encoding: 'utf8',
      },
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('copies every record with its version, reports counts, and is idempotent', async () => {
    const source = await openLowdbStore({ path: tmp.dir });
    await seedDemoData(source);
    const merges = new MergeService({ store: source, clock: () => T0 });
    const admin = DEMO.contoso.admin;
    const invited = await merges.invite(
      await merges.resolveActor(admin.aadObjectId, admin.tenantId, admin.displayName),
      '3333333',
    );
    assert.ok(invited.outcome === 'applied');
    const mergeId = invited.request.id;
    const conversation = (tenantId: string, aadObjectId: string) => ({
      key: `${tenantId}|${aadObjectId}`.toLowerCase(),
      tenantId,
      aadObjectId,
      displayName: 'x',
      reference: { conversation: { id: `a:${aadObjectId}` } },
      updatedAt: T0.toISOString(),
      version: 0,
    });
    const entry: OutboxEntry = {
      id: 'o-1',
      mergeId,
      auditIndex: 0,
      action: 'invited',
      kind: 'mergeCard',
      recipient: {
        tenantId: admin.tenantId,
        aadObjectId: admin.aadObjectId,
        displayName: admin.displayName,
        role: 'admin',
      },
      status: 'dead',
      attempts: 8,
      createdAt: T0.toISOString(),
      nextAttemptAt: T0.toISOString(),
      version: 0,
    };
    await source.commit([
      put('conversation', conversation(admin.tenantId, admin.aadObjectId), 0),
      put(
        'conversation',
        conversation('00000000-0000-4000-8000-000000000099', '00000000-0000-4000-8000-000000000098'),
        0,
      ),
      put('outbox', entry, 0),
      put(
        'sentCard',
        {
          key: `${mergeId}|t|u1`,
          mergeId,
          tenantId: 't',
          aadObjectId: 'u1',
          activityId: 'act',
          reference: { conversation: { id: 'a:u1' } },
          sentAt: T0.toISOString(),
          updatedAt: T0.toISOString(),
          version: 0,
        },
        0,
      ),
    ]);
    const mergeBefore = await source.merges.get(mergeId);
    const outboxTotal = await source.outbox.count();
    const pendingIds = (await source.outbox.listByStatus('pending')).map((e) => e.id).sort();
    assert.ok(pendingIds.length > 0, 'the invitation left notifications to send');
    await source.close();

    const table = freshTableName('mig');
    // An instance already running on the (empty) table sees the copied records too.
    const early = await openAzureStore({ connectionString: azurite.connectionString, tableName: table });
    assert.equal(await early.accounts.count(), 0);
    const first = run(table);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /account +source=3 +created=3 +already there=0/);
    assert.match(first.stdout, /merge +source=1 +created=1 +already there=0/);
    assert.match(first.stdout, /conversation +source=2 +created=1/);
    assert.match(first.stdout, /1 conversation reference\(s\) of people outside every account were not copied/);
    assert.match(
      first.stdout,
      new RegExp(`queued ${pendingIds.length} notification\\(s\\) still to send on pmb-outbox`),
    );
    const queue = await openAzureQueue({ connectionString: azurite.connectionString });
    assert.deepEqual(
      (await queue.receive(32, 30_000)).map((m) => m.outboxId).sort(),
      pendingIds,
      'each gets its work-queue message',
    );

    const target = await openAzureStore({ connectionString: azurite.connectionString, tableName: table });
    assert.deepEqual(await target.merges.get(mergeId), mergeBefore, 'the merge with its version and audit trail');
    assert.equal((await target.accounts.list()).length, 3);
    assert.equal(await target.outbox.count(), outboxTotal);
    assert.equal((await target.outbox.get('o-1'))?.status, 'dead');
    assert.equal((await target.sentCards.listForMerge(mergeId)).length, 1);
    assert.equal((await target.conversations.get(admin.tenantId, admin.aadObjectId))?.displayName, 'x');
    assert.deepEqual(await early.merges.get(mergeId), mergeBefore, 'a running instance loads the migrated table');
    await target.commit([put('outbox', { ...entry, status: 'pending' }, 1)]);
    assert.equal((await early.outbox.get('o-1'))?.status, 'pending', 'and follows commits after it');
    await early.close();

    const again = run(table);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /account +source=3 +created=0 +already there=3/);
    assert.equal(await target.outbox.count(), outboxTotal, 'nothing copied twice');
    await target.close();
  });

  it('refuses without a connection string or target', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/store.ts', 'migrate', '--from', tmp.dir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--to azure is required/);
  });
});
