/**
 * Behaviour every Store backend must show. Each backend's test file calls
 * `runStoreConformance` with a factory; a backend that persists also provides `reopen`.
 */
import assert from 'node:assert/strict';
import { DomainError } from '../../services/errors.js';
import type { MergeRequest, MergeOutboxEntry, OutboxEntry, PartnerAccount } from '../../services/model.js';
import { WatcherService } from '../../services/accounts/watcherService.js';
import { check, put, type Store } from '../../services/store/types.js';
import {
  DAY,
  makeAccount,
  makeMerge,
  makeRegistration,
  makeUser,
  T0,
  tenantGuid,
  type StoreHandle,
} from './fixtures.js';

async function assertConflict(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => assert.fail('expected a version conflict'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DomainError, `expected DomainError, got ${String(err)}`);
  assert.equal(err.code, 'version-conflict');
  return err;
}

export function runStoreConformance(name: string, factory: () => Promise<StoreHandle>): void {
  describe(`Store conformance: ${name}`, () => {
    let handle: StoreHandle;
    let store: Store;
    beforeEach(async () => {
      handle = await factory();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    const seed = async (...accounts: PartnerAccount[]): Promise<void> => {
      await store.commit(accounts.map((a) => put('account', a, 0)));
    };

    it('reports its kind and schema version and answers ping', async () => {
      const info = store.info();
      assert.equal(typeof info.kind, 'string');
      assert.ok(info.schemaVersion >= 1);
      assert.deepEqual(await store.ping(), { ok: true });
    });

    it('creates a record with version 1 and reads it back', async () => {
      const { records } = await store.commit([put('account', makeAccount('1000001', { version: 42 }), 0)]);
      assert.equal(records[0]?.version, 1, 'the store sets the version, not the caller');
      const read = await store.accounts.get('1000001');
      assert.deepEqual(read, { ...makeAccount('1000001'), version: 1 });
      assert.equal(await store.accounts.count(), 1);
      assert.equal(await store.accounts.get('1000002'), undefined);
    });

    it('refuses to create a record that exists and to update with a stale version', async () => {
      await seed(makeAccount('1000001'));
      const created = await assertConflict(
        store.commit([put('account', makeAccount('1000001', { companyName: 'X' }), 0)]),
      );
      assert.deepEqual(created.params, { kind: 'account', id: '1000001', expected: 0, actual: 1 });
      await assertConflict(store.commit([put('account', makeAccount('1000001', { companyName: 'X' }), 7)]));
      assert.equal((await store.accounts.get('1000001'))?.companyName, 'Company 1000001');
      const { records } = await store.commit([put('account', makeAccount('1000001', { companyName: 'Renamed' }), 1)]);
      assert.equal(records[0]?.version, 2);
      assert.equal((await store.accounts.get('1000001'))?.companyName, 'Renamed');
    });

    it('applies a batch all-or-nothing', async () => {
      await seed(makeAccount('1000001'));
      await assertConflict(
        store.commit([
          put('account', makeAccount('1000002'), 0),
          put('merge', makeMerge('m-1', '1000001', '1000002'), 0),
          put('account', makeAccount('1000001', { companyName: 'Changed' }), 5),
        ]),
      );
      assert.equal(await store.accounts.get('1000002'), undefined);
      assert.equal(await store.merges.get('m-1'), undefined);
      assert.equal((await store.accounts.get('1000001'))?.companyName, 'Company 1000001');
      assert.equal(await store.merges.count(), 0);
    });

    it('commits only while a checked record is at its version, and writes nothing for the check', async () => {
      await seed(makeAccount('1000001'));
      const { records } = await store.commit([
        check('account', '1000001', 1),
        put('account', makeAccount('1000002'), 0),
      ]);
      assert.deepEqual(
        records.map((r) => r.version),
        [1],
        'a check stores no record',
      );
      assert.equal((await store.accounts.get('1000001'))?.version, 1, 'the checked record is unchanged');
      await store.commit([put('account', makeAccount('1000001', { companyName: 'Changed' }), 1)]);
      await assertConflict(store.commit([check('account', '1000001', 1), put('account', makeAccount('1000003'), 0)]));
      assert.equal(await store.accounts.get('1000003'), undefined, 'nothing of a commit whose check failed');
      await assertConflict(store.commit([check('merge', 'm-none', 1)]));
      await store.commit([check('merge', 'm-none', 0)]);
      assert.equal(await store.merges.count(), 0);
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal((await store.accounts.get('1000001'))?.companyName, 'Changed');
        assert.equal(await store.accounts.get('1000003'), undefined);
      }
    });

    it('counts versions within one batch in order', async () => {
      const { records } = await store.commit([
        put('account', makeAccount('1000001'), 0),
        put('account', makeAccount('1000001', { companyName: 'Second' }), 1),
      ]);
      assert.deepEqual(
        records.map((r) => r.version),
        [1, 2],
      );
      assert.equal((await store.accounts.get('1000001'))?.companyName, 'Second');
    });

    it('deletes with an expected version', async () => {
      await seed(makeAccount('1000001', { locations: [{ mpnId: '2000001', name: 'Loc' }] }));
      await assertConflict(store.commit([{ op: 'delete', kind: 'account', key: '1000001', expectedVersion: 3 }]));
      await store.commit([{ op: 'delete', kind: 'account', key: '1000001', expectedVersion: 1 }]);
      assert.equal(await store.accounts.get('1000001'), undefined);
      assert.equal(await store.accounts.findByMpnId('2000001'), undefined);
    });

    it('does not let callers change stored records through references', async () => {
      const input = { ...makeAccount('1000001'), companyName: 'Original' };
      const { records } = await store.commit([put('account', input, 0)]);
      (input as { companyName: string }).companyName = 'Mutated input';
      const returned = records[0] as { companyName: string };
      try {
        returned.companyName = 'Mutated output';
      } catch {
        // Frozen records throw in strict mode; that is fine too.
      }
      assert.equal((await store.accounts.get('1000001'))?.companyName, 'Original');
    });

    it('finds accounts by global MPN ID, by location MPN ID and by user', async () => {
      const tenant = tenantGuid(1);
      const admin = makeUser(1, tenant, [{ role: 'account-admin' }]);
      await seed(
        makeAccount('1000001', {
          locations: [{ mpnId: '2000001', name: 'North' }],
          tenants: [{ tenantId: tenant, domains: ['a.example'] }],
          users: [admin],
        }),
        makeAccount('1000002'),
      );
      const global = await store.accounts.findByMpnId('1000001');
      assert.equal(global?.kind, 'global');
      const location = await store.accounts.findByMpnId('2000001');
      assert.ok(location?.kind === 'location');
      assert.equal(location.account.globalMpnId, '1000001');
      assert.equal(location.location.name, 'North');
      assert.equal(await store.accounts.findByMpnId('9999999'), undefined);
      assert.deepEqual(
        (await store.accounts.listForUser(admin.aadObjectId, tenant)).map((a) => a.globalMpnId),
        ['1000001'],
      );
      // Object ids are per tenant: the same id in another tenant is another person.
      assert.deepEqual(await store.accounts.listForUser(admin.aadObjectId, tenantGuid(2)), []);
      assert.deepEqual(
        (await store.accounts.list()).map((a) => a.globalMpnId),
        ['1000001', '1000002'],
      );
    });

    it('re-indexes an updated account (moved locations, removed users)', async () => {
      const tenant = tenantGuid(1);
      const user = makeUser(1, tenant);
      await seed(
        makeAccount('1000001', {
          locations: [{ mpnId: '2000001', name: 'Old' }],
          tenants: [{ tenantId: tenant, domains: ['a.example'] }],
          users: [user],
        }),
      );
      const current = await store.accounts.get('1000001');
      assert.ok(current);
      await store.commit([put('account', { ...current, locations: [{ mpnId: '2000002', name: 'New' }], users: [] })]);
      assert.equal(await store.accounts.findByMpnId('2000001'), undefined);
      assert.equal((await store.accounts.findByMpnId('2000002'))?.account.globalMpnId, '1000001');
      assert.deepEqual(await store.accounts.listForUser(user.aadObjectId, tenant), []);
    });

    it("resolves an absorbed account's MPN IDs to the PGA, whatever the order in the batch", async () => {
      for (const absorbFirst of [true, false]) {
        const pgaId = absorbFirst ? '1000001' : '1000011';
        const goneId = absorbFirst ? '1000002' : '1000012';
        const locId = absorbFirst ? '2000002' : '2000012';
        await seed(makeAccount(pgaId), makeAccount(goneId, { locations: [{ mpnId: locId, name: 'L' }] }));
        const pga = await store.accounts.get(pgaId);
        const gone = await store.accounts.get(goneId);
        assert.ok(pga && gone);
        const merged = {
          ...pga,
          locations: [
            { mpnId: goneId, name: 'Former PGA' },
            { mpnId: locId, name: 'L' },
          ],
        };
        const absorbed = { ...gone, status: 'merged' as const, mergedInto: pgaId };
        const ops = [put('account', merged), put('account', absorbed)];
        await store.commit(absorbFirst ? ops.reverse() : ops);
        for (const id of [goneId, locId]) {
          const match = await store.accounts.findByMpnId(id);
          assert.equal(match?.kind, 'location', `${id} should be a location now`);
          assert.equal(match.account.globalMpnId, pgaId);
        }
        assert.equal((await store.accounts.get(goneId))?.status, 'merged', 'the absorbed record stays for history');
      }
    });

    it('lists merge history per account newest first, on both sides, with a limit', async () => {
      await store.commit([
        put(
          'merge',
          makeMerge('m-a', '1000001', '1000002', T0, {
            status: 'rejected',
            rejectedAt: T0.toISOString(),
            rejectedBy: { kind: 'system' },
            reason: 'no',
          }),
          0,
        ),
        put('merge', makeMerge('m-b', '1000003', '1000001', new Date(T0.getTime() + DAY)), 0),
        put('merge', makeMerge('m-c', '1000001', '1000004', new Date(T0.getTime() + 2 * DAY)), 0),
        put('merge', makeMerge('m-d', '1000005', '1000006', new Date(T0.getTime() + 3 * DAY)), 0),
      ]);
      assert.deepEqual(
        (await store.merges.listByAccount('1000001')).map((m) => m.id),
        ['m-c', 'm-b', 'm-a'],
      );
      assert.deepEqual(
        (await store.merges.listByAccount('1000001', { limit: 2 })).map((m) => m.id),
        ['m-c', 'm-b'],
      );
      assert.deepEqual(
        (await store.merges.listByAccount('1000002')).map((m) => m.id),
        ['m-a'],
      );
      assert.deepEqual(await store.merges.listByAccount('1000009'), []);
      assert.equal(await store.merges.count(), 4);
    });

    it('finds the open merge of an account on either side and forgets it once closed', async () => {
      await store.commit([
        put(
          'merge',
          makeMerge('m-old', '1000001', '1000002', T0, { status: 'expired', expiredAt: T0.toISOString() }),
          0,
        ),
        put('merge', makeMerge('m-open', '1000001', '1000002', new Date(T0.getTime() + DAY)), 0),
      ]);
      assert.equal((await store.merges.findOpenForAccount('1000001'))?.id, 'm-open');
      assert.equal((await store.merges.findOpenForAccount('1000002'))?.id, 'm-open');
      assert.equal(await store.merges.findOpenForAccount('1000003'), undefined);
      const open = await store.merges.get('m-open');
      assert.ok(open);
      const closed: MergeRequest = {
        ...open,
        status: 'cancelled',
        cancelledAt: T0.toISOString(),
        cancelledBy: { kind: 'system' },
        cancelledFrom: 'invited',
      };
      await store.commit([put('merge', closed)]);
      assert.equal(await store.merges.findOpenForAccount('1000001'), undefined);
    });

    it('lists invitations due for expiry and for a reminder', async () => {
      const reminded = T0.toISOString();
      await store.commit([
        put('merge', makeMerge('m-1', '1000001', '1000002', T0), 0),
        put('merge', makeMerge('m-2', '1000003', '1000004', new Date(T0.getTime() + 5 * DAY)), 0),
        put('merge', makeMerge('m-3', '1000005', '1000006', T0, { reminderSentAt: reminded }), 0),
        put(
          'merge',
          makeMerge('m-4', '1000007', '1000008', T0, {
            status: 'accepted',
            acceptedAt: reminded,
            acceptedBy: { kind: 'system' },
          }),
          0,
        ),
      ]);
      // Day 12: m-1 and m-3 are past their reminder point; m-3 was reminded already.
      const day12 = new Date(T0.getTime() + 12 * DAY);
      assert.deepEqual(
        (await store.merges.listDueForReminder(day12)).map((m) => m.id),
        ['m-1'],
      );
      assert.deepEqual(await store.merges.listDueForExpiry(day12), []);
      // Day 14 exactly: m-1 and m-3 expire (accepted m-4 never does); no reminder after expiry.
      const day14 = new Date(T0.getTime() + 14 * DAY);
      assert.deepEqual(
        (await store.merges.listDueForExpiry(day14)).map((m) => m.id),
        ['m-1', 'm-3'],
      );
      assert.deepEqual(await store.merges.listDueForReminder(day14), []);
      assert.deepEqual(
        (await store.merges.listDueForReminder(new Date(T0.getTime() + 17 * DAY))).map((m) => m.id),
        ['m-2'],
      );
    });

    it('lets exactly one of two racing commits with the same expected version win', async () => {
      await store.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]);
      const base = await store.merges.get('m-1');
      assert.ok(base);
      const accept: MergeRequest = {
        ...base,
        status: 'accepted',
        acceptedAt: T0.toISOString(),
        acceptedBy: { kind: 'system' },
      };
      const reject: MergeRequest = {
        ...base,
        status: 'rejected',
        rejectedAt: T0.toISOString(),
        rejectedBy: { kind: 'system' },
        reason: 'r',
      };
      const results = await Promise.allSettled([
        store.commit([put('merge', accept)]),
        store.commit([put('merge', reject)]),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const loser = results.find((r) => r.status === 'rejected');
      assert.ok(
        loser?.status === 'rejected' && loser.reason instanceof DomainError && loser.reason.code === 'version-conflict',
      );
      assert.equal((await store.merges.get('m-1'))?.version, 2);
    });

    it('keeps data, versions and indexes across a reopen (persistent backends)', async function () {
      if (handle.reopen === undefined) this.skip();
      await seed(makeAccount('1000001', { locations: [{ mpnId: '2000001', name: 'L' }] }));
      await store.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]);
      store = await handle.reopen();
      assert.equal((await store.accounts.get('1000001'))?.version, 1);
      assert.equal((await store.accounts.findByMpnId('2000001'))?.account.globalMpnId, '1000001');
      assert.equal((await store.merges.findOpenForAccount('1000002'))?.id, 'm-1');
      await assertConflict(store.commit([put('merge', makeMerge('m-1', '1000001', '1000002'), 0)]));
    });

    it('stores conversation references per user, case-insensitively, with versions', async () => {
      const record = {
        key: 'aaaaaaaa-0000-4000-8000-00000000000a|bbbbbbbb-0000-4000-8000-00000000000b',
        tenantId: 'aaaaaaaa-0000-4000-8000-00000000000a',
        aadObjectId: 'bbbbbbbb-0000-4000-8000-00000000000b',
        displayName: 'Ann',
        reference: { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' },
        updatedAt: new Date(T0).toISOString(),
        version: 0,
      };
      await store.commit([put('conversation', record, 0)]);
      const found = await store.conversations.get(
        'AAAAAAAA-0000-4000-8000-00000000000A',
        'BBBBBBBB-0000-4000-8000-00000000000B',
      );
      assert.equal(found?.version, 1);
      assert.deepEqual(found?.reference, record.reference);
      await assertConflict(store.commit([put('conversation', record, 0)]));
      await store.commit([put('conversation', { ...record, reference: { conversation: { id: 'a:2' } } }, 1)]);
      assert.deepEqual((await store.conversations.get(record.tenantId, record.aadObjectId))?.reference, {
        conversation: { id: 'a:2' },
      });
      assert.equal(await store.conversations.count(), 1);
      assert.equal(await store.conversations.get(record.tenantId, 'cccccccc-0000-4000-8000-00000000000c'), undefined);
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal((await store.conversations.get(record.tenantId, record.aadObjectId))?.version, 2);
      }
    });

    it("finds the service URL of a tenant's newest conversation, and none for an unknown tenant", async () => {
      const tenant = 'aaaaaaaa-0000-4000-8000-00000000000a';
      const conversation = (user: string, serviceUrl: string, at: number, tenantId = tenant) => ({
        key: `${tenantId}|${user}`,
        tenantId,
        aadObjectId: user,
        reference: { conversation: { id: `a:${user}` }, serviceUrl },
        updatedAt: new Date(T0.getTime() + at).toISOString(),
        version: 0,
      });
      await store.commit([
        put('conversation', conversation('u1', 'https://smba.trafficmanager.net/emea/', 1000), 0),
        put('conversation', conversation('u2', 'https://smba.trafficmanager.net/amer/', 2000), 0),
        put(
          'conversation',
          conversation('u3', 'https://smba.trafficmanager.net/apac/', 3000, 'dddddddd-0000-4000-8000-00000000000d'),
          0,
        ),
      ]);
      assert.equal(
        await store.conversations.serviceUrlForTenant(tenant.toUpperCase()),
        'https://smba.trafficmanager.net/amer/',
      );
      assert.equal(
        await store.conversations.serviceUrlForTenant('dddddddd-0000-4000-8000-00000000000d'),
        'https://smba.trafficmanager.net/apac/',
      );
      assert.equal(await store.conversations.serviceUrlForTenant('eeeeeeee-0000-4000-8000-00000000000e'), undefined);
      // A newer conversation elsewhere in the tenant moves it; a removed one no longer counts.
      await store.commit([
        put('conversation', { ...conversation('u1', 'https://smba.trafficmanager.net/emea/', 4000), version: 1 }, 1),
      ]);
      assert.equal(await store.conversations.serviceUrlForTenant(tenant), 'https://smba.trafficmanager.net/emea/');
      await store.commit([{ op: 'delete', kind: 'conversation', key: `${tenant}|u1`, expectedVersion: 2 }]);
      assert.equal(await store.conversations.serviceUrlForTenant(tenant), 'https://smba.trafficmanager.net/amer/');
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal(await store.conversations.serviceUrlForTenant(tenant), 'https://smba.trafficmanager.net/amer/');
      }
    });

    it('lists the cards sent for a merge, oldest first, and nothing for other merges', async () => {
      const card = (mergeId: string, user: string, sentAt: Date) => ({
        key: `${mergeId}|t|${user}`,
        mergeId,
        tenantId: 't',
        aadObjectId: user,
        activityId: `act-${user}`,
        reference: { conversation: { id: `a:${user}` } },
        sentAt: new Date(sentAt).toISOString(),
        updatedAt: new Date(sentAt).toISOString(),
        version: 0,
      });
      await store.commit([
        put('sentCard', card('m-1', 'u2', new Date(T0.getTime() + 1000)), 0),
        put('sentCard', card('m-1', 'u1', T0), 0),
        put('sentCard', card('m-2', 'u1', T0), 0),
      ]);
      assert.deepEqual(
        (await store.sentCards.listForMerge('m-1')).map((c) => c.aadObjectId),
        ['u1', 'u2'],
      );
      assert.deepEqual(await store.sentCards.listForMerge('m-3'), []);
      await store.commit([{ op: 'delete', kind: 'sentCard', key: 'm-1|t|u1', expectedVersion: 1 }]);
      assert.deepEqual(
        (await store.sentCards.listForMerge('m-1')).map((c) => c.aadObjectId),
        ['u2'],
      );
      assert.equal(await store.sentCards.count(), 2);
      if (handle.reopen) {
        store = await handle.reopen();
        assert.deepEqual(
          (await store.sentCards.listForMerge('m-1')).map((c) => c.activityId),
          ['act-u2'],
        );
      }
    });

    it('keeps the outbox: due entries in order, expired leases, parked per person, counts per status', async () => {
      const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
      const entry = (id: string, over: Partial<MergeOutboxEntry> = {}): MergeOutboxEntry => ({
        id,
        mergeId: 'm-1',
        auditIndex: 0,
        action: 'invited',
        kind: 'mergeCard',
        recipient: { tenantId: 'T', aadObjectId: 'U', displayName: 'U', role: 'admin' },
        status: 'pending',
        attempts: 0,
        createdAt: at(0),
        nextAttemptAt: at(0),
        version: 0,
        ...over,
      });
      await store.commit([
        put('outbox', entry('b', { nextAttemptAt: at(2000) }), 0),
        put('outbox', entry('a', { nextAttemptAt: at(1000) }), 0),
        put('outbox', entry('later', { nextAttemptAt: at(60_000) }), 0),
        put('outbox', entry('lease-over', { status: 'sending', leaseUntil: at(500) }), 0),
        put('outbox', entry('lease-held', { status: 'sending', leaseUntil: at(90_000) }), 0),
        put('outbox', entry('parked', { status: 'parked' }), 0),
        put('outbox', entry('done', { status: 'delivered' }), 0),
      ]);
      const due = await store.outbox.listDue(new Date(T0.getTime() + 5000), 10);
      assert.deepEqual(
        due.map((e) => e.id),
        ['lease-over', 'a', 'b'],
      );
      assert.deepEqual(
        (await store.outbox.listDue(new Date(T0.getTime() + 5000), 2)).map((e) => e.id),
        ['lease-over', 'a'],
      );
      assert.equal((await store.outbox.nextDueAt())?.toISOString(), at(500));
      assert.deepEqual(
        (await store.outbox.listParkedFor('t', 'u')).map((e) => e.id),
        ['parked'],
        'case-insensitive ids',
      );
      await store.commit([put('outbox', entry('other-merge', { mergeId: 'm-2', status: 'delivered' }), 0)]);
      assert.deepEqual(
        (await store.outbox.listActiveForMerge('m-1')).map((e) => e.id).sort(),
        ['a', 'b', 'later', 'lease-held', 'lease-over'].sort(),
        'pending and sending, of this merge',
      );
      assert.deepEqual(await store.outbox.listActiveForMerge('m-2'), []);
      await store.commit([{ op: 'delete', kind: 'outbox', key: 'other-merge', expectedVersion: 1 }]);
      assert.equal(await store.outbox.count('pending'), 3);
      assert.equal(await store.outbox.count(), 7);
      const a = await store.outbox.get('a');
      assert.ok(a);
      await store.commit([put('outbox', { ...a, status: 'delivered', deliveredAt: at(1200) })]);
      assert.deepEqual((await store.outbox.listByStatus('delivered')).map((e) => e.id).sort(), ['a', 'done']);
      assert.ok(
        !(await store.outbox.listActiveForMerge('m-1')).some((e) => e.id === 'a'),
        'delivered: no longer active',
      );
      await assertConflict(store.commit([put('outbox', { ...a, status: 'dead' })]));
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal(await store.outbox.count('delivered'), 2);
        assert.deepEqual(
          (await store.outbox.listParkedFor('T', 'U')).map((e) => e.id),
          ['parked'],
        );
      }
    });

    it('finds the accounts a person watches, and forgets them once they are off the list', async () => {
      const tenant = tenantGuid(1);
      const watcher = { aadObjectId: makeUser(7, tenant).aadObjectId, tenantId: tenant, displayName: 'Watcher' };
      await seed(
        makeAccount('1000001', { watchers: [watcher] }),
        makeAccount('1000002', { watchers: [watcher] }),
        makeAccount('1000003'),
      );
      assert.deepEqual(
        (await store.accounts.listWatchedBy(watcher.aadObjectId.toUpperCase(), tenant)).map((a) => a.globalMpnId),
        ['1000001', '1000002'],
      );
      assert.deepEqual(
        await store.accounts.listWatchedBy(watcher.aadObjectId, tenantGuid(2)),
        [],
        'object ids are per tenant',
      );
      assert.deepEqual(await store.accounts.listForUser(watcher.aadObjectId, tenant), [], 'a watcher is not a user');
      const first = await store.accounts.get('1000001');
      assert.ok(first);
      await store.commit([put('account', { ...first, watchers: [] })]);
      assert.deepEqual(
        (await store.accounts.listWatchedBy(watcher.aadObjectId, tenant)).map((a) => a.globalMpnId),
        ['1000002'],
      );
      if (handle.reopen) {
        store = await handle.reopen();
        assert.deepEqual(
          (await store.accounts.listWatchedBy(watcher.aadObjectId, tenant)).map((a) => a.globalMpnId),
          ['1000002'],
        );
      }
    });

    it('commits a managers-list change with its audit entry and welcome notification, or none of them', async () => {
      const tenant = tenantGuid(1);
      const admin = makeUser(1, tenant, [{ role: 'account-admin' }]);
      const person = makeUser(2, tenant);
      await seed(
        makeAccount('1000001', { tenants: [{ tenantId: tenant, domains: ['a.example'] }], users: [admin, person] }),
      );
      const watchers = new WatcherService({ store, clock: () => T0 });
      const outcome = await watchers.add(admin, '1000001', [{ address: person.upn }]);
      assert.deepEqual(outcome.refused, []);
      const stored = await store.accounts.get('1000001');
      assert.deepEqual(
        stored?.watchers.map((w) => [w.displayName, w.addedBy?.displayName, w.addedAt]),
        [[person.displayName, admin.displayName, T0.toISOString()]],
      );
      assert.deepEqual(
        stored?.audit?.map((e) => [e.action, 'watcher' in e ? e.watcher.aadObjectId : '']),
        [['watcher-added', person.aadObjectId]],
      );
      const welcome = await store.outbox.listByStatus('pending');
      assert.deepEqual(
        welcome.map((e) => [e.kind, e.accountMpnId, 'auditIndex' in e ? e.auditIndex : -1, e.recipient?.aadObjectId]),
        [['watcherWelcome', '1000001', 0, person.aadObjectId]],
      );
      // A commit that loses a race writes none of the three.
      assert.ok(stored);
      await assertConflict(
        store.commit([
          put('account', { ...stored, watchers: [] }, stored.version - 1),
          put('outbox', { ...(welcome[0] as OutboxEntry), id: 'other' }, 0),
        ]),
      );
      assert.equal(await store.outbox.get('other'), undefined);
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal((await store.accounts.get('1000001'))?.audit?.length, 1);
        assert.equal((await store.outbox.listByStatus('pending'))[0]?.accountMpnId, '1000001');
      }
    });

    it('finds the accounts of a tenant, case-insensitively, and forgets a tenant that moved', async () => {
      const tenant = tenantGuid(1);
      await seed(
        makeAccount('1000001', { tenants: [{ tenantId: tenant, domains: ['a.example'] }] }),
        makeAccount('1000002', { tenants: [{ tenantId: tenantGuid(2), domains: ['b.example'] }] }),
      );
      assert.deepEqual(
        (await store.accounts.listForTenant(tenant.toUpperCase())).map((a) => a.globalMpnId),
        ['1000001'],
      );
      assert.deepEqual(await store.accounts.listForTenant(tenantGuid(3)), []);
      const current = await store.accounts.get('1000001');
      assert.ok(current);
      await store.commit([
        put('account', { ...current, tenants: [{ tenantId: tenantGuid(2), domains: ['b.example'] }] }),
      ]);
      assert.deepEqual(await store.accounts.listForTenant(tenant), []);
      assert.deepEqual(
        (await store.accounts.listForTenant(tenantGuid(2))).map((a) => a.globalMpnId),
        ['1000001', '1000002'],
      );
    });

    it('keeps registrations: per tenant newest first, pending ones by Partner ID, decided ones out of the pending lists', async () => {
      const first = makeRegistration(tenantGuid(1), 1, {
        globalMpnId: '1000001',
        locations: [{ mpnId: '2000001', name: 'North' }],
        createdAt: T0.toISOString(),
      });
      const second = makeRegistration(tenantGuid(2), 1, {
        globalMpnId: '1000002',
        createdAt: new Date(T0.getTime() + DAY).toISOString(),
      });
      const rejected = makeRegistration(tenantGuid(1), 0, {
        globalMpnId: '1000009',
        status: 'rejected',
        reason: 'unknown',
        createdAt: new Date(T0.getTime() - DAY).toISOString(),
      });
      await store.commit([
        put('registration', second, 0),
        put('registration', first, 0),
        put('registration', rejected, 0),
      ]);
      assert.equal((await store.registrations.get(first.id))?.version, 1);
      assert.deepEqual(
        (await store.registrations.listForTenant(tenantGuid(1).toUpperCase())).map((r) => r.id),
        [first.id, rejected.id],
      );
      assert.deepEqual(
        (await store.registrations.listPending()).map((r) => r.id),
        [first.id, second.id],
      );
      assert.deepEqual(
        (await store.registrations.listPendingByMpnId('2000001')).map((r) => r.id),
        [first.id],
      );
      assert.deepEqual(await store.registrations.listPendingByMpnId('1000009'), []);
      assert.equal(await store.registrations.count(), 3);
      // The tenant's next request takes the next key: two at once cannot both be written.
      await assertConflict(store.commit([put('registration', makeRegistration(tenantGuid(1), 1), 0)]));
      const stored = await store.registrations.get(first.id);
      assert.ok(stored);
      await store.commit([put('registration', { ...stored, status: 'approved', decidedAt: T0.toISOString() })]);
      assert.deepEqual(
        (await store.registrations.listPending()).map((r) => r.id),
        [second.id],
      );
      assert.deepEqual(await store.registrations.listPendingByMpnId('2000001'), []);
      if (handle.reopen) {
        store = await handle.reopen();
        assert.equal((await store.registrations.get(first.id))?.status, 'approved');
        assert.deepEqual(
          (await store.registrations.listPending()).map((r) => r.id),
          [second.id],
        );
        assert.deepEqual(
          (await store.registrations.listForTenant(tenantGuid(1))).map((r) => r.id),
          [first.id, rejected.id],
        );
      }
    });

    it('refuses work after close', async () => {
      await store.close();
      await assert.rejects(store.commit([put('account', makeAccount('1000001'), 0)]), /closed/);
      assert.equal((await store.ping()).ok, false);
      await store.close(); // idempotent
    });
  });
}
