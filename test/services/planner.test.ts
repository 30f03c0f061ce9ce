import assert from 'node:assert/strict';
import { planNotifications } from '../../services/notify/planner.js';
import { DEMO, demoAccounts } from '../../services/demo/demoData.js';
import { MergeService } from '../../services/merge/mergeService.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { seedDemoData } from '../../services/demo/demoData.js';
import type { MergeRequest, OutboxEntry, PartnerAccount } from '../../services/model.js';

const byMpn = (mpn: string): PartnerAccount => {
  const account = demoAccounts().find((a) => a.globalMpnId === mpn);
  assert.ok(account);
  return account;
};
const summary = (entries: readonly OutboxEntry[]) => entries.map((e) => `${e.kind}${e.recipient ? `:${e.recipient.displayName}` : ''}`).sort();

describe('notification planner', () => {
  let service: MergeService;
  let now: Date;
  const actor = (p: { aadObjectId: string; tenantId: string; displayName: string }) => ({ kind: 'user' as const, ...p });

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
    assert.deepEqual(summary(outboxOf(invite.request)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Nestor Wilke']);

    const accepted = await service.decide('m-1', { type: 'accept' }, actor(DEMO.fabricam.admin));
    assert.equal(accepted.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(accepted.request)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Adele Vance', 'refreshCards']);

    const completed = await service.decide('m-1', { type: 'confirm', acknowledged: true }, actor(DEMO.contoso.admin));
    assert.equal(completed.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(completed.request)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Nestor Wilke', 'refreshCards'], 'the confirming admin is not notified again');
  });

  it('tells the initiating admins about a rejection, the invited admins about a cancellation, everyone about an expiry', async () => {
    await service.invite(actor(DEMO.contoso.admin), '3333333');
    const rejected = await service.decide('m-1', { type: 'reject', reason: 'No' }, actor(DEMO.fabricam.admin));
    assert.equal(rejected.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(rejected.request)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Adele Vance', 'refreshCards']);
  });

  it('sends a cancellation as text to the invited admins and an expiry to both sides', async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    const cancelled = await service.decide('m-1', { type: 'cancel' }, actor(DEMO.contoso.admin));
    assert.equal(cancelled.outcome, 'applied');
    assert.deepEqual(summary(outboxOf(cancelled.request)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeText:Nestor Wilke', 'refreshCards']);
    if (invite.outcome !== 'applied') return;
    const expiredRequest = { ...invite.request, status: 'expired' as const, expiredAt: now.toISOString(), audit: [...invite.request.audit, { at: now.toISOString(), action: 'expired' as const, actor: { kind: 'system' as const }, fromStatus: 'invited' as const, toStatus: 'expired' as const }] };
    assert.deepEqual(summary(outboxOf(expiredRequest)), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeText:Adele Vance', 'mergeText:Nestor Wilke', 'refreshCards']);
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
    const watchingAdmin = { ...contoso, watchers: [...contoso.watchers, { aadObjectId: DEMO.fabricam.admin.aadObjectId, tenantId: DEMO.fabricam.tenantId, displayName: 'Nestor Wilke' }] };
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    if (invite.outcome !== 'applied') return;
    const entries = planNotifications(invite.request, 0, { initiator: watchingAdmin, invited: fabricam }, now);
    assert.deepEqual(summary(entries), ['managerCard:Lynne Robbins', 'managerCard:Megan Bowen', 'mergeCard:Nestor Wilke']);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    assert.throws(() => planNotifications(invite.request, 5, { initiator: contoso, invited: fabricam }, now), RangeError);
  });

  it('adds the actor\'s Entra manager when asked, keyed apart from the actor', async () => {
    const invite = await service.invite(actor(DEMO.contoso.admin), '3333333');
    assert.equal(invite.outcome, 'applied');
    if (invite.outcome !== 'applied') return;
    const entries = planNotifications(invite.request, 0, { initiator: byMpn('1111111'), invited: byMpn('3333333') }, now, { actorManager: true });
    const managerOfActor = entries.filter((e) => e.recipient?.role === 'actorManager');
    assert.deepEqual(managerOfActor.map((e) => [e.kind, e.recipient?.aadObjectId]), [['managerCard', DEMO.contoso.admin.aadObjectId]]);
    assert.match(managerOfActor[0]!.id, /:managerCard:.*manager-of-/);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    const reminder = { ...invite.request, audit: [...invite.request.audit, { at: now.toISOString(), action: 'reminded' as const, actor: { kind: 'system' as const }, toStatus: 'invited' as const }] };
    assert.equal(planNotifications(reminder, 1, { initiator: byMpn('1111111'), invited: byMpn('3333333') }, now, { actorManager: true }).filter((e) => e.recipient?.role === 'actorManager').length, 0, 'no manager for the system');
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
});
