/**
 * The merge flow as the three kinds of user live it in Teams: real HTTP to /api/messages,
 * the whole app on the in-memory store with the demo accounts, card clicks as
 * `adaptiveCard/action` invokes, and everything the users see read from the connector.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import type { MergeRequest } from '../../services/model.js';

const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});
const contosoAdmin = asUser(DEMO.contoso.admin);
const contosoUser = asUser(DEMO.contoso.user);
const fabricamAdmin = asUser(DEMO.fabricam.admin);
const fabricamUser = asUser(DEMO.fabricam.user);
const northwindAdmin = asUser(DEMO.northwind.admin);

interface ExecuteAction {
  readonly verb: string;
  readonly data: { readonly mergeId?: string };
}

/** Every Action.Execute on a card, including those inside ShowCard sub-cards. */
function executeActions(card: unknown): ExecuteAction[] {
  const out: ExecuteAction[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && key !== 'refresh' && typeof o.verb === 'string')
      out.push({ verb: o.verb, data: o.data ?? {} });
    for (const [k, v] of Object.entries(o)) if (k !== 'refresh') walk(v, k);
  };
  walk(card);
  return out;
}
const verbsOf = (card: unknown): string[] =>
  executeActions(card)
    .map((a) => a.verb)
    .sort();

describe('merge in Teams (end to end over HTTP)', () => {
  let bot: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-21T09:00:00Z');
    bot = await TestBot.start({ deps: () => ({ clock: () => now }) });
  });
  afterEach(async () => {
    await bot.stop();
  });

  const convo = personalConversationId;
  const cardsIn = (user: TeamsUser) => bot.connector.cards(convo(user));
  const textsIn = (user: TeamsUser) => bot.connector.texts(convo(user));
  const lastCard = (user: TeamsUser) => cardsIn(user).at(-1);
  const merge = async (id: string): Promise<MergeRequest> => {
    const found = await bot.app.store.merges.get(id);
    assert.ok(found, `merge ${id} exists`);
    return found;
  };

  /** Contoso's admin invites `mpnId` through the dialog and confirms the preview. */
  async function invite(mpnId = '3333333', by = contosoAdmin, initiatorMpnId = '1111111'): Promise<string> {
    await bot.message('start merge', { user: by });
    await bot.message(mpnId, { user: by });
    const preview = lastCard(by);
    assert.match(cardText(preview), /Send invitation/, 'the preview offers to send the invitation');
    await bot.message('yes', { user: by, extra: { value: { choice: 'confirm' } } });
    await bot.settle();
    const open = await bot.app.store.merges.findOpenForAccount(initiatorMpnId);
    assert.ok(open, 'an open merge exists');
    return open.id;
  }

  /** The activity id of the newest card delivered to `user` (for replyToId on a click). */
  function lastCardActivityId(user: TeamsUser): string {
    const call = [...bot.connector.calls]
      .reverse()
      .find(
        (c) =>
          c.conversationId === convo(user) &&
          (c.kind === 'send' || c.kind === 'reply') &&
          JSON.stringify(c.body).includes('AdaptiveCard'),
      );
    assert.ok(call?.activityId, `a card was delivered to ${user.name}`);
    return call.activityId;
  }

  it('plays the worked example: Contoso invites Fabricam, Fabricam approves, Contoso confirms', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });

    await bot.message('start merge', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).at(-1)!, /Account admin of Contoso \(1111111\)/);
    await bot.message('3333333', { user: contosoAdmin });
    const preview = cardText(lastCard(contosoAdmin));
    for (const id of ['2222222', '3333333', '4444444', '5555555'])
      assert.match(preview, new RegExp(id), `preview lists location ${id}`);
    assert.match(preview, /irreversible|cannot be undone|can't be undone/i);

    await bot.message('yes', { user: contosoAdmin, extra: { value: { choice: 'confirm' } } });
    await bot.settle();
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    assert.ok(open && open.status === 'invited' && open.invitedMpnId === '3333333');
    assert.match(textsIn(contosoAdmin).at(-1)!, /Invitation sent to Fabricam, for Nestor Wilke\./);

    // Fabricam's admin got the invitation with Approve and Reject.
    const invitation = lastCard(fabricamAdmin);
    assert.deepEqual(
      verbsOf(invitation).filter((v) => v !== 'merge.refresh'),
      ['merge.accept', 'merge.reject'],
    );
    assert.ok(executeActions(invitation).every((a) => a.data.mergeId === open.id));
    assert.match(cardText(invitation), /Contoso/);

    // Approve on the card.
    const approve = await bot.cardAction(
      'merge.accept',
      { mergeId: open.id },
      { user: fabricamAdmin, replyToId: lastCardActivityId(fabricamAdmin) },
    );
    assert.equal(approve.status, 200);
    const approved = approve.json as { statusCode: number; type: string; value: unknown };
    assert.equal(approved.statusCode, 200);
    assert.equal(approved.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(
      verbsOf(approved.value).filter((v) => v !== 'merge.refresh'),
      [],
      'no decision buttons left for Fabricam',
    );
    assert.equal((await merge(open.id)).status, 'accepted');
    await bot.settle();

    // Contoso's admin gets the confirm card, and the original status card was updated in place.
    const confirmCard = lastCard(contosoAdmin);
    assert.ok(verbsOf(confirmCard).includes('merge.confirm'));
    assert.ok(verbsOf(confirmCard).includes('merge.cancel'));
    assert.ok(bot.connector.updates(convo(contosoAdmin)).length >= 1, 'the status card was updated in place');

    const confirm = await bot.cardAction(
      'merge.confirm',
      { mergeId: open.id, acknowledge: 'true' },
      { user: contosoAdmin, replyToId: lastCardActivityId(contosoAdmin) },
    );
    const completed = (confirm.json as { value: unknown }).value;
    assert.equal((await merge(open.id)).status, 'completed');
    await bot.settle();
    const completedText = cardText(completed);
    assert.match(completedText, /bank and tax/i, 'post-merge advice');

    // The merged account is the article's outcome.
    const pga = await bot.app.store.accounts.get('1111111');
    assert.ok(pga);
    assert.equal(pga.companyName, 'Contoso');
    assert.deepEqual(pga.locations.map((l) => l.mpnId).sort(), ['2222222', '3333333', '4444444', '5555555']);
    assert.deepEqual(pga.tenants.flatMap((t) => t.domains).sort(), ['contoso.com', 'fabricam.com']);
    assert.equal(pga.competencies.length, 3);
    for (const id of ['1111111', '2222222', '3333333', '4444444', '5555555'])
      assert.match(completedText, new RegExp(id));

    // Fabricam's admin learns it too, and both sides see it in the history.
    assert.ok(cardsIn(fabricamAdmin).length >= 2, 'Fabricam got the completed card');
    bot.connector.clear();
    await bot.message('history', { user: contosoAdmin });
    const history = cardText(lastCard(contosoAdmin));
    assert.match(history, /Fabricam/);
    assert.match(history, /Merged/);
    await bot.message(`history ${open.id}`, { user: contosoAdmin });
    const audit = cardText(lastCard(contosoAdmin));
    assert.match(audit, /Adele Vance invited Fabricam to merge/);
    assert.match(audit, /Nestor Wilke accepted the merge/);
    assert.match(audit, /Adele Vance confirmed; the accounts were merged/);
  });

  it('rejection with a reason reaches the initiator; without a reason it is refused', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    const id = await invite();

    const noReason = await bot.cardAction('merge.reject', { mergeId: id, reason: '   ' }, { user: fabricamAdmin });
    assert.match(cardText((noReason.json as { value: unknown }).value), /Please give a reason for rejecting the merge/);
    assert.equal((await merge(id)).status, 'invited', 'nothing changed');

    const reject = await bot.cardAction(
      'merge.reject',
      { mergeId: id, reason: 'We are not ready [yet](https://evil.example)' },
      { user: fabricamAdmin },
    );
    assert.equal((reject.json as { statusCode: number }).statusCode, 200);
    const stored = await merge(id);
    assert.equal(stored.status, 'rejected');
    await bot.settle();
    assert.equal(stored.status === 'rejected' ? stored.reason : '', 'We are not ready [yet](https://evil.example)');
    const toInitiator = cardText(lastCard(contosoAdmin));
    assert.match(toInitiator, /We are not ready/);
    assert.ok(!toInitiator.includes('[yet](https://evil.example)'), 'the reason cannot become a link');
  });

  it('a Fabricam user who is not an Account admin cannot approve: read-only card, nothing changes', async () => {
    const id = await invite();
    const res = await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamUser });
    const card = (res.json as { value: unknown }).value;
    assert.deepEqual(
      verbsOf(card).filter((v) => v !== 'merge.refresh'),
      [],
    );
    assert.match(cardText(card), /Only an Account admin of Fabricam/);
    assert.equal((await merge(id)).status, 'invited');
    assert.equal((await merge(id)).audit.length, 1);
  });

  it("a Contoso admin cannot approve on Fabricam's behalf, whatever the card says", async () => {
    const id = await invite();
    const res = await bot.cardAction(
      'merge.accept',
      { mergeId: id, accountAdminOf: ['3333333'], side: 'invited' },
      { user: contosoAdmin },
    );
    const card = (res.json as { value: unknown }).value;
    assert.ok(!verbsOf(card).includes('merge.accept'));
    assert.equal((await merge(id)).status, 'invited');
  });

  it('a double click approves once; the second click shows the current card', async () => {
    const id = await invite();
    const [first, second] = await Promise.all([
      bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin }),
      bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin }),
    ]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const stored = await merge(id);
    assert.equal(stored.status, 'accepted');
    assert.equal(stored.audit.filter((a) => a.action === 'accepted').length, 1, 'one transition');
    const replay = await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin });
    assert.match(cardText((replay.json as { value: unknown }).value), /already accepted/);
    assert.equal((await merge(id)).version, stored.version, 'a replay writes nothing');
  });

  it('approve after cancel is refused, and the invited admin is told about the cancellation', async () => {
    await bot.install({ user: fabricamAdmin });
    const id = await invite();
    const cancel = await bot.cardAction('merge.cancel', { mergeId: id }, { user: contosoAdmin });
    assert.equal((cancel.json as { statusCode: number }).statusCode, 200);
    assert.equal((await merge(id)).status, 'cancelled');
    await bot.settle();
    assert.match(textsIn(fabricamAdmin).at(-1)!, /Contoso cancelled the invitation to merge with Fabricam/);
    const approve = await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin });
    assert.match(cardText((approve.json as { value: unknown }).value), /already cancelled/);
    assert.equal((await merge(id)).status, 'cancelled');
  });

  it('refuses a confirm without the "cannot be undone" acknowledgement, and changes nothing', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    const id = await invite();
    await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin });
    await bot.settle();
    for (const data of [
      { mergeId: id },
      { mergeId: id, acknowledge: 'false' },
      { mergeId: id, acknowledge: true },
      { mergeId: id, acknowledge: 'TRUE ' },
    ]) {
      const outboxBefore = await bot.app.store.outbox.count();
      const res = await bot.cardAction('merge.confirm', data, { user: contosoAdmin });
      assert.equal(res.status, 200);
      const card = (res.json as { value: unknown }).value;
      assert.match(
        cardText(card),
        /tick "I understand this merge cannot be undone" first\\?\. Nothing was changed\\?\./,
        JSON.stringify(data),
      );
      assert.equal((await merge(id)).status, 'accepted', JSON.stringify(data));
      assert.equal(await bot.app.store.outbox.count(), outboxBefore, 'no notification for a refused confirm');
    }
    await bot.cardAction('merge.confirm', { mergeId: id, acknowledge: 'true' }, { user: contosoAdmin });
    assert.equal((await merge(id)).status, 'completed');
  });

  it('answers a click with the card in place and does not redraw that card again; cards behind get redrawn', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    const id = await invite();
    const invitationCard = lastCardActivityId(fabricamAdmin);
    const updatesOf = (activityId: string) =>
      bot.connector.calls.filter((c) => c.kind === 'update' && c.activityId === activityId && c.status < 300);
    await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin, replyToId: invitationCard });
    await bot.settle();
    // The invoke response showed Fabricam the accepted card: no second drawing of it.
    assert.equal(updatesOf(invitationCard).length, 0, 'the clicked card is not updated again through the connector');
    assert.equal(
      (await bot.app.store.sentCards.listForMerge(id)).find((c) => c.activityId === invitationCard)?.shows,
      (await merge(id)).version,
      'recorded as showing the decided merge',
    );

    // Contoso confirms on its new card: Fabricam's card (still showing "accepted") is behind now.
    const confirmCard = lastCardActivityId(contosoAdmin);
    await bot.cardAction(
      'merge.confirm',
      { mergeId: id, acknowledge: 'true' },
      { user: contosoAdmin, replyToId: confirmCard },
    );
    await bot.settle();
    assert.equal(updatesOf(confirmCard).length, 0, 'the confirm click is answered in place only');
    assert.equal(
      updatesOf(invitationCard).length,
      1,
      'the card behind is drawn once more (as superseded by the completed card)',
    );
    assert.match(cardText(lastCard(fabricamAdmin)), /merged/i);
  });

  it("answers Teams' refresh of a superseded card with the note, and of the live card with the card", async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    const id = await invite();
    const preview = lastCardActivityId(contosoAdmin);
    await bot.cardAction(
      'merge.accept',
      { mergeId: id },
      { user: fabricamAdmin, replyToId: lastCardActivityId(fabricamAdmin) },
    );
    await bot.settle();
    // Contoso got the review card; the preview it clicked earlier is superseded by it.
    const review = lastCardActivityId(contosoAdmin);
    assert.notEqual(review, preview);
    const refresh = async (replyToId: string) => {
      const res = await bot.cardAction('merge.refresh', { mergeId: id }, { user: contosoAdmin, replyToId });
      assert.equal(res.status, 200);
      return cardText((res.json as { value: unknown }).value);
    };
    assert.match(await refresh(preview), /A newer card about this merge is below/);
    const live = await refresh(review);
    assert.doesNotMatch(live, /A newer card about this merge is below/);
    assert.match(live, /Confirm merge/);
  });

  it('a card drawn before a decision and delivered after it catches up at once', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    await bot.message('start merge', { user: contosoAdmin });
    await bot.message('3333333', { user: contosoAdmin });
    // The invitation card to Nestor is slow to go out; Adele cancels while it is on its way.
    bot.connector.failNext(
      (c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === convo(fabricamAdmin),
      { status: 200, delayMs: 1000, passThrough: true },
    );
    await bot.message('yes', { user: contosoAdmin, extra: { value: { choice: 'confirm' } } });
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    assert.ok(open);
    for (
      let i = 0;
      i < 100 && !(await bot.app.store.outbox.listByStatus('sending')).some((e) => e.kind === 'mergeCard');
      i++
    )
      await new Promise((done) => setTimeout(done, 10));
    await bot.cardAction(
      'merge.cancel',
      { mergeId: open.id },
      { user: contosoAdmin, replyToId: lastCardActivityId(contosoAdmin) },
    );
    await bot.settle();
    assert.equal((await merge(open.id)).status, 'cancelled');
    const invitation = lastCardActivityId(fabricamAdmin);
    assert.deepEqual(
      verbsOf(lastCard(fabricamAdmin)).filter((v) => v !== 'merge.refresh'),
      ['merge.accept', 'merge.reject'],
      'the card went out as drawn, with the buttons',
    );
    const redrawn = bot.connector.calls.filter(
      (c) => c.kind === 'update' && c.activityId === invitation && c.status < 300,
    );
    assert.equal(redrawn.length, 1, 'and was redrawn once, right after it was delivered');
    const shown = (redrawn[0]!.body as { attachments: Array<{ content: unknown }> }).attachments[0]!.content;
    assert.deepEqual(
      verbsOf(shown).filter((v) => v !== 'merge.refresh'),
      [],
      'no buttons on a cancelled merge',
    );
    assert.match(cardText(shown), /cancel/i);
  });

  it('sends no card that depends on msteams imBack/messageBack, and no conversation shows the same card twice', async () => {
    await bot.install({ user: fabricamAdmin });
    await bot.install({ user: contosoAdmin });
    for (const text of ['help', 'check domain', 'cancel', 'history']) await bot.message(text, { user: contosoAdmin });
    const id = await invite();
    await bot.cardAction(
      'merge.accept',
      { mergeId: id },
      { user: fabricamAdmin, replyToId: lastCardActivityId(fabricamAdmin) },
    );
    await bot.settle();
    await bot.cardAction(
      'merge.confirm',
      { mergeId: id, acknowledge: 'true' },
      { user: contosoAdmin, replyToId: lastCardActivityId(contosoAdmin) },
    );
    await bot.settle();
    await bot.message('history', { user: contosoAdmin });
    await bot.message(`history ${id}`, { user: fabricamAdmin });
    // Every activity as the person finally sees it: the last send or update of each id.
    const shown = new Map<string, { conversationId: string; content: string }>();
    for (const call of bot.connector.calls) {
      if (
        (call.kind !== 'send' && call.kind !== 'reply' && call.kind !== 'update') ||
        call.status >= 300 ||
        !call.activityId ||
        !call.conversationId
      )
        continue;
      const attachments = (call.body as { attachments?: Array<{ content: unknown }> }).attachments ?? [];
      if (attachments.length === 0) continue;
      const content = JSON.stringify(attachments.map((a) => a.content));
      assert.doesNotMatch(content, /"msteams"/i, 'no card carries msteams data');
      shown.set(call.activityId, { conversationId: call.conversationId, content });
    }
    assert.ok(shown.size >= 8, `${shown.size} cards`);
    const perConversation = new Map<string, string[]>();
    for (const { conversationId, content } of shown.values())
      perConversation.set(conversationId, [...(perConversation.get(conversationId) ?? []), content]);
    for (const [conversationId, contents] of perConversation) {
      assert.equal(new Set(contents).size, contents.length, `no identical card twice in ${conversationId}`);
    }
  });

  it('refuses a reason made only of invisible characters over HTTP, and changes nothing', async () => {
    await bot.install({ user: fabricamAdmin });
    const id = await invite();
    for (const reason of ['\u200B\u200B', '\u202E\u2066 \u2069\u202C', '\uFEFF\n\t ']) {
      const outboxBefore = await bot.app.store.outbox.count();
      const res = await bot.cardAction('merge.reject', { mergeId: id, reason }, { user: fabricamAdmin });
      assert.match(cardText((res.json as { value: unknown }).value), /Please give a reason for rejecting the merge/);
      const after = await merge(id);
      assert.equal(after.status, 'invited');
      assert.equal(after.audit.length, 1);
      assert.equal(await bot.app.store.outbox.count(), outboxBefore);
    }
    await bot.cardAction(
      'merge.reject',
      { mergeId: id, reason: '\u200BNot\u200B   now\u202E' },
      { user: fabricamAdmin },
    );
    const rejected = await merge(id);
    assert.ok(
      rejected.status === 'rejected' && rejected.reason === 'Not now',
      'the stored reason is the normalised one',
    );
  });

  it('an expired invitation cannot be approved', async () => {
    const id = await invite();
    now = new Date(now.getTime() + 15 * 24 * 3600 * 1000);
    const approve = await bot.cardAction('merge.accept', { mergeId: id }, { user: fabricamAdmin });
    assert.match(cardText((approve.json as { value: unknown }).value), /expired/i);
    assert.notEqual((await merge(id)).status, 'accepted');
  });

  it('explains refused MPN IDs at the prompt: location, own, unknown, garbage', async () => {
    await bot.message('start merge', { user: contosoAdmin });
    const cases: Array<[string, RegExp]> = [
      [
        '4444444',
        /4444444 is a location Partner ID of Fabricam\. A merge needs the global Partner ID \(MPN ID\): use 3333333\..*Partner profile/,
      ],
      ['1111111', /can't merge your account with itself/],
      ['2222222', /can't merge your account with itself/],
    ];
    for (const [input, expected] of cases) {
      bot.connector.clear();
      await bot.message(input, { user: contosoAdmin });
      assert.match(textsIn(contosoAdmin).join('\n'), expected, input);
      assert.equal(await bot.app.store.merges.count(), 0);
    }
    // Third failure ends the dialog politely.
    assert.match(textsIn(contosoAdmin).join('\n'), /I could not use any of those Partner IDs, so I stopped/);

    bot.connector.clear();
    await bot.message('start merge 9999999', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).join('\n'), /I don't know a partner account with Partner ID 9999999/);
    bot.connector.clear();
    await bot.message('abc', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).join('\n'), /"abc" is not a valid Partner ID/);
    assert.equal(await bot.app.store.merges.count(), 0, 'nothing was written');
  });

  it('refuses a second open merge on either side', async () => {
    await invite();
    bot.connector.clear();
    await bot.message('start merge', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).join('\n'), /Contoso \(1111111\) already has an open merge/);
    await bot.message('start merge 3333333', { user: northwindAdmin });
    assert.match(textsIn(northwindAdmin).join('\n'), /Fabricam \(3333333\) already has an open merge/);
    assert.equal(await bot.app.store.merges.count(), 1);
  });

  it('explains who can start a merge to a user who is not an Account admin', async () => {
    await bot.message('start merge', { user: contosoUser });
    assert.match(textsIn(contosoUser).join('\n'), /Only an Account admin/);
  });

  it('parks the invitation of an admin who has not installed the bot, and delivers it when they open it', async () => {
    // Teams refuses to create a conversation with a user who has not installed the app.
    bot.connector.failNext(
      (c) => c.kind === 'createConversation',
      { status: 403, body: { error: { code: 'Forbidden', message: 'bot not installed' } } },
      100,
    );
    const id = await invite();
    assert.match(textsIn(contosoAdmin).at(-1)!, /None of its Account admins has the bot installed yet/);
    assert.equal(cardsIn(fabricamAdmin).length, 0);
    const parked = await bot.app.store.outbox.listParkedFor(DEMO.fabricam.tenantId, DEMO.fabricam.admin.aadObjectId);
    assert.deepEqual(
      parked.map((e) => [e.mergeId, e.kind]),
      [[id, 'mergeCard']],
    );
    await bot.install({ user: fabricamAdmin });
    await bot.settle();
    const delivered = cardsIn(fabricamAdmin).filter((c) => verbsOf(c).includes('merge.accept'));
    assert.equal(delivered.length, 1, 'the invitation arrived');
    assert.deepEqual(
      await bot.app.store.outbox.listParkedFor(DEMO.fabricam.tenantId, DEMO.fabricam.admin.aadObjectId),
      [],
    );
    assert.equal(await bot.app.store.outbox.count('parked'), 2, 'the managers, who never opened the bot, still wait');
  });

  it('refresh shows each viewer their own view and never changes state', async () => {
    const id = await invite();
    const asAdmin = await bot.cardAction(
      'merge.refresh',
      { mergeId: id },
      { user: fabricamAdmin, trigger: 'automatic' },
    );
    assert.ok(verbsOf((asAdmin.json as { value: unknown }).value).includes('merge.accept'));
    const asOutsider = await bot.cardAction(
      'merge.refresh',
      { mergeId: id },
      { user: northwindAdmin, trigger: 'automatic' },
    );
    assert.deepEqual(verbsOf((asOutsider.json as { value: unknown }).value), []);
    const bad = await bot.cardAction('merge.refresh', { mergeId: '../../etc' }, { user: fabricamAdmin });
    assert.equal((bad.json as { statusCode: number }).statusCode, 400);
    // Clients show an invoke error's message as plain text: no markdown in it.
    assert.equal(
      (bad.json as { value: { message: string } }).value.message,
      'This card does not refer to a valid merge request. Type history to see your merges.',
    );
    // A merge that does not exist gets exactly the outsider's answer: nobody learns which ids exist.
    const missing = await bot.cardAction('merge.refresh', { mergeId: 'nope' }, { user: fabricamAdmin });
    assert.equal((missing.json as { statusCode: number }).statusCode, 200);
    assert.deepEqual((missing.json as { value: unknown }).value, (asOutsider.json as { value: unknown }).value);
    assert.equal((await merge(id)).version, 1);
  });

  it('refuses card actions from an activity without a user id', async () => {
    const id = await invite();
    const res = await bot.post(
      bot.activity('invoke', {
        user: fabricamAdmin,
        extra: {
          from: { id: '29:x' },
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'merge.accept', data: { mergeId: id } } },
        },
      }),
    );
    assert.equal((res.json as { statusCode: number }).statusCode, 401);
    assert.equal((await merge(id)).status, 'invited');
  });
});
