import assert from 'node:assert/strict';
import { DEMO, seedDemoData } from '../../services/demo/demoData.js';
import { describeError, DomainError, type Result } from '../../services/errors.js';
import { describeAction, describeAdvice, describeAuditEntry } from '../../services/merge/describe.js';
import { MergeService, type DecideResult, type UserActor } from '../../services/merge/mergeService.js';
import type { MergeRequest, PartnerAccount } from '../../services/model.js';
import { put, type Store } from '../../services/store/types.js';
import { BACKENDS, DAY, makeAccount, makeUser, T0, type StoreHandle } from './fixtures.js';

type Person = { aadObjectId: string; tenantId: string; displayName: string };

function english<T>(r: Result<T>): string {
  assert.ok(!r.ok, 'expected a refusal');
  return describeError(r.error, 'en');
}

function applied(r: DecideResult): Extract<DecideResult, { outcome: 'applied' }> {
  if (r.outcome !== 'applied') assert.fail(`expected applied, got ${r.outcome}: ${describeError(r.error, 'en')}`);
  return r;
}

for (const backend of BACKENDS) {
  describe(`MergeService on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: Store;
    let now: Date;
    let service: MergeService;
    let ids: number;
    const actor = (p: Person): Promise<UserActor> => service.resolveActor(p.aadObjectId, p.tenantId, p.displayName);
    const advance = (days: number): void => {
      now = new Date(now.getTime() + days * DAY);
    };

    beforeEach(async () => {
      handle = await backend.create();
      store = handle.store;
      now = T0;
      ids = 0;
      assert.equal(await seedDemoData(store), 3);
      service = new MergeService({ store, clock: () => now, idFactory: () => `m-${++ids}` });
    });
    afterEach(() => handle.cleanup());

    async function invite(): Promise<MergeRequest> {
      const r = await service.invite(await actor(DEMO.contoso.admin), '3333333');
      assert.equal(r.outcome, 'applied', r.outcome === 'refused' ? r.error.message : '');
      return (r as { request: MergeRequest }).request;
    }

    describe('directory lookups', () => {
      it('resolves actors with fresh Account admin memberships', async () => {
        assert.deepEqual((await actor(DEMO.contoso.admin)).accountAdminOf, ['1111111']);
        assert.deepEqual(
          (await actor(DEMO.contoso.incentivesAdmin)).accountAdminOf,
          [],
          'a scoped role is not Account admin',
        );
        assert.deepEqual((await actor(DEMO.fabricam.user)).accountAdminOf, []);
        assert.equal(
          (await service.findAccountForUser(DEMO.fabricam.user.aadObjectId, DEMO.fabricam.tenantId))?.companyName,
          'Fabricam',
        );
        assert.equal(
          await service.findAccountForUser(DEMO.fabricam.user.aadObjectId, DEMO.contoso.tenantId),
          undefined,
        );
      });

      it('finds an account by global MPN ID and explains a location MPN ID', async () => {
        const found = await service.lookupGlobalAccount(' 3333333 ');
        assert.ok(found.ok && found.value.companyName === 'Fabricam');
        assert.equal(
          english(await service.lookupGlobalAccount('4444444')),
          '4444444 is a location Partner ID of Fabricam. A merge needs the global Partner ID (MPN ID): use 3333333.',
        );
        assert.equal(
          english(await service.lookupGlobalAccount('9999999')),
          "I don't know a partner account with Partner ID 9999999. Check the global Partner ID (MPN ID) in the other company's Partner profile.",
        );
      });
    });

    describe('validateInviteTarget', () => {
      it('accepts a known partner global MPN ID of another account', async () => {
        const r = await service.validateInviteTarget(await actor(DEMO.contoso.admin), '3333333');
        assert.ok(r.ok);
        assert.deepEqual([r.value.initiator.globalMpnId, r.value.invited.globalMpnId], ['1111111', '3333333']);
      });

      it('refuses malformed MPN IDs', async () => {
        const admin = await actor(DEMO.contoso.admin);
        for (const input of [
          'abc',
          '-1',
          '1e9',
          '',
          '   ',
          '12 345 67',
          '1'.repeat(50),
          '12345',
          '３３３３３３３',
          null,
          3.5,
        ]) {
          const r = await service.validateInviteTarget(admin, input);
          assert.ok(!r.ok && r.error.code === 'invalid-mpn-id', `input ${String(input)}`);
        }
        const zeros = await service.validateInviteTarget(admin, '0000000');
        assert.ok(!zeros.ok && zeros.error.code === 'all-zero-mpn-id');
        assert.equal(
          english(zeros),
          '"0000000" is not a Partner ID: a Partner ID (MPN ID) is never all zeros. You find yours in the Partner profile in Partner Center.',
        );
        assert.equal(
          english(await service.validateInviteTarget(admin, 'abc')),
          '"abc" is not a valid Partner ID. A Partner ID (MPN ID) is a number of 6 to 10 digits; you find it in the Partner profile in Partner Center.',
        );
        assert.match(
          english(await service.validateInviteTarget(admin, '9'.repeat(50))),
          /^"9{39}…" is not a valid Partner ID/,
        );
      });

      it('refuses unknown IDs, location IDs and a merge with oneself', async () => {
        const admin = await actor(DEMO.contoso.admin);
        assert.equal((await service.validateInviteTarget(admin, '9999999')).ok || 'unknown', 'unknown');
        assert.equal(
          english(await service.validateInviteTarget(admin, '5555555')),
          '5555555 is a location Partner ID of Fabricam. A merge needs the global Partner ID (MPN ID): use 3333333.',
        );
        for (const own of ['1111111', '2222222']) {
          assert.equal(
            english(await service.validateInviteTarget(admin, own)),
            `You can't merge your account with itself (${own}). Enter the global Partner ID (MPN ID) of the other company.`,
          );
        }
      });

      it('refuses actors who are not Account admins', async () => {
        assert.equal(
          english(await service.validateInviteTarget(await actor(DEMO.fabricam.user), '1111111')),
          'Only an Account admin can start a merge, and you are not an Account admin of any partner account I know.',
        );
        assert.equal(
          english(
            await service.validateInviteTarget(await actor(DEMO.contoso.admin), '3333333', {
              initiatorMpnId: '7777777',
            }),
          ),
          'Only an Account admin of Northwind Traders (7777777) can do this.',
        );
        const bySystem = await service.validateInviteTarget({ kind: 'system' }, '3333333');
        assert.ok(!bySystem.ok && bySystem.error.code === 'not-authorized');
      });

      it('asks which account when the actor administers several', async () => {
        const contoso = await store.accounts.get('1111111');
        const northwind = await store.accounts.get('7777777');
        assert.ok(contoso && northwind);
        const guest = makeUser(50, DEMO.northwind.tenantId, [{ role: 'account-admin' }]);
        await store.commit([
          put('account', {
            ...contoso,
            tenants: [...contoso.tenants, northwind.tenants[0]!],
            users: [...contoso.users, guest],
          }),
          put('account', { ...northwind, users: [...northwind.users, guest] }),
        ]);
        const both = await actor(guest);
        assert.equal(
          english(await service.validateInviteTarget(both, '3333333')),
          'You are an Account admin of more than one partner account (1111111, 7777777). Say which account should invite.',
        );
        assert.ok((await service.validateInviteTarget(both, '3333333', { initiatorMpnId: '7777777' })).ok);
      });

      it('never trusts the admin list passed in by the caller', async () => {
        const forged: UserActor = { ...(await actor(DEMO.fabricam.user)), accountAdminOf: ['3333333'] };
        assert.equal((await service.validateInviteTarget(forged, '1111111')).ok, false);
      });
    });

    describe('invite and the one-open-merge rule', () => {
      it("creates the invitation, notifies both accounts' managers, fences both accounts", async () => {
        const r = await service.invite(await actor(DEMO.contoso.admin), '3333333');
        assert.ok(r.outcome === 'applied');
        assert.equal(r.request.status, 'invited');
        assert.equal(r.request.version, 1);
        assert.equal(r.request.expiresAt, new Date(T0.getTime() + 14 * DAY).toISOString());
        assert.deepEqual(
          r.notice.recipients.map((w) => w.displayName),
          ['Megan Bowen', 'Lynne Robbins'],
        );
        assert.equal(r.notice.action, 'invited');
        assert.equal((await store.merges.get('m-1'))?.status, 'invited');
        assert.equal((await store.accounts.get('1111111'))?.version, 2);
      });

      it('refuses a second open merge on either side; allows a new one once closed', async () => {
        await invite();
        const northwindAdmin = await actor(DEMO.northwind.admin);
        const invitedSide = await service.invite(northwindAdmin, '3333333');
        assert.ok(invitedSide.outcome === 'refused');
        assert.equal(
          describeError(invitedSide.error, 'en'),
          'Fabricam (3333333) already has an open merge. An account can be in only one open merge at a time; finish or cancel that one first.',
        );
        assert.deepEqual(invitedSide.error.params, {
          mpnId: '3333333',
          company: 'Fabricam',
          mergeId: 'm-1',
          side: 'invited',
        });
        const start = await service.canStartMerge(await actor(DEMO.contoso.admin));
        assert.ok(!start.ok && start.error.code === 'open-merge-exists');
        assert.ok((await service.canStartMerge(northwindAdmin)).ok);
        const initiatorSide = await service.invite(await actor(DEMO.contoso.admin), '7777777');
        assert.ok(initiatorSide.outcome === 'refused' && initiatorSide.error.code === 'open-merge-exists');
        assert.equal(await store.merges.count(), 1, 'nothing written');

        applied(
          await service.decide('m-1', { type: 'reject', reason: 'Not this year' }, await actor(DEMO.fabricam.admin)),
        );
        assert.equal((await service.invite(northwindAdmin, '3333333')).outcome, 'applied');
      });

      it('of two racing invitations involving the same account, exactly one is created', async () => {
        const [a, b] = await Promise.all([
          service.invite(await actor(DEMO.contoso.admin), '3333333'),
          service.invite(await actor(DEMO.northwind.admin), '3333333'),
        ]);
        const outcomes = [a.outcome, b.outcome].sort();
        assert.deepEqual(outcomes, ['applied', 'refused']);
        const loser = a.outcome === 'refused' ? a : b;
        assert.ok(loser.outcome === 'refused' && loser.error.code === 'open-merge-exists');
        assert.equal(await store.merges.count(), 1);
      });
    });

    describe('decide', () => {
      it('runs the whole worked example: invite, approve, confirm; the merged account is stored', async () => {
        const request = await invite();
        const fabricamAdmin = await actor(DEMO.fabricam.admin);
        const contosoAdmin = await actor(DEMO.contoso.admin);
        const actions = await service.actionsFor(request, fabricamAdmin);
        assert.deepEqual(
          actions.map((a) => describeAction(a, 'nl')),
          ['Goedkeuren', 'Afwijzen', 'Vernieuwen'],
        );
        advance(2);
        applied(await service.decide(request.id, { type: 'accept' }, fabricamAdmin));
        const preview = await service.preview(request.initiatorMpnId, request.invitedMpnId);
        assert.ok(preview.ok && preview.value.locations.length === 4);
        assert.deepEqual(preview.value.advice.map((a) => describeAdvice(a, 'en')).slice(0, 1), [
          'After the merge, check your bank and tax information for accuracy.',
        ]);
        advance(1);
        const done = applied(await service.decide(request.id, { type: 'confirm', acknowledged: true }, contosoAdmin));
        assert.equal(done.request.status, 'completed');
        assert.deepEqual(
          done.mergedAccount?.locations.map((l) => l.mpnId),
          ['2222222', '3333333', '4444444', '5555555'],
        );
        assert.equal(done.notice.action, 'completed');

        const stored = await store.accounts.get('1111111');
        assert.deepEqual(stored, done.mergedAccount);
        assert.equal((await store.accounts.get('3333333'))?.status, 'merged');
        const match = await store.accounts.findByMpnId('3333333');
        assert.ok(match?.kind === 'location' && match.account.globalMpnId === '1111111');
        // Fabricam's former global ID now answers as a location of Contoso.
        assert.equal(
          english(await service.lookupGlobalAccount('3333333')),
          '3333333 is a location Partner ID of Contoso. A merge needs the global Partner ID (MPN ID): use 1111111.',
        );
        // Contoso's admin typing Fabricam's former global ID is told it is already theirs, and since when.
        const again = await service.validateInviteTarget(await actor(DEMO.contoso.admin), '3333333');
        assert.ok(!again.ok && again.error.code === 'own-location');
        assert.match(
          english(again),
          /^3333333 is already a location of your account Contoso \(merged on \w{3}, \w{3} \d{1,2}, \d{4}\)\./,
        );
        // Fabricam's admin kept the role and is now an admin of the PGA.
        assert.deepEqual((await actor(DEMO.fabricam.admin)).accountAdminOf, ['1111111']);
        assert.deepEqual(
          (await store.merges.get(request.id))?.audit.map((e) => e.action),
          ['invited', 'accepted', 'completed'],
        );
      });

      it('a second click is "already decided": no second transition or audit entry', async () => {
        const { id } = await invite();
        const admin = await actor(DEMO.fabricam.admin);
        applied(await service.decide(id, { type: 'accept' }, admin));
        const again = await service.decide(id, { type: 'accept' }, admin);
        assert.ok(again.outcome === 'unchanged');
        assert.equal(describeError(again.error, 'en'), 'This merge request is already accepted. Nothing was changed.');
        assert.equal(
          describeError(again.error, 'nl'),
          'Deze samenvoegingsaanvraag is al geaccepteerd. Er is niets gewijzigd.',
        );
        assert.equal(again.request.status, 'accepted');
        assert.equal((await store.merges.get(id))?.audit.length, 2);
      });

      for (const [label, second] of [
        ['accept vs reject', { type: 'reject', reason: 'No thanks' }],
        ['accept vs accept', { type: 'accept' }],
      ] as const) {
        it(`two racing decisions (${label}): exactly one wins, the other is told it was already decided`, async () => {
          const { id } = await invite();
          const admin = await actor(DEMO.fabricam.admin);
          const results = await Promise.all([
            service.decide(id, { type: 'accept' }, admin),
            service.decide(id, second, admin),
          ]);
          assert.deepEqual(results.map((r) => r.outcome).sort(), ['applied', 'unchanged']);
          const winner = results.find((r) => r.outcome === 'applied');
          const loser = results.find((r) => r.outcome === 'unchanged');
          assert.ok(winner?.outcome === 'applied' && loser?.outcome === 'unchanged');
          assert.equal(loser.error.code, 'already-decided');
          assert.equal(loser.request.status, winner.request.status, 'the loser sees the current state');
          const stored = await store.merges.get(id);
          assert.equal(stored?.audit.length, 2, 'exactly one decision recorded');
          assert.equal(stored?.version, 2);
        });
      }

      it('confirm racing cancel: one wins; a cancelled merge leaves both accounts untouched', async () => {
        const { id } = await invite();
        applied(await service.decide(id, { type: 'accept' }, await actor(DEMO.fabricam.admin)));
        const admin = await actor(DEMO.contoso.admin);
        const results = await Promise.all([
          service.decide(id, { type: 'cancel' }, admin),
          service.decide(id, { type: 'confirm', acknowledged: true }, admin),
        ]);
        assert.deepEqual(results.map((r) => r.outcome).sort(), ['applied', 'unchanged']);
        const status = (await store.merges.get(id))?.status;
        const fabricam = await store.accounts.get('3333333');
        assert.equal(fabricam?.status, status === 'completed' ? 'merged' : 'active');
      });

      it('refuses with a typed error and writes nothing', async () => {
        const { id } = await invite();
        const before = await store.merges.get(id);
        const byInitiator = await service.decide(id, { type: 'accept' }, await actor(DEMO.contoso.admin));
        assert.ok(byInitiator.outcome === 'unchanged');
        assert.equal(
          describeError(byInitiator.error, 'en'),
          'Only an Account admin of Fabricam (3333333) can do this.',
        );
        assert.equal(
          describeError(byInitiator.error, 'nl'),
          'Alleen een accountbeheerder van Fabricam (3333333) kan dit doen.',
        );
        const empty = await service.decide(id, { type: 'reject', reason: '   ' }, await actor(DEMO.fabricam.admin));
        assert.ok(empty.outcome === 'unchanged' && empty.error.code === 'reason-required');
        const long = await service.decide(
          id,
          { type: 'reject', reason: 'x'.repeat(501) },
          await actor(DEMO.fabricam.admin),
        );
        assert.ok(long.outcome === 'unchanged' && long.error.code === 'reason-too-long');
        assert.deepEqual(await store.merges.get(id), before);
      });

      it('answers an unknown or malformed merge id with merge-not-found', async () => {
        const admin = await actor(DEMO.fabricam.admin);
        for (const id of ['m-404', '', '../../etc/passwd', 'x'.repeat(500)]) {
          const r = await service.decide(id, { type: 'accept' }, admin);
          assert.ok(r.outcome === 'not-found' && r.error.code === 'merge-not-found');
        }
        const r = await service.decide('m-404', { type: 'accept' }, admin);
        assert.ok(r.outcome === 'not-found');
        assert.equal(describeError(r.error, 'en'), "I can't find merge request m-404.");
      });

      it('retries once when an unrelated write bumped an account during confirm', async () => {
        const { id } = await invite();
        applied(await service.decide(id, { type: 'accept' }, await actor(DEMO.fabricam.admin)));
        // A store that lets another writer touch Contoso right before the first confirm commit.
        let interfered = false;
        const racing: Store = {
          ...store,
          accounts: store.accounts,
          merges: store.merges,
          commit: async (ops) => {
            // The confirm commit is the one that writes the completed request.
            if (
              !interfered &&
              ops.some((op) => op.op === 'put' && op.kind === 'merge' && op.record.status === 'completed')
            ) {
              interfered = true;
              const contoso = await store.accounts.get('1111111');
              assert.ok(contoso);
              await store.commit([put('account', { ...contoso, companyName: 'Contoso Ltd' })]);
            }
            return store.commit(ops);
          },
        };
        const retrying = new MergeService({ store: racing, clock: () => now });
        const done = applied(
          await retrying.decide(id, { type: 'confirm', acknowledged: true }, await actor(DEMO.contoso.admin)),
        );
        assert.equal(done.mergedAccount?.companyName, 'Contoso Ltd', 'merged from the fresh record');
      });

      it('writes the merged account and the completed request together or not at all', async () => {
        const { id } = await invite();
        applied(await service.decide(id, { type: 'accept' }, await actor(DEMO.fabricam.admin)));
        const failing: Store = {
          ...store,
          accounts: store.accounts,
          merges: store.merges,
          commit: async (ops) => {
            // Let the batch fail on its last operation: the backend must drop all of it.
            const last = ops.at(-1);
            assert.ok(last?.op === 'put');
            return store.commit([...ops.slice(0, -1), { ...last, expectedVersion: 999 }]);
          },
        };
        const r = await new MergeService({ store: failing, clock: () => now }).decide(
          id,
          { type: 'confirm', acknowledged: true },
          await actor(DEMO.contoso.admin),
        );
        assert.ok(r.outcome === 'unchanged' && r.error.code === 'version-conflict');
        assert.equal((await store.merges.get(id))?.status, 'accepted');
        assert.equal((await store.accounts.get('1111111'))?.locations.length, 1);
        assert.equal((await store.accounts.get('3333333'))?.status, 'active');
      });
    });

    describe('expiry and reminders', () => {
      it('reminds the invited admins once at the reminder point, then expires after 14 days', async () => {
        const { id } = await invite();
        advance(10);
        assert.deepEqual(await service.remindersDue(), []);
        advance(1);
        const reminders = await service.remindersDue();
        assert.equal(reminders.length, 1);
        assert.deepEqual(
          reminders[0]?.notice.recipients.map((w) => w.displayName),
          ['Nestor Wilke'],
        );
        assert.deepEqual(await service.remindersDue(), [], 'a reminder is claimed once');
        assert.deepEqual(await service.expireDue(), []);

        advance(3);
        const late = await service.decide(id, { type: 'accept' }, await actor(DEMO.fabricam.admin));
        assert.ok(late.outcome === 'unchanged');
        assert.equal(
          describeError(late.error, 'en'),
          'This invitation expired on Mon, Jun 15, 2020. Nothing was changed; the inviting company can send a new invitation.',
        );
        const expired = await service.expireDue();
        assert.deepEqual(
          expired.map((e) => [e.request.id, e.request.status, e.notice.recipients.length]),
          [[id, 'expired', 2]],
        );
        assert.deepEqual(await service.expireDue(), []);
        assert.deepEqual(
          (await store.merges.get(id))?.audit.map((e) => e.action),
          ['invited', 'reminded', 'expired'],
        );
        // The accounts are free again.
        assert.equal((await service.invite(await actor(DEMO.contoso.admin), '3333333')).outcome, 'applied');
      });

      it('uses the configured invitation period and reminder point', async () => {
        service = new MergeService({
          store,
          clock: () => now,
          invitationDays: 7,
          reminderDaysBefore: 2,
          idFactory: () => 'm-short',
        });
        const r = await invite();
        assert.equal(r.expiresAt, new Date(T0.getTime() + 7 * DAY).toISOString());
        assert.equal(r.remindAt, new Date(T0.getTime() + 5 * DAY).toISOString());
        assert.throws(() => new MergeService({ store, invitationDays: 3, reminderDaysBefore: 3 }), RangeError);
      });
    });

    describe('history', () => {
      it("lists an account's merges newest first as initiator and as invited, with audit trails", async () => {
        const first = await invite();
        advance(1);
        applied(
          await service.decide(first.id, { type: 'reject', reason: 'Not now' }, await actor(DEMO.fabricam.admin)),
        );
        advance(1);
        const second = await service.invite(await actor(DEMO.northwind.admin), '3333333');
        assert.ok(second.outcome === 'applied');
        const fabricam = await service.history('3333333');
        assert.deepEqual(
          fabricam.map((h) => [h.request.id, h.role, h.other.companyName]),
          [
            [second.request.id, 'invited', 'Northwind Traders'],
            [first.id, 'invited', 'Contoso'],
          ],
        );
        assert.equal(fabricam[1]?.request.audit.at(-1)?.reason, 'Not now');
        const lines = (locale: string) =>
          fabricam[1]!.request.audit.map((e) => describeAuditEntry(e, fabricam[1]!.request, locale));
        assert.deepEqual(lines('en'), [
          'Adele Vance invited Fabricam to merge',
          'Nestor Wilke rejected the merge: Not now',
        ]);
        assert.deepEqual(lines('nl'), [
          'Adele Vance heeft Fabricam uitgenodigd om samen te voegen',
          'Nestor Wilke heeft de samenvoeging afgewezen: Not now',
        ]);
        assert.deepEqual(
          (await service.history('1111111')).map((h) => h.role),
          ['initiator'],
        );
        assert.deepEqual(await service.history('7777777', { limit: 0 }), []);
      });

      it("keeps an absorbed account's history and refuses bad IDs", async () => {
        const { id } = await invite();
        applied(await service.decide(id, { type: 'accept' }, await actor(DEMO.fabricam.admin)));
        applied(await service.decide(id, { type: 'confirm', acknowledged: true }, await actor(DEMO.contoso.admin)));
        assert.deepEqual(
          (await service.history('3333333')).map((h) => h.request.status),
          ['completed'],
        );
        await assert.rejects(
          service.history('4444444'),
          (e: unknown) => e instanceof DomainError && e.code === 'location-mpn-id',
        );
        await assert.rejects(
          service.history('abc'),
          (e: unknown) => e instanceof DomainError && e.code === 'invalid-mpn-id',
        );
        await assert.rejects(
          service.history('9999999'),
          (e: unknown) => e instanceof DomainError && e.code === 'unknown-mpn-id',
        );
      });
    });

    it('previews from an actor and refuses a location MPN ID as target', async () => {
      const admin = await actor(DEMO.contoso.admin);
      const ok = await service.preview(admin, '3333333');
      assert.ok(ok.ok && ok.value.benefitsRenewOn === '2020-12-01');
      assert.equal((await service.preview(admin, '4444444')).ok, false);
      const self = await service.preview('1111111', '1111111');
      assert.ok(!self.ok && self.error.code === 'self-merge');
    });
  });
}

describe('seedDemoData', () => {
  it('inserts the demo accounts only into an empty store', async () => {
    const handle = await BACKENDS[0]!.create();
    try {
      await handle.store.commit([put('account', makeAccount('1000001'), 0)]);
      assert.equal(await seedDemoData(handle.store), 0);
      assert.equal(await handle.store.accounts.count(), 1);
    } finally {
      await handle.cleanup();
    }
  });

  it('gives every demo person a stable GUID and role set', async () => {
    const accounts: PartnerAccount[] = (await import('../../services/demo/demoData.js')).demoAccounts();
    const people = accounts.flatMap((a) => a.users);
    assert.ok(people.every((p) => /^[0-9a-f-]{36}$/.test(p.aadObjectId)));
    assert.equal(new Set(people.map((p) => p.aadObjectId)).size, people.length);
    assert.equal(DEMO.fabricam.admin.aadObjectId, 'fabfab00-0000-4000-8000-000000000001');
  });
});
