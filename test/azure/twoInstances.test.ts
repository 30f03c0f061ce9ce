/**
 * Two real bot processes (`bot/index.ts`, STORE=azure) on different ports share one
 * Azurite: domain records in one table, dialog state in Blob storage, the outbox work in
 * a Storage Queue (poison queue beside it). Everything stays
 * on loopback: activities carry the connector emulator's URL as serviceUrl.
 */
import assert from 'node:assert/strict';
import { ConnectorEmulator, personalConversationId, teamsActivity, type TeamsUser } from '../harness/index.js';
import { killAll, spawnBot, type BotProcess } from '../harness/process.js';
import { DEMO, seedDemoData } from '../../services/demo/demoData.js';
import { openAzureStore } from '../../services/store/azureStore.js';
import type { Store } from '../../services/store/types.js';
import type { OutboxEntry } from '../../services/model.js';
import { startAzurite, type Azurite } from './azurite.js';
import { sleep, until } from '../support/wait.js';

const [adele, megan, nestor, lynne, joni] = [
  DEMO.contoso.admin,
  DEMO.contoso.manager,
  DEMO.fabricam.admin,
  DEMO.fabricam.manager,
  DEMO.fabricam.user,
].map((p): TeamsUser => ({ aadObjectId: p.aadObjectId, tenantId: p.tenantId, name: p.displayName })) as [
  TeamsUser,
  TeamsUser,
  TeamsUser,
  TeamsUser,
  TeamsUser,
];
const everyone = [adele, megan, nestor, lynne, joni];
const LEASE_MS = 3000;
const isPost = (c: { kind: string }): boolean => c.kind === 'send' || c.kind === 'reply';

