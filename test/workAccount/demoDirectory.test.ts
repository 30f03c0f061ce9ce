/**
 * A fresh `npm start` with no configuration: Microsoft Graph is off and the demo accounts
 * are loaded, so the work-account check answers for the demo tenants from their demo
 * directory (over HTTP, through the real dialog and card), says so on the card, and sends
 * every other domain to the real OpenID lookup. With Graph configured the demo directory is
 * never used.
 */
import assert from 'node:assert/strict';
import { cardText, TestBot, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { demoDirectory } from '../../services/demo/demoDirectory.js';
import { t } from '../../services/i18n/index.js';
import { admin, GLOBAL_ADMIN, startWorld } from './fixtures.js';

const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});
const adele = asUser(DEMO.contoso.admin);
const pradeep = asUser(DEMO.contoso.user);
const nestor = asUser(DEMO.fabricam.admin);
const alex = asUser(DEMO.northwind.admin);

describe('work-account check against the demo directory (Graph not configured)', () => {
  let bot: TestBot;
  let world: Awaited<ReturnType<typeof startWorld>>;
  before(async () => {
    // The loopback authority answers the OpenID lookup for domains outside the demo tenants.
    world = await startWorld();
    bot = await TestBot.start({
      env: { OPENID_AUTHORITY_HOST: world.authority.authorityHost, GRAPH_ENABLED: 'false' },
    });
  });
  after(async () => {
    await bot.stop();
    await world.close();
  });

  const check = async (who: TeamsUser, input: string, locale = 'en-US'): Promise<string> => {
    bot.connector.clear();
    await bot.message(`check ${input}`, { user: who, locale });
    return cardText(bot.connector.cards().at(-1));
  };

  it('gives the Contoso admin the Ready verdict for her own domain, and says it is the demo directory', async () => {
    const text = await check(adele, 'adele.vance@contoso.com');
    assert.match(
      text,
      new RegExp(
        `^${t('en', 'waCard.title.ready', { domain: 'contoso\\.com' })}\\n${t('en', 'waCard.status.ready')}$`,
        'm',
      ),
    );
    assert.match(text, /Global Administrator/);
    assert.match(text, /Demo directory \(Microsoft Graph is not configured\)/);
  });

  it('points from the regional contoso.uk to the headquarters domain', async () => {
    const text = await check(adele, 'contoso.uk');
    assert.match(text, /contoso\\?\.com/);
    assert.match(text, new RegExp(`^${t('en', 'waCard.title.regional')}$`, 'm'));
  });

  it('tells a Contoso user without an Entra admin role that one is needed (in Dutch too)', async () => {
    assert.match(await check(pradeep, 'contoso.com'), new RegExp(`^${t('en', 'waCard.title.needsRole')}$`, 'm'));
    assert.match(await check(pradeep, 'contoso.com', 'nl-NL'), /Demomap/);
  });

  it('answers for Fabricam and Northwind Traders (User Administrator) too', async () => {
    assert.match(
      await check(nestor, 'fabricam.com'),
      new RegExp(`^${t('en', 'waCard.title.ready', { domain: 'fabricam\\.com' })}$`, 'm'),
    );
    const northwind = await check(alex, 'northwindtraders.com');
    assert.match(northwind, new RegExp(`^${t('en', 'waCard.status.ready')}$`, 'm'));
    assert.match(northwind, /User Administrator/);
  });

  it('says a demo domain belongs to another tenant when an admin of another demo tenant checks it', async () => {
    assert.match(
      await check(nestor, 'contoso.com'),
      new RegExp(`^${t('en', 'waCard.title.otherTenant', { domain: 'contoso\\.com' })}$`, 'm'),
    );
  });

  it('sends every other domain through the real OpenID lookup', async () => {
    const before = world.authority.requests.length;
    await check(adele, 'woodgrovebank.com');
    assert.ok(world.authority.requests.length > before, 'the OpenID authority was asked');
  });
});

describe('the demo directory with Microsoft Graph configured', () => {
  it('is never used: the demo tenants go to Graph like everyone', async () => {
    const world = await startWorld();
    try {
      const service = world.service({ demoDirectory });
      assert.equal(service.mode, 'graph');
      const report = await service.checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.facts.tenant?.source, 'graph');
      assert.equal(report.facts.tenant?.displayName, 'Contoso Ltd', "Graph's answer, not the demo directory's");
      assert.ok(world.graph.requests.length > 0, 'Graph was asked');
    } finally {
      await world.close();
    }
  });
});
