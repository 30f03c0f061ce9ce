/**
 * The people and locations of an account, changed in Teams over real HTTP (demo accounts,
 * in-memory store): an Account admin adds, re-roles and removes users and adds locations;
 * every refusal (the last Account admin, a forged click, a taken Partner ID, a role scope
 * that does not exist, malformed card data) says why and changes nothing.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, personalConversationId } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { asUser, cardOf, errorOf, executeActions } from './joinScenario.js';

const adele = asUser(DEMO.contoso.admin);
const lee = asUser(DEMO.contoso.incentivesAdmin);
const pradeep = asUser(DEMO.contoso.user);
const patti = {
  aadObjectId: `${DEMO.contoso.tenantId.slice(0, 8)}-0000-4000-8000-000000000005`,
  tenantId: DEMO.contoso.tenantId,
  name: 'Patti Fernandez',
};
const alex = asUser(DEMO.northwind.admin);

describe('the people and locations of an account (over HTTP)', function () {
  this.timeout(60_000);
  let bot: TestBot;
  beforeEach(async () => {
    bot = await TestBot.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const contoso = async () => {
    const account = await bot.app.store.accounts.get('1111111');
    assert.ok(account);
    return account;
  };
  const unchangedBy = async (what: string, act: () => Promise<void>): Promise<void> => {
    const before = JSON.stringify(await contoso());
    const outbox = await bot.app.store.outbox.count();
    await act();
    assert.equal(JSON.stringify(await contoso()), before, `${what} changed nothing`);
    assert.equal(await bot.app.store.outbox.count(), outbox, `${what} queued nothing`);
  };
  const click = (verb: string, data: Record<string, unknown>, user = adele) =>
    bot.cardAction(verb, { accountMpnId: '1111111', ...data }, { user });

  it('shows an admin the people with their roles and the locations, with the changes they may make', async () => {
    await bot.message('people', { user: adele });
    const card = bot.connector.cards(personalConversationId(adele)).at(-1);
    const text = cardText(card);
    assert.match(text, /People and locations/);
    assert.match(text, /Adele Vance \(you\)\nAccount admin/);
    assert.match(text, /Lee Gu\nIncentives admin \(Contoso Seattle 2222222\)/);
    assert.match(text, /2222222 · Contoso Seattle/);
    assert.deepEqual([...new Set(executeActions(card).map((a) => a.verb))].sort(), [
      'people.add',
      'people.addLocation',
      'people.remove',
      'people.roles',
    ]);
    // A user without the Account admin role reads it, without buttons.
    await bot.message('people', { user: pradeep });
    const readOnly = bot.connector.cards(personalConversationId(pradeep)).at(-1);
    assert.match(cardText(readOnly), /Only the Account admins of Contoso can change people and locations/);
    assert.deepEqual(executeActions(readOnly), []);
  });

  it('adds a person with a role for one location, changes roles, removes them, and keeps it in the history', async () => {
    await bot.install({ user: patti });
    const added = await click('people.add', {
      address: 'patti.fernandez@contoso.com',
      addRoles: 'incentives-user,referrals-user',
      addScope: '2222222',
    });
    assert.match(cardText(cardOf(added)), /Added: Patti Fernandez\. I'm letting them know\./);
    const patti1 = (await contoso()).users.find((u) => u.displayName === 'Patti Fernandez');
    assert.deepEqual(patti1?.roles, [
      { role: 'incentives-user', scopeMpnId: '2222222' },
      { role: 'referrals-user', scopeMpnId: '2222222' },
    ]);
    assert.equal(patti1?.upn, 'patti.fernandez@contoso.com');
    await bot.settle();
    assert.match(
      cardText(bot.connector.cards(personalConversationId(patti)).at(-1)),
      /You're a user of Contoso[\s\S]*Incentives user \(Contoso Seattle 2222222\)/,
    );

    const roles = await click('people.roles', {
      who: `${patti.tenantId}|${patti.aadObjectId}`,
      setRoles: 'account-admin,billing-admin',
    });
    assert.match(cardText(cardOf(roles)), /Roles of Patti Fernandez: Account admin, Billing admin\./);
    const removed = await click('people.remove', { aadObjectId: patti.aadObjectId, tenantId: patti.tenantId });
    assert.match(cardText(cardOf(removed)), /Removed: Patti Fernandez\./);
    assert.deepEqual(
      (await contoso()).audit?.map((e) => e.action),
      ['user-added', 'user-roles-changed', 'user-removed'],
    );
    await bot.settle();
    assert.match(
      bot.connector.texts(personalConversationId(patti)).at(-1) ?? '',
      /Adele Vance removed you from Contoso/,
    );
    await bot.message('history', { user: adele });
    const history = cardText(bot.connector.cards(personalConversationId(adele)).at(-1));
    assert.match(history, /Account changes/);
    assert.match(
      history,
      /Adele Vance added Patti Fernandez as Incentives user \(2222222\), Referrals user \(2222222\)/,
    );
    assert.match(history, /Adele Vance removed Patti Fernandez/);
  });

  it('adds a location checked as at registration', async () => {
    const added = await click('people.addLocation', { location: '7777770 Contoso Amsterdam' });
    assert.match(cardText(cardOf(added)), /Location added: 7777770 \(Contoso Amsterdam\)/);
    assert.deepEqual(
      (await contoso()).locations.map((l) => l.mpnId),
      ['2222222', '7777770'],
    );
    for (const [line, why] of [
      ['7777770 Again', /7777770 is already a Partner ID of Contoso/],
      ['3333333 Fabricam', /Partner ID 3333333 already belongs to an account here/],
      ['8888888 Oslo', /Partner ID 8888888 already belongs to an account here/],
      ['Amsterdam', /is not a location/],
      ['7777771', /Give location 7777771 a name too/],
    ] as const) {
      await unchangedBy(line, async () => {
        assert.match(cardText(cardOf(await click('people.addLocation', { location: line }))), why);
      });
    }
  });

  it('refuses to leave the account without an Account admin, and every click it may not make', async () => {
    await unchangedBy('removing the last Account admin', async () => {
      const res = await click('people.remove', { aadObjectId: adele.aadObjectId, tenantId: adele.tenantId });
      assert.match(cardText(cardOf(res)), /Adele Vance is the only Account admin of Contoso/);
    });
    await unchangedBy('demoting the last Account admin', async () => {
      const res = await click('people.roles', {
        who: `${adele.tenantId}|${adele.aadObjectId}`,
        setRoles: 'referrals-user',
      });
      assert.match(cardText(cardOf(res)), /only Account admin/);
    });
    await unchangedBy('a click by a user who is not an Account admin', async () => {
      const res = await click('people.remove', { aadObjectId: lee.aadObjectId, tenantId: lee.tenantId }, pradeep);
      assert.match(cardText(cardOf(res)), /Account admin/);
    });
    await unchangedBy('a click by someone of another company', async () => {
      const res = await click('people.remove', { aadObjectId: lee.aadObjectId, tenantId: lee.tenantId }, alex);
      assert.equal(errorOf(res).statusCode, 404);
      assert.doesNotMatch(JSON.stringify(res.json), /Lee Gu|Contoso/);
    });
    await unchangedBy('a role scope that is not a location of the account', async () => {
      const res = await click('people.roles', {
        who: `${lee.tenantId}|${lee.aadObjectId}`,
        setRoles: 'incentives-admin',
        setScope: '4444444',
      });
      assert.match(cardText(cardOf(res)), /That location can't be used for this role/);
    });
    await unchangedBy('no role at all', async () => {
      const res = await click('people.roles', { who: `${lee.tenantId}|${lee.aadObjectId}`, setRoles: '' });
      assert.match(cardText(cardOf(res)), /Choose at least one Partner Center role/);
    });
    await unchangedBy('adding someone who is already a user', async () => {
      const res = await click('people.add', { address: 'lee.gu@contoso.com', addRoles: 'billing-admin' });
      assert.match(cardText(cardOf(res)), /Lee Gu is already a user of Contoso/);
    });
    for (const data of [
      { setRoles: 'god-mode', who: `${lee.tenantId}|${lee.aadObjectId}` },
      { setRoles: 'billing-admin', who: 'nobody' },
      { setRoles: ['billing-admin'], who: `${lee.tenantId}|${lee.aadObjectId}` },
    ]) {
      await unchangedBy(`malformed data ${JSON.stringify(data)}`, async () => {
        assert.equal(errorOf(await click('people.roles', data)).statusCode, 400);
      });
    }
    await unchangedBy('an unknown account', async () => {
      const res = await bot.cardAction(
        'people.add',
        { accountMpnId: '9999990', address: 'x@contoso.com', addRoles: 'billing-admin' },
        { user: adele },
      );
      assert.equal(errorOf(res).statusCode, 404);
    });
    assert.deepEqual(bot.errorLogs(), []);
  });
});
