/**
 * The managers list as people live it in Teams: real HTTP to /api/messages, the whole app
 * on the in-memory store with the demo accounts, typed commands, card clicks as
 * `adaptiveCard/action` invokes, and everything people see read from the connector.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, inviteThroughChat, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO, DEMO_PEOPLE } from '../../services/demo/demoData.js';
import { WATCHER_VERBS } from '../../cards/watchers.js';
import { put } from '../../services/store/types.js';
import { validateCard } from '../cards/validate.js';
import type { PartnerAccount } from '../../services/model.js';

const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});
const demoPerson = (upn: string) => {
  const found = DEMO_PEOPLE.find((p) => p.upn === upn);
  assert.ok(found, `${upn} is a demo person`);
  return found;
};
const contosoAdmin = asUser(DEMO.contoso.admin);
const contosoUser = asUser(DEMO.contoso.user);
const megan = asUser(DEMO.contoso.manager);
const fabricamAdmin = asUser(DEMO.fabricam.admin);
const patti = asUser(demoPerson('patti.fernandez@contoso.com'));
const johanna = asUser(demoPerson('johanna.lorenz@contoso.com'));
const CONTOSO = DEMO.contoso.globalMpnId;

interface Invoked {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}

/** The Action.Execute actions of a card (ShowCard sub-cards included), with their data. */
function executeActions(card: unknown): Array<{ verb: string; title: string; data: Record<string, unknown> }> {
  const out: Array<{ verb: string; title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string')
      out.push({
        verb: o.verb,
        title: typeof o.title === 'string' ? o.title : '',
        data: (o.data ?? {}) as Record<string, unknown>,
      });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('managers list in Teams (end to end over HTTP)', () => {
  let bot: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-01T09:00:00Z');
    bot = await TestBot.start({ deps: () => ({ clock: () => now }) });
  });
  afterEach(async () => {
    await bot.stop();
  });

  const convo = personalConversationId;
  const lastCard = (user: TeamsUser) => bot.connector.cards(convo(user)).at(-1);
  const textsIn = (user: TeamsUser) => bot.connector.texts(convo(user));
  const contoso = async (): Promise<PartnerAccount> => {
    const account = await bot.app.store.accounts.get(CONTOSO);
    assert.ok(account);
    return account;
  };
  const watcherNames = async () => (await contoso()).watchers.map((w) => w.displayName).sort();
  const click = async (verb: string, data: Record<string, unknown>, user: TeamsUser): Promise<Invoked> => {
    const res = await bot.cardAction(verb, data, { user });
    assert.equal(res.status, 200);
    return res.json as Invoked;
  };

  it('the admin lists, adds by typing and by the people picker, and removes; the added get a welcome card', async () => {
    for (const user of [contosoAdmin, megan, patti, johanna, contosoUser]) await bot.install({ user });
    await bot.message('managers', { user: contosoAdmin });
    const list = lastCard(contosoAdmin);
    assert.deepEqual(validateCard(list), []);
    const text = cardText(list);
    assert.match(text, /Merge notifications/);
    assert.match(text, /Megan Bowen/);
    assert.match(text, /megan\.bowen@contoso\.com/);
    assert.match(text, /Added by the operator/);
    assert.match(text, /Entra managers are not told/);
    const removeMegan = executeActions(list).find(
      (a) => a.verb === WATCHER_VERBS.remove && a.data.aadObjectId === megan.aadObjectId,
    );
    assert.ok(removeMegan, 'a Remove button for Megan');
    assert.ok(
      executeActions(list).some((a) => a.verb === WATCHER_VERBS.add && a.data.accountMpnId === CONTOSO),
      'an Add form',
    );
    assert.match(
      JSON.stringify(list),
      /"choices\.data":\{"type":"Data\.Query","dataset":"graph\.microsoft\.com\/users"\}/,
      'the people picker',
    );

    // Typed: a Contoso user, found among the account's own users.
    await bot.message('add manager pradeep.gupta@contoso.com', { user: contosoAdmin });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      "Done: Pradeep Gupta now gets the merge notifications of Contoso. I'm sending them a short welcome message.",
    );
    // The people picker: two Contoso people from the directory, by Entra object id.
    const picked = await click(
      WATCHER_VERBS.add,
      { accountMpnId: CONTOSO, people: `${patti.aadObjectId},${johanna.aadObjectId}`, address: '' },
      contosoAdmin,
    );
    assert.equal(picked.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(picked.value), /Added: Patti Fernandez, Johanna Lorenz/);
    assert.deepEqual(await watcherNames(), ['Johanna Lorenz', 'Megan Bowen', 'Patti Fernandez', 'Pradeep Gupta']);
    const added = (await contoso()).watchers.find((w) => w.aadObjectId === patti.aadObjectId);
    assert.deepEqual(added?.addedBy, {
      aadObjectId: contosoAdmin.aadObjectId,
      tenantId: contosoAdmin.tenantId,
      displayName: 'Adele Vance',
    });
    assert.equal(added?.addedAt, now.toISOString());

    // Remove Megan with her button.
    const removed = await click(WATCHER_VERBS.remove, removeMegan.data, contosoAdmin);
    assert.match(cardText(removed.value), /Removed: Megan Bowen/);
    assert.doesNotMatch(cardText(removed.value), /megan\.bowen/);
    assert.deepEqual(await watcherNames(), ['Johanna Lorenz', 'Patti Fernandez', 'Pradeep Gupta']);

    await bot.settle();
    for (const person of [patti, johanna, contosoUser]) {
      const welcome = lastCard(person);
      assert.deepEqual(validateCard(welcome), []);
      assert.match(cardText(welcome), /You'll hear about merges of Contoso/);
      assert.match(cardText(welcome), /Adele Vance added you/);
      assert.ok(
        executeActions(welcome).some((a) => a.verb === WATCHER_VERBS.stop && a.title === 'Stop these notifications'),
      );
    }
    assert.match(
      textsIn(megan).at(-1) ?? '',
      /Adele Vance removed you from the people who are told about merges of Contoso/,
    );
    assert.equal(
      bot.connector.cards(convo(contosoAdmin)).filter((c) => /You'll hear about merges/.test(cardText(c))).length,
      0,
      'the admin got no notification of their own changes',
    );

    // Each change is in the account's trail and in `history`.
    const audit = (await contoso()).audit ?? [];
    assert.deepEqual(
      audit.map((e) => [e.action, 'watcher' in e ? e.watcher.displayName : '']),
      [
        ['watcher-added', 'Pradeep Gupta'],
        ['watcher-added', 'Patti Fernandez'],
        ['watcher-added', 'Johanna Lorenz'],
        ['watcher-removed', 'Megan Bowen'],
      ],
    );
    await bot.message('history', { user: contosoAdmin });
    const history = cardText(lastCard(contosoAdmin));
    assert.match(history, /Account changes/);
    assert.match(history, /Adele Vance removed Megan Bowen from the notification list/);
    assert.match(history, /Adele Vance added Patti Fernandez to the notification list/);
    assert.deepEqual(bot.errorLogs(), []);
  });

  it('added managers get the manager card of every event of the worked example', async () => {
    for (const user of [contosoAdmin, fabricamAdmin, patti]) await bot.install({ user });
    const installed = bot.connector.cards(convo(patti)).length;
    await click(WATCHER_VERBS.add, { accountMpnId: CONTOSO, people: patti.aadObjectId }, contosoAdmin);
    await bot.settle();
    assert.equal(bot.connector.cards(convo(patti)).length, installed + 1, 'the welcome card');

    const mergeId = await inviteThroughChat(bot, contosoAdmin);
    await click('merge.accept', { mergeId }, fabricamAdmin);
    await bot.settle();
    await click('merge.confirm', { mergeId, acknowledge: 'true' }, contosoAdmin);
    await bot.settle();

    const cards = bot.connector.cards(convo(patti));
    const managerCards = cards.slice(installed + 1).map(cardText);
    assert.equal(managerCards.length, 3, 'invited, accepted, completed');
    assert.match(managerCards[0] ?? '', /Adele Vance invited Fabricam to merge/);
    assert.match(managerCards[1] ?? '', /Nestor Wilke accepted the invitation for Fabricam/);
    assert.match(managerCards[2] ?? '', /Status: Merged/);
    const delivered = await bot.app.store.outbox.listByStatus('delivered');
    assert.equal(
      delivered.filter((e) => e.kind === 'managerCard' && e.recipient?.aadObjectId === patti.aadObjectId).length,
      3,
      'through the outbox, like imported managers',
    );
  });

  it("Fabricam's admin and a Contoso user without the Account admin role cannot change Contoso's list", async () => {
    const before = await contoso();
    // Fabricam's admin: the same answer as for an account that does not exist.
    const forged = await bot.cardAction(
      WATCHER_VERBS.add,
      { accountMpnId: CONTOSO, address: 'nestor.wilke@fabricam.com' },
      { user: fabricamAdmin },
    );
    assert.equal((forged.json as Invoked).statusCode, 404);
    assert.doesNotMatch(JSON.stringify(forged.json), /Megan/);
    const forgedRemove = await bot.cardAction(
      WATCHER_VERBS.remove,
      { accountMpnId: CONTOSO, aadObjectId: megan.aadObjectId, tenantId: megan.tenantId },
      { user: fabricamAdmin },
    );
    assert.equal((forgedRemove.json as Invoked).statusCode, 404);
    // Typed, Fabricam's admin changes Fabricam's own list only.
    await bot.message('add manager megan.bowen@contoso.com', { user: fabricamAdmin });
    assert.match(
      textsIn(fabricamAdmin).at(-1) ?? '',
      /couldn't find megan\.bowen@contoso\.com among the users of Fabricam/,
    );

    // A Contoso user reads the list but has no buttons, and a click changes nothing.
    await bot.message('managers', { user: contosoUser });
    const readOnly = lastCard(contosoUser);
    assert.match(cardText(readOnly), /Megan Bowen/);
    assert.match(cardText(readOnly), /Only an Account admin of Contoso can change this list/);
    assert.deepEqual(executeActions(readOnly), []);
    const refused = await click(
      WATCHER_VERBS.remove,
      { accountMpnId: CONTOSO, aadObjectId: megan.aadObjectId, tenantId: megan.tenantId },
      contosoUser,
    );
    assert.match(cardText(refused.value), /Only an Account admin of Contoso \(1111111\) can do this/);
    await bot.message('add manager patti.fernandez@contoso.com', { user: contosoUser });
    assert.equal(textsIn(contosoUser).at(-1), 'Only an Account admin of Contoso (1111111) can do this.');

    // Someone outside every account sees nothing.
    await bot.message('managers', { user: asUser(DEMO.northwind.admin) });
    assert.doesNotMatch(JSON.stringify(bot.connector.cards(convo(asUser(DEMO.northwind.admin)))), /Megan/);
    assert.equal((await contoso()).version, before.version, 'nothing was written');
  });

  it('an unknown address, a duplicate and the limit each get a clear answer and change nothing', async () => {
    const before = await contoso();
    await bot.message('add manager nobody@contoso.com', { user: contosoAdmin });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      "I couldn't find nobody@contoso.com among the users of Contoso or in your organization's directory. Check the spelling, or pick the person on the card. Nothing was changed.",
    );
    await bot.message('add manager not an address', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).at(-1) ?? '', /"not an address" is not a user name or e-mail address/);
    await bot.message('add manager megan.bowen@contoso.com', { user: contosoAdmin });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      'Megan Bowen already gets the merge notifications of Contoso. Nothing was changed.',
    );
    const duplicate = await click(
      WATCHER_VERBS.add,
      { accountMpnId: CONTOSO, people: megan.aadObjectId },
      contosoAdmin,
    );
    assert.match(cardText(duplicate.value), /Megan Bowen already gets the merge notifications of Contoso/);
    await bot.message('remove manager lee.gu@contoso.com', { user: contosoAdmin });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      'That person is not on the notification list of Contoso. Nothing was changed.',
    );
    assert.equal((await contoso()).version, before.version, 'nothing was written');

    // Fill the list to the limit, then one more.
    const full = Array.from({ length: 50 }, (_, i) => ({
      aadObjectId: `c0c0c0c0-0000-4000-8000-${String(900 + i).padStart(12, '0')}`,
      tenantId: DEMO.contoso.tenantId,
      displayName: `Manager ${i + 1}`,
    }));
    await bot.app.store.commit([put('account', { ...before, watchers: full })]);
    const atLimit = await contoso();
    await bot.message('add manager patti.fernandez@contoso.com', { user: contosoAdmin });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      'Contoso already has 50 people on its notification list, the most it can have. Remove someone first.',
    );
    assert.equal((await contoso()).version, atLimit.version);
    assert.equal(await bot.app.store.outbox.count(), 0, 'no welcome card was queued');
    await bot.message('managers', { user: contosoAdmin });
    assert.match(cardText(lastCard(contosoAdmin)), /50 of at most 50 people\./);
    assert.match(cardText(lastCard(contosoAdmin)), /And 25 more, not shown here/);
  });

  it('"Stop these notifications" removes the person and tells the admins once', async () => {
    for (const user of [contosoAdmin, patti]) await bot.install({ user });
    await click(WATCHER_VERBS.add, { accountMpnId: CONTOSO, people: patti.aadObjectId }, contosoAdmin);
    await bot.settle();
    const stopButton = executeActions(lastCard(patti)).find((a) => a.verb === WATCHER_VERBS.stop);
    assert.ok(stopButton);
    const stopped = await click(stopButton.verb, stopButton.data, patti);
    assert.match(cardText(stopped.value), /You no longer get the merge notifications of Contoso/);
    assert.deepEqual(executeActions(stopped.value), [], 'no button left');
    assert.deepEqual(await watcherNames(), ['Megan Bowen']);
    await bot.settle();
    const told = textsIn(contosoAdmin).filter((t) =>
      /Patti Fernandez stopped the merge notifications of Contoso/.test(t),
    );
    assert.equal(told.length, 1);

    // A second click (or a replay) changes nothing and tells nobody again.
    const again = await click(stopButton.verb, stopButton.data, patti);
    assert.match(cardText(again.value), /You are no longer on the notification list of Contoso/);
    await bot.settle();
    assert.equal(textsIn(contosoAdmin).filter((t) => /stopped the merge notifications/.test(t)).length, 1);
    assert.equal((await contoso()).audit?.filter((e) => e.action === 'watcher-stopped').length, 1);

    // A manager may stop from the list card too; Megan reads the list as a watcher.
    await bot.message('managers', { user: megan });
    const fromList = executeActions(lastCard(megan)).find((a) => a.verb === WATCHER_VERBS.stop);
    assert.ok(fromList, 'Megan sees "Stop my notifications"');
    assert.match(cardText(lastCard(megan)), /Megan Bowen \(you\)/);
    await click(fromList.verb, fromList.data, megan);
    assert.deepEqual(await watcherNames(), []);
  });

  it('answers in Dutch', async () => {
    await bot.message('managers tonen', { user: contosoAdmin, locale: 'nl-NL' });
    const list = lastCard(contosoAdmin);
    assert.match(cardText(list), /Meldingen over samenvoegingen/);
    assert.match(cardText(list), /Toegevoegd door de beheerder van de bot/);
    await bot.message('manager toevoegen patti.fernandez@contoso.com', { user: contosoAdmin, locale: 'nl-NL' });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      'Gedaan: Patti Fernandez krijgt nu de meldingen over samenvoegingen van Contoso. Ik stuur een kort welkomstbericht.',
    );
    await bot.message('manager verwijderen patti.fernandez@contoso.com', { user: contosoAdmin, locale: 'nl-NL' });
    assert.equal(
      textsIn(contosoAdmin).at(-1),
      'Gedaan: Patti Fernandez krijgt de meldingen over samenvoegingen van Contoso niet meer.',
    );
  });

  it('asks for the address when the command has none; cancel changes nothing', async () => {
    await bot.message('add manager', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).at(-1) ?? '', /Whom should I add\?/);
    await bot.message('patti.fernandez@contoso.com', { user: contosoAdmin });
    assert.match(textsIn(contosoAdmin).at(-1) ?? '', /Done: Patti Fernandez/);
    await bot.message('remove manager', { user: contosoAdmin });
    await bot.message('cancel', { user: contosoAdmin });
    assert.deepEqual(await watcherNames(), ['Megan Bowen', 'Patti Fernandez']);
  });
});
