/**
 * Notifications that always arrive: the whole app over HTTP with the connector emulator,
 * the outbox dispatcher running as in production, faults scripted on the connector.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BOT_ID,
  TestBot,
  cardText,
  personalConversationId,
  type ConnectorEmulator,
  type TeamsUser,
} from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';

const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});
const adele = asUser(DEMO.contoso.admin);
const megan = asUser(DEMO.contoso.manager);
const nestor = asUser(DEMO.fabricam.admin);
const lynne = asUser(DEMO.fabricam.manager);
const joni = asUser(DEMO.fabricam.user);
const everyone = [adele, megan, nestor, lynne, joni];
/** A new message, whether sent as a reply to the stored reference or as a new activity. */
const isPost = (c: { kind: string }): boolean => c.kind === 'send' || c.kind === 'reply';

describe('notifications (outbox over HTTP)', () => {
  let bot: TestBot;
  let now: Date;
  afterEach(async () => {
    await bot?.stop();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    now = new Date('2026-11-21T09:00:00Z');
    bot = await TestBot.start({ env, deps: () => ({ clock: () => now }) });
  }

  /** New messages (not updates) each person received since the last call, as "name:kind". */
  function receivedSince(mark: number): string[] {
    return bot.connector.calls
      .slice(mark)
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.status < 300)
      .map((c) => {
        const who = everyone.find((u) => c.conversationId === personalConversationId(u))?.name ?? c.conversationId;
        const body = c.body as { attachments?: Array<{ content: unknown }>; text?: string };
        const card = body.attachments?.[0]?.content;
        const kind = card ? (cardText(card).includes('update for managers') ? 'manager' : 'card') : 'text';
        return `${who}:${kind}`;
      })
      .sort();
  }

  async function installAll(): Promise<void> {
    for (const user of everyone) await bot.install({ user });
    bot.connector.clear();
  }

  async function invite(): Promise<string> {
    await bot.message('start merge', { user: adele });
    await bot.message('3333333', { user: adele });
    await bot.message('yes', { user: adele, extra: { value: { choice: 'confirm' } } });
    await bot.settle();
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    assert.ok(open);
    return open.id;
  }

  it('every event reaches exactly the right people, exactly once', async () => {
    await start();
    await installAll();
    let mark = bot.connector.calls.length;
    const id = await invite();
    const inviteTurn = receivedSince(mark).filter((r) => !r.startsWith('Adele'));
    assert.deepEqual(inviteTurn, ['Lynne Robbins:manager', 'Megan Bowen:manager', 'Nestor Wilke:card']);

    mark = bot.connector.calls.length;
    await bot.cardAction('merge.accept', { mergeId: id }, { user: nestor });
    await bot.settle();
    assert.deepEqual(receivedSince(mark), ['Adele Vance:card', 'Lynne Robbins:manager', 'Megan Bowen:manager']);
    assert.ok(
      bot.connector.updates(personalConversationId(nestor)).length >= 1,
      "Nestor's invitation card now shows the acceptance",
    );

    mark = bot.connector.calls.length;
    await bot.cardAction('merge.confirm', { mergeId: id, acknowledge: 'true' }, { user: adele });
    await bot.settle();
    assert.deepEqual(receivedSince(mark), ['Lynne Robbins:manager', 'Megan Bowen:manager', 'Nestor Wilke:card']);
    // A manager's newest card tells the final state; each earlier one became a short
    // superseded note exactly once (no chat shows the same card twice).
    const meganCards = bot.connector.cards(personalConversationId(megan));
    assert.match(cardText(meganCards.at(-1)), /confirmed the merge/);
    const meganUpdates = bot.connector.updates(personalConversationId(megan));
    assert.equal(meganUpdates.length, 2, 'the invited and the accepted card, once each');
    assert.equal(new Set(meganUpdates.map((u) => u.activityId)).size, 2);
    for (const update of meganUpdates) {
      assert.match(
        cardText((update.body as { attachments: Array<{ content: unknown }> }).attachments[0]!.content),
        /A newer update about this merge is below/,
      );
    }
    // Adele's first card (from the invitation) was superseded by the review card sent on approval, once.
    const adeleUpdates = bot.connector.updates(personalConversationId(adele));
    assert.ok(
      adeleUpdates.some((u) =>
        /A newer card about this merge is below/.test(
          cardText((u.body as { attachments: Array<{ content: unknown }> }).attachments[0]!.content),
        ),
      ),
    );
    assert.equal(
      await bot.app.store.outbox.count('delivered'),
      await bot.app.store.outbox.count(),
      'everything delivered',
    );
    assert.equal(bot.connector.calls.filter((c) => c.status >= 300).length, 0);
  });

  it('a rejection reaches the initiator and the managers with the reason', async () => {
    await start();
    await installAll();
    const id = await invite();
    const mark = bot.connector.calls.length;
    await bot.cardAction('merge.reject', { mergeId: id, reason: 'Timing is wrong' }, { user: nestor });
    await bot.settle();
    assert.deepEqual(receivedSince(mark), ['Adele Vance:card', 'Lynne Robbins:manager', 'Megan Bowen:manager']);
    const toMegan = bot.connector.cards(personalConversationId(megan)).at(-1);
    assert.match(cardText(toMegan), /Nestor Wilke rejected the invitation for Fabricam/);
    assert.match(cardText(toMegan), /Timing is wrong/);
    assert.match(cardText(bot.connector.cards(personalConversationId(adele)).at(-1)), /Timing is wrong/);
  });

  it('sends nothing for a transition that failed', async () => {
    await start();
    await installAll();
    const id = await invite();
    const before = await bot.app.store.outbox.count();
    const mark = bot.connector.calls.length;
    await bot.cardAction('merge.accept', { mergeId: id }, { user: joni });
    await bot.cardAction('merge.reject', { mergeId: id, reason: '' }, { user: nestor });
    await bot.cardAction('merge.confirm', { mergeId: id, acknowledge: 'true' }, { user: adele });
    await bot.settle();
    assert.equal(await bot.app.store.outbox.count(), before);
    assert.deepEqual(receivedSince(mark), []);
  });

  it('honours 429 with Retry-After, then delivers', async () => {
    await start();
    await installAll();
    bot.connector.failNext((c) => isPost(c) && c.conversationId === personalConversationId(nestor), {
      status: 429,
      retryAfterSeconds: 1,
    });
    const id = await invite();
    await bot.connector.waitFor(
      (calls) =>
        calls.some((c) => isPost(c) && c.status === 200 && c.conversationId === personalConversationId(nestor)),
      10_000,
    );
    await bot.settle();
    const toNestor = bot.connector.calls.filter(
      (c) => isPost(c) && c.conversationId === personalConversationId(nestor),
    );
    assert.deepEqual(
      toNestor.map((c) => c.status),
      [429, 200],
      'throttled once, then delivered once',
    );
    // The connector client's throttling policy waits what Retry-After says before the second try.
    assert.ok(
      toNestor[1]!.at - toNestor[0]!.at >= 950,
      `waited ${toNestor[1]!.at - toNestor[0]!.at} ms after Retry-After: 1`,
    );
    const entry = (await bot.app.store.outbox.listByStatus('delivered')).find(
      (e) => e.mergeId === id && e.recipient?.aadObjectId === nestor.aadObjectId,
    );
    assert.ok(entry, 'the outbox entry is delivered');
  });

  /** Moves the clock on and lets the dispatcher run what became due. */
  async function later(ms: number): Promise<void> {
    now = new Date(now.getTime() + ms);
    bot.app.notifications.kick();
    await bot.settle();
  }

  it('retries a failed delivery from the outbox with backoff, honouring Retry-After', async () => {
    await start({ OUTBOX_BASE_DELAY_MS: '50', OUTBOX_MAX_DELAY_MS: '100' });
    await installAll();
    // 412 is not retried by the connector client itself, so the outbox does it.
    bot.connector.failNext((c) => isPost(c) && c.conversationId === personalConversationId(nestor), {
      status: 412,
      retryAfterSeconds: 1,
    });
    bot.connector.failNext((c) => isPost(c) && c.conversationId === personalConversationId(lynne), { status: 412 });
    const id = await invite();
    const retries = bot.logs.filter((l) => l.msg === 'notification will be retried');
    const waits = retries.map((l) => l.retryInMs as number).sort((a, b) => a - b);
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! >= 25 && waits[0]! <= 50, `backoff with jitter within [base/2, base]: ${waits[0]}`);
    assert.equal(waits[1], 1000, 'exactly what Retry-After said');

    await later(60);
    const delivered = () => bot.app.store.outbox.listByStatus('delivered');
    assert.equal(
      (await delivered()).find((e) => e.mergeId === id && e.recipient?.displayName === 'Lynne Robbins')?.attempts,
      2,
    );
    assert.equal(
      (await delivered()).find((e) => e.recipient?.displayName === 'Nestor Wilke'),
      undefined,
      'Nestor waits for Retry-After',
    );
    await later(1000);
    assert.equal(
      (await delivered()).find((e) => e.mergeId === id && e.recipient?.displayName === 'Nestor Wilke')?.attempts,
      2,
    );
    assert.equal(bot.connector.cards(personalConversationId(nestor)).length, 1, 'delivered once');
  });

  it("starts a chat with someone never seen at the service URL of their tenant's conversations, not the global default", async () => {
    // The global default points nowhere; only the tenant's own (regional) service URL works.
    await start({ NOTIFY_SERVICE_URL: 'http://127.0.0.1:9' });
    for (const user of [adele, nestor]) await bot.install({ user });
    bot.connector.clear();
    await invite();
    const created = bot.connector.calls.filter((c) => c.kind === 'createConversation' && c.status < 300);
    assert.equal(created.length, 2, 'one new chat for each manager (Megan of Contoso, Lynne of Fabricam)');
    assert.equal(
      await bot.app.store.outbox.count('delivered'),
      await bot.app.store.outbox.count(),
      'everything delivered',
    );
    assert.deepEqual(
      bot.logs.filter((l) => /will be retried|dead-lettered/.test(String(l.msg))),
      [],
    );
  });

  it('parks someone the connector does not know once, with one log line, and tries nobody twice', async () => {
    await start();
    await bot.install({ user: adele });
    await bot.install({ user: nestor });
    // The Agents Playground answers this for anyone who has not opened it.
    bot.connector.failNext(
      (c) => c.kind === 'createConversation',
      { status: 500, body: { error: { code: 'InternalServerError', message: 'User not found' } } },
      100,
    );
    bot.connector.clear();
    const id = await invite();
    const triedAtInvite = bot.connector.calls.filter((c) => c.kind === 'createConversation').length;
    assert.ok(triedAtInvite >= 2, 'each manager was tried (the connector client repeats a 500 itself)');
    await bot.cardAction('merge.reject', { mergeId: id, reason: 'Not now' }, { user: nestor });
    await bot.settle();
    const parked = await bot.app.store.outbox.listByStatus('parked');
    assert.deepEqual([...new Set(parked.map((e) => e.recipient?.displayName))].sort(), [
      'Lynne Robbins',
      'Megan Bowen',
    ]);
    assert.equal(parked.length, 4, 'two events for each manager');
    const lines = bot.logs.filter((l) => String(l.msg).startsWith('recipient not reachable yet'));
    assert.equal(lines.length, 2, 'one line per person');
    assert.equal(
      bot.connector.calls.filter((c) => c.kind === 'createConversation').length,
      triedAtInvite,
      'nobody waiting was tried again',
    );
    assert.deepEqual(
      bot.logs.filter((l) => /will be retried|dead-lettered/.test(String(l.msg))),
      [],
    );
    // Megan opens the bot: everything waiting for her arrives.
    await bot.install({ user: megan });
    await bot.settle();
    assert.equal((await bot.app.store.outbox.listParkedFor(megan.tenantId, megan.aadObjectId)).length, 0);
  });

  it('records 403/404 (bot removed, conversation gone) without blocking the others', async () => {
    await start();
    await installAll();
    bot.connector.failNext((c) => isPost(c) && c.conversationId === personalConversationId(megan), {
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'bot removed' } },
    });
    bot.connector.failNext((c) => isPost(c) && c.conversationId === personalConversationId(lynne), {
      status: 404,
      body: { error: { code: 'ConversationNotFound', message: 'gone' } },
    });
    await invite();
    const failed = await bot.app.store.outbox.listByStatus('failed');
    assert.deepEqual(failed.map((e) => e.recipient?.displayName).sort(), ['Lynne Robbins', 'Megan Bowen']);
    assert.match(failed.find((e) => e.recipient?.displayName === 'Megan Bowen')?.lastError ?? '', /^403/);
    assert.equal(bot.connector.cards(personalConversationId(nestor)).length, 1, 'the invitation still arrived');
  });

  it('dead-letters after the maximum attempts and says so in the log', async () => {
    await start({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_BASE_DELAY_MS: '10', OUTBOX_MAX_DELAY_MS: '10' });
    await installAll();
    bot.connector.failNext(
      (c) => isPost(c) && c.conversationId === personalConversationId(nestor),
      { status: 412 },
      10,
    );
    await invite();
    await later(20);
    await later(20);
    const dead = await bot.app.store.outbox.listByStatus('dead');
    assert.deepEqual(
      dead.map((e) => [e.recipient?.displayName, e.attempts]),
      [['Nestor Wilke', 3]],
    );
    assert.ok(bot.errorLogs().some((l) => l.msg === 'notification dead-lettered after the maximum attempts'));
    await later(1000);
    assert.equal(
      bot.connector.calls.filter((c) => isPost(c) && c.conversationId === personalConversationId(nestor)).length,
      3,
      'no attempt after the last',
    );
  });

  it('reminds before expiry and tells everyone when an invitation expires', async () => {
    await start();
    await installAll();
    const id = await invite();
    now = new Date(now.getTime() + 11 * 24 * 3600 * 1000);
    let mark = bot.connector.calls.length;
    assert.equal(await bot.app.scheduler.tick(), 1);
    await bot.settle();
    assert.deepEqual(receivedSince(mark), ['Nestor Wilke:card']);
    assert.equal(await bot.app.scheduler.tick(), 0, 'a reminder is sent once');

    now = new Date(now.getTime() + 4 * 24 * 3600 * 1000);
    mark = bot.connector.calls.length;
    assert.equal(await bot.app.scheduler.tick(), 1);
    await bot.settle();
    assert.equal((await bot.app.store.merges.get(id))?.status, 'expired');
    assert.deepEqual(receivedSince(mark), [
      'Adele Vance:text',
      'Lynne Robbins:manager',
      'Megan Bowen:manager',
      'Nestor Wilke:text',
    ]);
  });
});

