/**
 * Companies that join in Teams, over real HTTP, on the in-memory store and on a real lowdb
 * file (Azure Storage: test/azure/registration.test.ts): the whole story from an unknown
 * company to a completed merge, then the refusals that must change nothing.
 */
import assert from 'node:assert/strict';
import { cardText, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { seedDemoData } from '../../services/demo/demoData.js';
import type { Store } from '../../services/store/types.js';
import { tempDir } from '../services/fixtures.js';
import {
  LITWARE_FORM,
  REVIEWER,
  allan,
  cardOf,
  errorOf,
  playJoinAndMerge,
  startJoinWorld,
  stopJoinWorld,
  storeState,
  type JoinWorld,
} from './joinScenario.js';

const backends: Array<[string, () => Promise<{ store: Store | undefined; cleanup: () => Promise<void> }>]> = [
  ['memory', () => Promise.resolve({ store: undefined, cleanup: () => Promise.resolve() })],
  [
    'lowdb',
    async () => {
      const dir = await tempDir();
      const store = await openLowdbStore({ path: dir.dir });
      await seedDemoData(store);
      return {
        store,
        cleanup: async () => {
          await store.close();
          await dir.remove();
        },
      };
    },
  ],
];

for (const [name, open] of backends) {
  describe(`a company joins in Teams and merges (${name} store, over HTTP)`, function () {
    this.timeout(60_000);
    let w: JoinWorld | undefined;
    let cleanup: () => Promise<void> = () => Promise.resolve();
    afterEach(async () => {
      await stopJoinWorld(w);
      await cleanup();
      w = undefined;
    });

    it('registers Litware, approves it, adds a colleague and a manager, and merges with Contoso', async () => {
      const backend = await open();
      cleanup = backend.cleanup;
      w = await startJoinWorld(backend.store);
      await playJoinAndMerge(w);
    });
  });
}

describe('registration refusals (over HTTP)', function () {
  this.timeout(120_000);
  let w: JoinWorld | undefined;
  afterEach(async () => {
    await stopJoinWorld(w);
    w = undefined;
  });

  const someone = (n: number): TeamsUser => ({
    aadObjectId: `${DEMO.litware.tenantId.slice(0, 8)}-0000-4000-8000-${String(100 + n).padStart(12, '0')}`,
    tenantId: DEMO.litware.tenantId,
    name: `Litware person ${n}`,
  });

  it("tells a reviewer's rejection to the requester with the reason, and creates nothing", async () => {
    w = await startJoinWorld(undefined);
    const { bot } = w;
    const store = bot.app.store;
    await bot.cardAction('registration.submit', LITWARE_FORM, { user: allan });
    const [registration] = await store.registrations.listPending();
    assert.ok(registration);
    const before = await storeState(store);
    const noReason = await bot.cardAction(
      'registration.reject',
      { registrationId: registration.id, reason: '   ' },
      { user: REVIEWER },
    );
    assert.match(cardText(cardOf(noReason)), /Give a reason for rejecting the registration/);
    assert.equal(await storeState(store), before, 'a rejection without a reason changes nothing');
    const rejected = await bot.cardAction(
      'registration.reject',
      { registrationId: registration.id, reason: 'Partner Center shows another Account admin.' },
      { user: REVIEWER },
    );
    assert.match(cardText(cardOf(rejected)), /Rejected: I'm telling Allan Deyoung why/);
    assert.equal(await store.accounts.get('6666666'), undefined);
    assert.equal((await store.registrations.get(registration.id))?.status, 'rejected');
    await bot.settle();
    const told = bot.connector.cards(personalConversationId(allan)).at(-1);
    assert.match(cardText(told), /Registration of Litware, Inc\. not approved\nRejected/);
    assert.match(cardText(told), /Partner Center shows another Account admin\./);
    // The earlier "sent" card, refreshed, points to the decision below instead of repeating it.
    const refreshed = await bot.cardAction(
      'registration.status',
      { registrationId: registration.id, shown: 'pending' },
      { user: allan, trigger: 'automatic' },
    );
    assert.match(cardText(cardOf(refreshed)), /The newer message below says more/);
    // Approving after the rejection is refused; nothing changes.
    const after = await storeState(store);
    const late = await bot.cardAction('registration.approve', { registrationId: registration.id }, { user: REVIEWER });
    assert.match(cardText(cardOf(late)), /already rejected/);
    assert.equal(await storeState(store), after);
  });

  it('cuts off a flood of failing registrations from one tenant before it asks the directory again', async () => {
    w = await startJoinWorld(undefined, { LOG_LEVEL: 'warn' });
    const { bot, world } = w;
    const lookups = (): number => world.graph.requests.length + world.authority.requests.length;
    const asked = lookups();
    const answers: string[] = [];
    for (let i = 0; i < 30; i++)
      answers.push(
        cardText(
          cardOf(
            await bot.cardAction(
              'registration.submit',
              { ...LITWARE_FORM, domains: 'contoso.com' },
              { user: someone(i) },
            ),
          ),
        ),
      );
    assert.ok(
      answers.slice(0, 10).every((text) => /belongs to another organization/.test(text)),
      answers[0],
    );
    assert.ok(
      answers.slice(10).every((text) => /too many registrations lately/.test(text)),
      answers[10],
    );
    assert.ok(lookups() - asked <= 10 * 3, `the directory was asked ${lookups() - asked} times for 30 requests`);
    assert.equal(await bot.app.store.registrations.count(), 0);
    assert.deepEqual(bot.errorLogs(), []);
  });

  it('answers 1,000 more requests from a tenant whose registration waits, and keeps one registration', async () => {
    w = await startJoinWorld(undefined, { LOG_LEVEL: 'warn' });
    const { bot } = w;
    await bot.cardAction('registration.submit', LITWARE_FORM, { user: allan });
    const before = await storeState(bot.app.store);
    let answered = 0;
    for (let batch = 0; batch < 50; batch++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          bot.cardAction(
            'registration.submit',
            { ...LITWARE_FORM, companyName: `Litware ${batch}-${i}` },
            { user: someone(batch * 20 + i) },
          ),
        ),
      );
      for (const r of results) {
        assert.equal(r.status, 200);
        assert.match(cardText(cardOf(r)), /waiting for review since/);
        answered += 1;
      }
    }
    assert.equal(answered, 1000);
    assert.equal(await storeState(bot.app.store), before, '1,000 requests changed nothing');
    assert.equal(await bot.app.store.registrations.count(), 1);
    assert.deepEqual(bot.errorLogs(), []);
  });

  it('refuses a registration from a tenant outside ALLOWED_TENANTS, and a card with a forged id', async () => {
    w = await startJoinWorld(undefined, { ALLOWED_TENANTS: `${DEMO.contoso.tenantId},${REVIEWER.tenantId}` });
    const { bot } = w;
    const before = await storeState(bot.app.store);
    const outside = await bot.cardAction('registration.submit', LITWARE_FORM, { user: allan });
    assert.equal(errorOf(outside).statusCode, 403);
    assert.match(errorOf(outside).message, /not available for your organization|organization/i);
    await bot.message('register', { user: allan });
    assert.match(bot.connector.texts(personalConversationId(allan)).at(-1) ?? '', /organization/i);
    assert.equal(await storeState(bot.app.store), before);
    for (const data of [{ registrationId: '../../etc' }, { registrationId: 42 }, {}]) {
      const res = await bot.cardAction('registration.approve', data, { user: REVIEWER });
      assert.equal(errorOf(res).statusCode, 400);
    }
    const unknown = await bot.cardAction(
      'registration.review',
      { registrationId: `${DEMO.litware.tenantId}:9` },
      { user: REVIEWER, trigger: 'automatic' },
    );
    assert.equal(errorOf(unknown).statusCode, 404);
    assert.equal(await storeState(bot.app.store), before);
  });
});
