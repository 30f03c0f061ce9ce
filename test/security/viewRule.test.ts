/**
 * Who may see a merge, over HTTP (domain: "who may see a merge"). The Account admins, the
 * accounts' other users with a Partner Center role, and the watchers of both accounts see
 * the card; a stranger of another tenant, a same-tenant user without any role and a forged
 * identity (a known object id with another tenant) get the minimal card for a refresh and
 * for every verb, with nothing of the merge in it, change nothing, and are logged. History
 * and the audit trail follow the same rule.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { MERGE_VERBS } from '../../cards/mergeRequest.js';
import { t } from '../../services/i18n/index.js';
import { asUser, seedInvitation } from './support.js';

const adele = asUser(DEMO.contoso.admin);
const nestor = asUser(DEMO.fabricam.admin);
const insiders: ReadonlyArray<readonly [string, TeamsUser]> = [
  ['Contoso Account admin', adele],
  ['Fabricam Account admin', nestor],
  ['Contoso user with a role', asUser(DEMO.contoso.user)],
  ['Fabricam incentives admin', asUser(DEMO.fabricam.incentivesAdmin)],
  ['Contoso watcher', asUser(DEMO.contoso.manager)],
  ['Fabricam watcher', asUser(DEMO.fabricam.manager)],
];
const outsiders: ReadonlyArray<readonly [string, TeamsUser]> = [
  [
    'a stranger of another tenant',
    {
      aadObjectId: '99999999-0000-4000-8000-000000000099',
      tenantId: '99999999-0000-4000-8000-000000000001',
      name: 'Eve Stranger',
    },
  ],
  [
    'a Contoso user without any role',
    {
      aadObjectId: `${DEMO.contoso.tenantId.slice(0, 8)}-0000-4000-8000-000000000777`,
      tenantId: DEMO.contoso.tenantId,
      name: 'Nobody Special',
    },
  ],
  [
    "a forged identity (Adele's object id, Fabricam's tenant)",
    { aadObjectId: DEMO.contoso.admin.aadObjectId, tenantId: DEMO.fabricam.tenantId, name: 'Adele Vance' },
  ],
  ['the admin of an unrelated partner (Northwind)', asUser(DEMO.northwind.admin)],
];

describe('who may see a merge (over HTTP)', () => {
  let bot: TestBot;
  let mergeId: string;
  before(async () => {
    bot = await TestBot.start();
    mergeId = await seedInvitation(bot);
  });
  after(async () => {
    await bot.stop();
  });

  /** Everything of the merge that must not leak: names, ids, people, status. */
  const secrets = (): string[] => [
    'Contoso',
    'Fabricam',
    '1111111',
    '3333333',
    '2222222',
    '4444444',
    'Adele',
    'Nestor',
    mergeId,
    'invited',
    'Waiting',
  ];

  for (const [who, user] of insiders) {
    it(`shows the ${who} the merge card`, async () => {
      const res = await bot.cardAction(MERGE_VERBS.refresh, { mergeId }, { user, trigger: 'automatic' });
      const text = cardText((res.json as { value: unknown }).value);
      assert.match(text, /Contoso invites Fabricam|Invitation sent to Fabricam/);
      assert.doesNotMatch(text, /not available to you/);
    });
  }

  for (const [who, user] of outsiders) {
    it(`gives ${who} the minimal card for a refresh and every verb, changes nothing, and logs it`, async () => {
      const before = await bot.app.store.merges.get(mergeId);
      const logged = bot.logs.filter((l) => l.msg === 'merge not shown: the clicker is not part of it').length;
      for (const verb of Object.values(MERGE_VERBS)) {
        const res = await bot.cardAction(verb, { mergeId, reason: 'Because', acknowledge: 'true' }, { user });
        assert.equal(res.status, 200, verb);
        const card = (res.json as { value: unknown }).value;
        const all = JSON.stringify(card);
        assert.match(cardText(card), new RegExp(t('en', 'mergeCards.unavailable.title').replace('.', '\\.')), verb);
        for (const secret of secrets()) assert.ok(!all.includes(secret), `${verb}: the card says "${secret}"`);
      }
      const after = await bot.app.store.merges.get(mergeId);
      assert.deepEqual(after, before, 'nothing changed');
      const lines = bot.logs.filter((l) => l.msg === 'merge not shown: the clicker is not part of it').slice(logged);
      assert.equal(lines.length, Object.values(MERGE_VERBS).length);
      for (const line of lines) {
        const logged = JSON.stringify(line);
        for (const content of ['Contoso', 'Fabricam', '1111111', '3333333', 'not available', 'AdaptiveCard'])
          assert.ok(!logged.includes(content), `the log line has "${content}"`);
        assert.equal(line.mergeId, mergeId);
      }
    });

    it(`answers ${who} about the merge's audit trail as if it did not exist`, async () => {
      bot.connector.clear();
      await bot.message(`history ${mergeId}`, { user });
      await bot.message('history 00000000-0000-4000-8000-000000000000', { user });
      const [seen, missing] = bot.connector.texts();
      assert.equal(seen, t('en', 'mergeFlow.history.notFound'));
      assert.equal(missing, seen);
      assert.equal(bot.connector.cards().length, 0);
    });
  }

  it('shows the audit trail to a watcher, who has no account role', async () => {
    bot.connector.clear();
    await bot.message(`history ${mergeId}`, { user: asUser(DEMO.fabricam.manager) });
    assert.match(cardText(bot.connector.cards().at(-1)), /Adele Vance invited Fabricam to merge/);
  });
});