describe('notifications across a restart', () => {
  let dir: string;
  let connector: ConnectorEmulator;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmb-outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a restart in the middle of a fan-out delivers the rest and duplicates nothing', async () => {
    const env = { STORE: 'lowdb', STORE_PATH: dir, OUTBOX_CONCURRENCY: '1' };
    const first = await TestBot.start({ env });
    connector = first.connector;
    for (const user of everyone) await first.install({ user });
    connector.clear();
    // Hold the connector: the first notification stays in flight while we stop.
    await first.message('start merge', { user: adele });
    await first.message('3333333', { user: adele });
    connector.hold();
    const confirmed = first.message('yes', { user: adele, extra: { value: { choice: 'confirm' } } });
    await connector.waitFor(() => connector.heldCount >= 1);
    // The dialog's own replies are held too; let them through one at a time until a proactive send is held.
    while (!(await first.app.store.outbox.listByStatus('sending')).length) {
      connector.release();
      connector.hold();
      await new Promise((r) => setTimeout(r, 20));
    }
    const stopping = first.app.stop();
    connector.release();
    await confirmed.catch(() => undefined);
    await stopping;
    const othersReached = () =>
      new Set(
        connector.calls
          .filter((c) => isPost(c) && c.status === 200 && c.conversationId !== personalConversationId(adele))
          .map((c) => c.conversationId),
      ).size;
    const beforeRestart = othersReached();
    assert.ok(
      beforeRestart >= 1 && beforeRestart < 3,
      `stopped in the middle of the fan-out (${beforeRestart} of 3 delivered)`,
    );

    // Same data folder, same connector: the second instance finishes the fan-out.
    const second = await TestBot.start({ env: { ...env, NOTIFY_SERVICE_URL: connector.url } });
    const secondConnector = second.connector;
    try {
      // Point the restarted bot's stored conversations at the first emulator: use its URL for all sends.
      await second.settle();
      // Adele's own conversation carries the dialog's replies; count what the others received.
      const sent = [...connector.calls, ...secondConnector.calls].filter(
        (c) => isPost(c) && c.status === 200 && c.conversationId !== personalConversationId(adele),
      );
      const perPerson = new Map<string, number>();
      for (const call of sent)
        perPerson.set(call.conversationId ?? '', (perPerson.get(call.conversationId ?? '') ?? 0) + 1);
      assert.deepEqual(
        [...perPerson.entries()]
          .map(([conversation, n]) => [everyone.find((u) => personalConversationId(u) === conversation)?.name, n])
          .sort(),
        [
          ['Lynne Robbins', 1],
          ['Megan Bowen', 1],
          ['Nestor Wilke', 1],
        ],
      );
      assert.equal(await second.app.store.outbox.count('delivered'), 3);
    } finally {
      await second.stop();
      await connector.stop();
    }
  });
});

describe('conversation references', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
  });

  it('are stored on install and every message, and removed on uninstall', async () => {
    bot = await TestBot.start();
    const person = {
      aadObjectId: DEMO.fabricam.admin.aadObjectId,
      tenantId: DEMO.fabricam.tenantId,
      name: 'Nestor Wilke',
    };
    const stored = () => bot.app.store.conversations.get(person.tenantId, person.aadObjectId);
    await bot.post(bot.activity('installationUpdate', { user: person, extra: { action: 'add' } }));
    assert.equal((await stored())?.displayName, 'Nestor Wilke');
    await bot.message('help', { user: person, locale: 'nl-NL' });
    assert.equal((await stored())?.reference.locale, 'nl-NL', 'kept up to date from messages');
    await bot.post(bot.activity('installationUpdate', { user: person, extra: { action: 'remove' } }));
    assert.equal(await stored(), undefined);
    await bot.install({ user: person });
    assert.ok(await stored(), 'back after a new install');
    await bot.post(bot.activity('conversationUpdate', { user: person, extra: { membersRemoved: [{ id: BOT_ID }] } }));
    assert.equal(await stored(), undefined, 'bot removed from the chat');
  });
});
