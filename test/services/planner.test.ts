import assert from 'node:assert/strict';
import { planNotifications } from '../../services/notify/planner.js';
import { DEMO, demoAccounts } from '../../services/demo/demoData.js';
import { MergeService } from '../../services/merge/mergeService.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { seedDemoData } from '../../services/demo/demoData.js';
import type { MergeRequest, OutboxEntry, PartnerAccount, SentCardRecord } from '../../services/model.js';
import { put } from '../../services/store/types.js';

const byMpn = (mpn: string): PartnerAccount => {
  const account = demoAccounts().find((a) => a.globalMpnId === mpn);
  assert.ok(account);
  return account;
};
const summary = (entries: readonly OutboxEntry[]) =>
  entries.map((e) => `${e.kind}${e.recipient ? `:${e.recipient.displayName}` : ''}`).sort();

describe('notification planner', () => {
  let service: MergeService;
  let now: Date;
  const actor = (p: { aadObjectId: string; tenantId: string; displayName: string }) => ({
    kind: 'user' as const,
    ...p,
  });

  beforeEach(async () => {
    now = new Date('2026-01-05T10:00:00Z');
    const store = createMemoryStore();
    await seedDemoData(store);
    service = new MergeService({ store, clock: () => now, idFactory: () => 'm-1' });
  });

  function outboxOf(request: MergeRequest): OutboxEntry[] {
    const index = request.audit.length - 1;
    return planNotifications(request, index, { initiator: byMpn('1111111'), invited: byMpn('3333333') }, now);
  }

  it('plans who hears about every event of the worked example', async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    if (invite.outcome !== 'applied') return;
    assert.deepEqual(summary(outboxOf(invite.request)), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeCard:Nestor Wilke',
    ]);

    const accepted = await service.decide('m-1', { type: 'accept' }, actor(DEMO.fabricam.admin));
    assert.equal(accepted.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(accepted.request)), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeCard:Adele Vance',
      'refreshCards',
    ]);

    const completed = await service.decide('m-1', { type: 'confirm', acknowledged: true }, actor(DEMO.contoso.admin));
    assert.equal(completed.outcome, 'applied');
    assert.deepEqual(
      summary(outboxOf(completed.request)),
      ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Nestor Wilke', 'refreshCards'],
      'the confirming admin is not notified again',
    );
  });

  it('tells the initiating admins about a rejection, the invited admins about a cancellation, everyone about an expiry', async () => {
    await service.invite(actor(DEMO.contoso.admin), '3333333');
    const rejected = await service.decide('m-1', { type: 'reject', reason: 'No' }, actor(DEMO.fabricam.admin));
    assert.equal(rejected.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(rejected.request)), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeCard:Adele Vance',
      'refreshCards',
    ]);
  });

  it('sends a cancellation as text to the invited admins and an expiry to both sides', async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    const cancelled = await service.decide('m-1', { type: 'cancel' }, actor(DEMO.contoso.admin));
    assert.equal(cancelled.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(cancelled.request)), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeText:Nestor Wilke',
      'refreshCards',
    ]);
    if (invite.outcome !== 'applied') return;
    const expiredRequest = {
      ...invite.request,
      status: 'expired' as const,
      expiredAt: now.toISOString(),
      audit: [
        ...invite.request.audit,
        {
          at: now.toISOString(),
          action: 'expired' as const,
          actor: { kind: 'system' as const },
          fromStatus: 'invited' as const,
          toStatus: 'expired' as const,
        },
      ],
    };
    assert.deepEqual(summary(outboxOf(expiredRequest)), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeText:Adele Vance',
      'mergeText:Nestor Wilke',
      'refreshCards',
    ]);
  });

  it('reminds the invited admins only: a reminder is not a state change for managers', async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    now = new Date(now.getTime() + 11 * 24 * 3600 * 1000);
    const [reminder] = await service.remindersDue();
    assert.ok(reminder);
    assert.deepEqual(summary(outboxOf(reminder.request)), ['mergeCard:Nestor Wilke', 'refreshCards']);
  });

  it('gives each person one entry per event, with unique dedupe ids', async () => {
    const contoso = byMpn('1111111');
    const fabricam = byMpn('3333333');
    // Nestor watches Contoso too and is Fabricam's admin: one entry, the admin one.
    const watchingAdmin = {
      ...contoso,
      watchers: [
        ...contoso.watchers,
        { aadObjectId: DEMO.fabricam.admin.aadObjectId, tenantId: DEMO.fabricam.tenantId, displayName: 'Nestor Wilke' },
      ],
    };
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    if (invite.outcome !== 'applied') return;
    const entries = planNotifications(invite.request, 0, { initiator: watchingAdmin, invited: fabricam }, now);
    assert.deepEqual(summary(entries), [
      'managerCard:Lynne Robbins',
      'managerCard:Megan Bowen',
      'mergeCard:Nestor Wilke',
    ]);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    assert.throws(
      () => planNotifications(invite.request, 5, { initiator: contoso, invited: fabricam }, now),
      RangeError,
    );
  });

  it("adds the actor's Entra manager when asked, keyed apart from the actor", async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    if (invite.outcome !== 'applied') return;
    const entries = planNotifications(
      invite.request,
      0,
      { initiator: byMpn('1111111'), invited: byMpn('3333333') },
      now,
      { actorManager: true },
    );
    const managerOfActor = entries.filter((e) => e.recipient?.role === 'actorManager');
    assert.deepEqual(
      managerOfActor.map((e) => [e.kind, e.recipient?.aadObjectId]),
      [['managerCard', DEMO.contoso.admin.aadObjectId]],
    );
    assert.match(managerOfActor[0]!.id, /:managerCard:.*manager-of-/);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    const reminder = {
      ...invite.request,
      audit: [
        ...invite.request.audit,
        {
          at: now.toISOString(),
          action: 'reminded' as const,
          actor: { kind: 'system' as const },
          toStatus: 'invited' as const,
        },
      ],
    };
    assert.equal(
      planNotifications(reminder, 1, { initiator: byMpn('1111111'), invited: byMpn('3333333') }, now, {
        actorManager: true,
      }).filter((e) => e.recipient?.role === 'actorManager').length,
      0,
      'no manager for the system',
    );
  });

  it('writes the outbox in the same commit as the change, and nothing for a refused change', async () => {
    const store = createMemoryStore();
    await seedDemoData(store);
    const svc = new MergeService({ store, clock: () => now, idFactory: () => 'm-9' });
    await svc.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(await store.outbox.count(), 3);
    const refused = await svc.decide('m-9', { type: 'accept' }, actor(DEMO.fabricam.user));
    assert.equal(refused.outcome, 'unchanged');
    const noReason = await svc.decide('m-9', { type: 'reject', reason: ' ' }, actor(DEMO.fabricam.admin));
    assert.equal(noReason.outcome, 'unchanged');
    assert.equal(await store.outbox.count(), 3, 'no notification for a transition that failed');
    const failing = { ...store, commit: () => Promise.reject(new Error('disk full')) };
    const broken = new MergeService({ store: failing, clock: () => now });
    await assert.rejects(broken.decide('m-9', { type: 'accept' }, actor(DEMO.fabricam.admin)), /disk full/);
    assert.equal(await store.outbox.count(), 3);
    assert.equal((await store.merges.get('m-9'))?.status, 'invited', 'no change without its notifications either');
  });

  it('queues a redraw of delivered cards only when one still shows an earlier state', async () => {
    const store = createMemoryStore();
    await seedDemoData(store);
    let next = 0;
    const svc = new MergeService({ store, clock: () => now, idFactory: () => `m-${++next}` });
    const kinds = async (mergeId: string, auditIndex: number) =>
      (await store.outbox.listByStatus('pending'))
        .filter((e) => e.mergeId === mergeId && e.auditIndex === auditIndex)
        .map((e) => e.kind)
        .sort();
    const card = (
      mergeId: string,
      who: { tenantId: string; aadObjectId: string },
      activityId: string,
      shows: number,
    ): SentCardRecord => ({
      key: `${mergeId}|${who.tenantId}|${who.aadObjectId}|${activityId}`,
      mergeId,
      tenantId: who.tenantId,
      aadObjectId: who.aadObjectId,
      activityId,
      cardKind: 'merge',
      reference: {},
      sentAt: now.toISOString(),
      updatedAt: now.toISOString(),
      shows,
      version: 0,
    });
    const clicked = (mergeId: string, activityId: string) => ({
      activityId,
      record: () => card(mergeId, DEMO.fabricam.admin, activityId, 0),
    });
    /** What the dispatcher does: every pending entry delivered. */
    const deliverAll = async () => {
      const pending = await store.outbox.listByStatus('pending');
      if (pending.length > 0)
        await store.commit(
          pending.map((e) => put('outbox', { ...e, status: 'delivered', deliveredAt: now.toISOString() })),
        );
    };

    // The invitation's card is still on its way: it may be drawn from the state before the decision.
    await svc.invite(actor(DEMO.contoso.admin), '3333333');
    await svc.decide('m-1', { type: 'accept' }, actor(DEMO.fabricam.admin));
    assert.deepEqual(await kinds('m-1', 1), ['managerCard', 'managerCard', 'mergeCard', 'refreshCards']);
    await deliverAll();
    // Everything delivered and no card recorded: nothing to redraw.
    await svc.decide('m-1', { type: 'cancel' }, actor(DEMO.contoso.admin));
    assert.deepEqual(await kinds('m-1', 2), ['managerCard', 'managerCard', 'mergeText']);
    await deliverAll();
    await svc.invite(actor(DEMO.contoso.admin), '3333333');
    await deliverAll();
    await svc.decide('m-2', { type: 'accept' }, actor(DEMO.fabricam.admin));
    assert.deepEqual(await kinds('m-2', 1), ['managerCard', 'managerCard', 'mergeCard']);
    await svc.decide('m-2', { type: 'cancel' }, actor(DEMO.contoso.admin));
    await deliverAll();

    // The only delivered card is the one clicked: the click's answer shows the new state.
    await svc.invite(actor(DEMO.contoso.admin), '3333333');
    await deliverAll();
    await store.commit([put('sentCard', card('m-3', DEMO.fabricam.admin, 'act-1', 1), 0)]);
    await svc.decide('m-3', { type: 'accept' }, actor(DEMO.fabricam.admin), { clickedCard: clicked('m-3', 'act-1') });
    assert.deepEqual(await kinds('m-3', 1), ['managerCard', 'managerCard', 'mergeCard']);
    assert.equal(
      (await store.sentCards.listForMerge('m-3'))[0]?.shows,
      (await store.merges.get('m-3'))?.version,
      'the clicked card is marked as showing the decision',
    );
    await deliverAll();

    // Adele's card still shows the invitation: it is redrawn.
    await store.commit([put('sentCard', card('m-3', DEMO.contoso.admin, 'act-2', 2), 0)]);
    await svc.decide('m-3', { type: 'cancel' }, actor(DEMO.contoso.admin), { clickedCard: clicked('m-3', 'act-3') });
    assert.deepEqual(await kinds('m-3', 2), ['managerCard', 'managerCard', 'mergeText', 'refreshCards']);

    // The planner on its own: told that every card is current, it queues no redraw.
    const request = (await store.merges.get('m-3'))!;
    assert.ok(planNotifications(request, 2, {}, now).some((e) => e.kind === 'refreshCards'));
    assert.ok(!planNotifications(request, 2, {}, now, { cardsToRedraw: false }).some((e) => e.kind === 'refreshCards'));
  });
});
