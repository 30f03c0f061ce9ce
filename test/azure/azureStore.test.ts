import assert from 'node:assert/strict';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { openAzureStore } from '../../services/store/azureStore.js';
import { isDomainError } from '../../services/errors.js';
import { put, type Store } from '../../services/store/types.js';
import { MergeService } from '../../services/merge/mergeService.js';
import { DEMO, seedDemoData } from '../../services/demo/demoData.js';
import { DAY, T0, makeAccount, makeMerge, type StoreHandle } from '../services/fixtures.js';
import { runStoreConformance } from '../services/storeConformance.js';
import { freshTableName, startAzurite, type Azurite } from './azurite.js';

describe('azure store (Azurite)', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });

  const open = (tableName: string): Promise<Store> => openAzureStore({ ...azurite.access('table'), tableName });
  /** An instance whose Table requests are recorded (method and decoded path + query). */
  const openCounted = async (tableName: string): Promise<{ store: Store; requests: string[] }> => {
    const requests: string[] = [];
    const policy: PipelinePolicy = {
      name: 'count-requests',
      sendRequest: (request, next) => {
        const url = new URL(request.url);
        requests.push(`${request.method} ${decodeURIComponent(url.pathname + url.search)}`);
        return next(request);
      },
    };
    const store = await openAzureStore({
      ...azurite.access('table'),
      tableName,
      clientOptions: { additionalPolicies: [{ policy, position: 'perCall' }] },
    });
    return { store, requests };
  };
  const partitionQueries = (requests: readonly string[]): string[] =>
    requests.filter((r) => r.includes("RowKey lt '~'"));

  async function azureHandle(): Promise<StoreHandle> {
    const tableName = freshTableName();
    let current = await open(tableName);
    return {
      get store() {
        return current;
      },
      async reopen() {
        await current.close();
        current = await open(tableName);
        return current;
      },
      cleanup: () => current.close(),
    };
  }

  runStoreConformance('azure (Azurite)', azureHandle);

  describe('several instances on one table', () => {
    it('a commit on one instance is seen by the next read on the other', async () => {
      const tableName = freshTableName();
      const [a, b] = [await open(tableName), await open(tableName)];
      await a.commit([put('account', makeAccount('1000001'), 0), put('account', makeAccount('1000002'), 0)]);
      assert.equal(await b.accounts.count(), 2);
      await b.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]);
      assert.equal((await a.merges.findOpenForAccount('1000002'))?.id, 'm-1');
      await Promise.all([a.close(), b.close()]);
    });

    it('exactly one of two instances racing on the same version wins, and the loser writes nothing', async () => {
      const tableName = freshTableName();
      const [a, b] = [await open(tableName), await open(tableName)];
      await a.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]);
      const current = await b.merges.get('m-1');
      assert.ok(current);
      await a.merges.get('m-1');
      const results = await Promise.allSettled([
        a.commit([
          put('merge', { ...current, status: 'accepted' } as typeof current),
          put('account', makeAccount('1000003'), 0),
        ]),
        b.commit([
          put('merge', { ...current, status: 'rejected' } as typeof current),
          put('account', makeAccount('1000004'), 0),
        ]),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected');
      assert.equal((rejected?.reason as { code?: string }).code, 'version-conflict');
      assert.equal(await a.accounts.count(), 1, "the loser's other record was not written");
      assert.equal((await b.merges.get('m-1'))?.version, 2);
      await Promise.all([a.close(), b.close()]);
    });

    it('two schedulers ticking at once on two instances send one reminder and one expiry', async () => {
      const tableName = freshTableName();
      const [a, b] = [await open(tableName), await open(tableName)];
      assert.equal(await seedDemoData(a), 3);
      let now = T0;
      const clock = (): Date => now;
      const [first, second] = [new MergeService({ store: a, clock }), new MergeService({ store: b, clock })];
      const admin = DEMO.contoso.admin;
      const invited = await first.invite(
        await first.resolveActor(admin.aadObjectId, admin.tenantId, admin.displayName),
        '3333333',
      );
      assert.equal(invited.outcome, 'applied');
      const outboxBefore = await b.outbox.count();
      now = new Date(T0.getTime() + 11 * DAY);
      const reminded = await Promise.all([first.remindersDue(), second.remindersDue()]);
      assert.equal(reminded.flat().length, 1, 'one instance sends the reminder');
      const afterReminder = await a.outbox.count();
      assert.ok(afterReminder > outboxBefore, 'the reminder was queued');
      now = new Date(T0.getTime() + 15 * DAY);
      const expired = await Promise.all([second.expireDue(), first.expireDue()]);
      assert.equal(expired.flat().length, 1, 'one instance expires the invitation');
      const merges = await b.merges.listByAccount('1111111');
      assert.deepEqual(
        merges[0]?.audit.map((e) => e.action),
        ['invited', 'reminded', 'expired'],
      );
      await Promise.all([a.close(), b.close()]);
    });

    it("reads nothing but the ~gen row after its own commit, and only the changed rows after another instance's", async () => {
      const tableName = freshTableName();
      const { store: a, requests } = await openCounted(tableName);
      const b = await open(tableName);
      await a.commit([put('account', makeAccount('1000001'), 0), put('account', makeAccount('1000002'), 0)]);
      requests.length = 0;
      assert.equal(await a.accounts.count(), 2);
      assert.deepEqual(
        requests,
        [`GET /devstoreaccount1/${tableName}(PartitionKey='domain',RowKey='~gen')`],
        'own commit: one point read',
      );

      // B changes three records (one of them a delete) in one commit: A reads ~gen, the
      // one change slot, the three rows, and ~gen again; never the whole partition.
      await b.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]);
      await a.merges.get('m-1');
      const merge = await b.merges.get('m-1');
      assert.ok(merge);
      const account = await b.accounts.get('1000001');
      assert.ok(account);
      await b.commit([
        put('merge', { ...merge, status: 'rejected' } as typeof merge),
        put('account', makeAccount('1000003'), 0),
        { op: 'delete', kind: 'account', key: '1000002', expectedVersion: 1 },
      ]);
      requests.length = 0;
      assert.equal((await a.merges.get('m-1'))?.status, 'rejected');
      assert.equal(await a.merges.findOpenForAccount('1000001'), undefined, 'indexes follow the caught-up records');
      assert.deepEqual(
        (await a.accounts.list()).map((x) => x.globalMpnId),
        ['1000001', '1000003'],
      );
      assert.deepEqual(partitionQueries(requests), []);
      const rowReads = requests.filter((r) => /RowKey='(merge|account)\|/.test(r));
      assert.deepEqual(rowReads.length, 3, requests.join('\n'));
      assert.equal(requests.filter((r) => r.includes("RowKey ge '~chg|")).length, 1, 'one query for the change slots');
      // A writes on top of what it caught up (the ETags came with the rows).
      await a.commit([put('account', { ...account, companyName: 'Renamed' })]);
      assert.equal((await b.accounts.get('1000001'))?.companyName, 'Renamed');
      await Promise.all([a.close(), b.close()]);
    });

    it('commits of two instances on different records all land (retried after catching up), in one order', async () => {
      const tableName = freshTableName();
      const [a, b] = [await open(tableName), await open(tableName)];
      const ids = Array.from({ length: 40 }, (_, i) => String(2000000 + i));
      const results = await Promise.allSettled(
        ids.map((id, i) => (i % 2 === 0 ? a : b).commit([put('account', makeAccount(id), 0)])),
      );
      assert.deepEqual(
        results.filter((r) => r.status === 'rejected'),
        [],
      );
      const [fromA, fromB] = [await a.accounts.list(), await b.accounts.list()];
      assert.deepEqual(
        fromA.map((x) => x.globalMpnId),
        ids,
      );
      assert.deepEqual(
        fromB.map((x) => x.globalMpnId),
        ids,
      );
      await Promise.all([a.close(), b.close()]);
    });

    it('groups concurrent commits of one instance into few transactions, answering each on its own', async () => {
      const tableName = freshTableName();
      const { store: a, requests } = await openCounted(tableName);
      await a.commit([put('account', makeAccount('4000000'), 0)]);
      requests.length = 0;
      const ids = Array.from({ length: 20 }, (_, i) => String(4000001 + i));
      const bigCompany = 'x'.repeat(600_000);
      const results = await Promise.allSettled([
        ...ids.map((id) => a.commit([put('account', makeAccount(id), 0)])),
        // Stale: 4000000 is at version 1.
        a.commit([put('account', makeAccount('4000000', { companyName: 'stale' }), 0)]),
        // Too large for one entity: refused alone, the others still land.
        a.commit([put('account', makeAccount('4000099', { companyName: bigCompany }), 0)]),
        // 3 × 40 records: more than one transaction holds (98), so they split.
        ...[0, 1, 2].map((k) =>
          a.commit(Array.from({ length: 40 }, (_, i) => put('account', makeAccount(String(4100000 + k * 100 + i)), 0))),
        ),
      ]);
      const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, r.reason as Error] as const] : []));
      assert.deepEqual(
        rejected.map(([i]) => i),
        [20, 21],
        rejected.map(([, e]) => e.message).join('; '),
      );
      assert.ok(isDomainError(rejected[0]![1]) && rejected[0]![1].code === 'version-conflict');
      assert.match(rejected[1]![1].message, /too large/);
      assert.equal(
        results.slice(0, 20).every((r) => r.status === 'fulfilled' && r.value.records[0]?.version === 1),
        true,
      );
      const batches = requests.filter((r) => r.startsWith('POST') && r.includes('$batch')).length;
      assert.ok(batches <= 8, `${batches} transactions for 24 commits`);
      const b = await open(tableName);
      assert.equal(await b.accounts.count(), 1 + 20 + 120);
      assert.equal((await b.accounts.get('4000000'))?.companyName, makeAccount('4000000').companyName);
      await Promise.all([a.close(), b.close()]);
    });

    it('never reads back its own commits, even while reads and commits overlap', async () => {
      const tableName = freshTableName();
      const { store: a, requests } = await openCounted(tableName);
      requests.length = 0;
      let writing = true;
      // Readers keep reading while the transactions are under way.
      const readers = Array.from({ length: 4 }, async () => {
        while (writing) await a.accounts.count();
      });
      for (let i = 0; i < 30; i++) {
        const id = String(5000000 + i);
        await a.commit([put('account', makeAccount(id), 0)]);
        assert.equal((await a.accounts.get(id))?.globalMpnId, id);
      }
      writing = false;
      await Promise.all(readers);
      assert.deepEqual(
        requests.filter((r) => !r.includes("RowKey='~gen'") && !r.includes('$batch')),
        [],
        'only ~gen reads and transactions',
      );
      await a.close();
    });

    it('an instance more than 512 commits behind loads the partition again and misses nothing', async () => {
      const tableName = freshTableName();
      const { store: a, requests } = await openCounted(tableName);
      const b = await open(tableName);
      await a.accounts.count();
      for (let i = 0; i < 520; i++) await b.commit([put('account', makeAccount(String(3000000 + i)), 0)]);
      requests.length = 0;
      assert.equal(await a.accounts.count(), 520);
      assert.equal(partitionQueries(requests).length, 1, 'one whole load');
      await Promise.all([a.close(), b.close()]);
    });

    it('stores a record larger than one table property (chunked)', async () => {
      const tableName = freshTableName();
      const a = await open(tableName);
      const big = makeAccount('1000001', { companyName: 'x'.repeat(100_000) });
      await a.commit([put('account', big, 0)]);
      const b = await open(tableName);
      assert.equal((await b.accounts.get('1000001'))?.companyName.length, 100_000);
      await Promise.all([a.close(), b.close()]);
    });
  });
});