async function post(url: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

describe('two bot instances on one Azure Storage account (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let connector: ConnectorEmulator;
  let store: Store;
  const bots: BotProcess[] = [];

  before(async () => {
    azurite = await startAzurite();
    connector = await new ConnectorEmulator().start();
  });
  after(async () => {
    await killAll(bots);
    await store?.close();
    await connector?.stop();
    await azurite?.stop();
  });

  const start = async (pollMs: number): Promise<{ bot: BotProcess; url: string }> => {
    const bot = spawnBot({
      STORE: 'azure',
      ...azurite.botEnv(),
      NOTIFY_SERVICE_URL: connector.url,
      OUTBOX_CONCURRENCY: '1',
      OUTBOX_POLL_MS: String(pollMs),
      // A short lease, so the instance that survives takes over the dead one's work soon.
      OUTBOX_LEASE_MS: String(LEASE_MS),
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    bots.push(bot);
    return { bot, url: await bot.ready };
  };
  const message = (url: string, user: TeamsUser, text: string, extra: Record<string, unknown> = {}): Promise<number> =>
    post(url, teamsActivity(connector.url, 'message', { user, extra: { text, textFormat: 'plain', ...extra } }));
  const cardAction = (url: string, user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<number> =>
    post(
      url,
      teamsActivity(connector.url, 'invoke', {
        user,
        extra: {
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        },
      }),
    );
  /** Successful new messages per person since `mark`, as "name" entries, sorted. */
  const deliveredSince = (mark: number): string[] =>
    connector.calls
      .slice(mark)
      .filter((c) => isPost(c) && c.status < 300 && c.conversationId !== personalConversationId(adele))
      .map(
        (c) => everyone.find((u) => c.conversationId === personalConversationId(u))?.name ?? String(c.conversationId),
      )
      .sort();

  it("shares dialogs, decisions and the outbox; a killed instance's fan-out is finished by the other", async () => {
    // Seeded first so the two starting instances do not both try; A polls the outbox
    // fast, B slowly (so A takes the fan-out of step 3 first).
    store = await openAzureStore(azurite.access('table'));
    assert.equal(await seedDemoData(store), 3);
    const [a, b] = await Promise.all([start(100), start(1500)]);
    assert.notEqual(a.url, b.url);
    for (const [i, user] of everyone.entries()) {
      assert.equal(
        await post(
          i % 2 === 0 ? a.url : b.url,
          teamsActivity(connector.url, 'conversationUpdate', {
            user,
            extra: { membersAdded: [{ id: '28:00000000-0000-0000-0000-00000000b07' }] },
          }),
        ),
        200,
      );
    }
    assert.equal(
      await store.conversations.count(),
      everyone.length,
      'both instances remember conversations in the shared table',
    );

    // 1. One dialog, turns alternating between the instances (state in Blob storage).
    let mark = connector.calls.length;
    assert.equal(await message(a.url, adele, 'start merge'), 200);
    assert.equal(await message(b.url, adele, '3333333'), 200);
    assert.equal(await message(a.url, adele, 'yes', { value: { choice: 'confirm' } }), 200);
    const invited = await store.merges.findOpenForAccount('1111111');
    assert.ok(invited, 'the dialog started on A, continued on B, finished on A');
    assert.equal(invited.invitedMpnId, '3333333');
    await connector.waitFor(() => deliveredSince(mark).length >= 3, 10_000);

    // 2. The same approval clicked on both instances at once: exactly one wins.
    await until(
      'the invitation fan-out to be delivered',
      async () => (await store.outbox.count('delivered')) === (await store.outbox.count()),
    );
    mark = connector.calls.length;
    const statuses = await Promise.all([
      cardAction(a.url, nestor, 'merge.accept', { mergeId: invited.id }),
      cardAction(b.url, nestor, 'merge.accept', { mergeId: invited.id }),
    ]);
    assert.deepEqual(statuses, [200, 200]);
    const accepted = await store.merges.get(invited.id);
    assert.equal(accepted?.status, 'accepted');
    assert.equal(
      accepted.audit.filter((e) => e.toStatus === 'accepted').length,
      1,
      'one acceptance in the audit trail',
    );
    await until(
      'the acceptance fan-out to be delivered',
      async () => (await store.outbox.count('delivered')) === (await store.outbox.count()),
    );
    await sleep(300);
    assert.deepEqual(
      deliveredSince(mark),
      ['Lynne Robbins', 'Megan Bowen'],
      "each notification of the one acceptance delivered once (plus Adele's card)",
    );

    // 3. A fan-out started on A; A dies while delivering; B finishes it, nothing twice.
    // B is paused (SIGSTOP) while A takes the fan-out, so A is the one that dies with a send
    // in flight; the send's request is held by the connector until A is gone.
    mark = connector.calls.length;
    let hungConversation: string | undefined;
    connector.failNext(
      (c) => {
        if (!isPost(c) || c.conversationId === personalConversationId(adele)) return false;
        hungConversation = c.conversationId;
        return true;
      },
      { status: 503, delayMs: 15_000 },
    );
    assert.ok(b.bot.child.kill('SIGSTOP'), 'B paused');
    const before = await store.outbox.count();
    assert.equal(await cardAction(a.url, adele, 'merge.confirm', { mergeId: invited.id, acknowledge: 'true' }), 200);
    const fanOut = (await store.outbox.count()) - before;
    assert.ok(fanOut >= 3, `the confirmation fans out (${fanOut} entries)`);
    await until('A to send its first notification of the fan-out', () => hungConversation !== undefined, 20_000);
    // A sends one entry at a time (OUTBOX_CONCURRENCY=1) and B is paused: the one entry being
    // sent is the one whose request the connector holds.
    const sending = await store.outbox.listByStatus('sending');
    assert.equal(sending.length, 1, `one entry in flight: ${sending.map((e) => e.id).join(', ')}`);
    const [held] = sending as [OutboxEntry];
    assert.equal(
      personalConversationId({ aadObjectId: held.recipient?.aadObjectId ?? '', tenantId: '', name: '' }),
      hungConversation,
      "the held request is that entry's",
    );
    assert.equal(held.attempts, 1);
    a.bot.child.kill('SIGKILL');
    await a.bot.exited;
    assert.ok(b.bot.child.kill('SIGCONT'), 'B resumed');
    // B gets every queue message: those A never received at once, those A held (the one
    // it was sending, the ones it had received) when their visibility timeout, the lease,
    // runs out.
    await until(
      'B to finish the fan-out',
      async () => (await store.outbox.count('delivered')) === (await store.outbox.count()),
      20_000,
    );
    const takenOver = await store.outbox.get(held.id);
    assert.equal(takenOver?.attempts, 2, 'B took over the entry A died with');
    assert.ok(
      held.leaseUntil && takenOver.deliveredAt && takenOver.deliveredAt >= held.leaseUntil,
      `the entry A held waited for its lease (${held.leaseUntil}, delivered ${takenOver.deliveredAt})`,
    );
    const queues = azurite.queueService();
    await until(
      'the work queue to empty',
      async () => ((await queues.getQueueClient('pmb-outbox').getProperties()).approximateMessagesCount ?? 0) === 0,
    );
    assert.equal(
      (await queues.getQueueClient('pmb-outbox-poison').getProperties()).approximateMessagesCount,
      0,
      'nothing poisoned',
    );
    const delivered = deliveredSince(mark);
    assert.equal(new Set(delivered).size, delivered.length, `nobody got a message twice: ${delivered.join(', ')}`);
    assert.deepEqual(delivered, ['Lynne Robbins', 'Megan Bowen', 'Nestor Wilke']);
    assert.equal((await store.merges.get(invited.id))?.status, 'completed');
  });
});
