/**
 * Adding managers with Microsoft Graph configured: addresses and people-picker ids are
 * looked up in the admin's tenant (real Graph client, loopback Graph and token issuer),
 * the demo directory is not consulted, and a directory that cannot answer changes nothing.
 */
import assert from 'node:assert/strict';
import { TestBot, personalConversationId, cardText, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { createGraphService } from '../../services/graph/graphService.js';
import { WATCHER_VERBS } from '../../cards/watchers.js';
import { startWorld, recordingLogger, type World } from '../workAccount/fixtures.js';

const adele: TeamsUser = {
  aadObjectId: DEMO.contoso.admin.aadObjectId,
  tenantId: DEMO.contoso.tenantId,
  name: 'Adele Vance',
};
const nestor: TeamsUser = {
  aadObjectId: DEMO.fabricam.admin.aadObjectId,
  tenantId: DEMO.fabricam.tenantId,
  name: 'Nestor Wilke',
};
const DAN = {
  id: 'c0c0c0c0-0000-4000-8000-0000000000d1',
  displayName: 'Dan Jump',
  userPrincipalName: 'dan.jump@contoso.com',
};
const EMILY = {
  id: 'c0c0c0c0-0000-4000-8000-0000000000e1',
  displayName: 'Emily Braun',
  userPrincipalName: 'emily.braun@contoso.com',
};

describe('managers from the directory (Microsoft Graph)', () => {
  let world: World;
  let bot: TestBot;
  beforeEach(async () => {
    world = await startWorld({ env: { GRAPH_TENANT_ID: DEMO.contoso.tenantId } });
    world.graph.setUser(DEMO.contoso.tenantId, DAN).setUser(DEMO.contoso.tenantId, EMILY);
    const graph = createGraphService(world.config, {
      logger: recordingLogger(),
      fetch: world.fetch,
      authorityCaPem: world.tls.cert,
      sleep: () => Promise.resolve(),
    });
    bot = await TestBot.start({
      env: {
        GRAPH_ENABLED: 'true',
        GRAPH_CLIENT_ID: world.config.clientId ?? '',
        GRAPH_CLIENT_SECRET: 'x',
        GRAPH_TENANT_ID: DEMO.contoso.tenantId,
        GRAPH_AUTHORITY_HOST: world.issuer.authorityHost,
      },
      deps: () => ({ graph }),
    });
  });
  afterEach(async () => {
    await bot?.stop();
    await world?.close();
  });
  const lastText = (user: TeamsUser) => bot.connector.texts(personalConversationId(user)).at(-1);
  const names = async (mpnId: string) =>
    ((await bot.app.store.accounts.get(mpnId))?.watchers ?? []).map((w) => `${w.displayName} <${w.upn ?? ''}>`).sort();

  it("finds people by user name and by the picker's object id, in the admin's tenant", async () => {
    await bot.message('add manager Dan.Jump@contoso.com', { user: adele });
    assert.equal(
      lastText(adele),
      "Done: Dan Jump now gets the merge notifications of Contoso. I'm sending them a short welcome message.",
    );
    const picked = await bot.cardAction(
      WATCHER_VERBS.add,
      { accountMpnId: '1111111', people: EMILY.id },
      { user: adele },
    );
    assert.match(cardText((picked.json as { value: unknown }).value), /Added: Emily Braun/);
    assert.deepEqual(await names('1111111'), [
      'Dan Jump <dan.jump@contoso.com>',
      'Emily Braun <emily.braun@contoso.com>',
      'Megan Bowen <megan.bowen@contoso.com>',
    ]);
    const lookups = world.graph.requestsFor('user');
    assert.deepEqual(
      lookups.map((r) => [r.path, r.tenantId, r.status]),
      [
        ['/users/dan.jump@contoso.com', DEMO.contoso.tenantId, 200],
        [`/users/${EMILY.id}`, DEMO.contoso.tenantId, 200],
      ],
    );
    assert.ok(lookups.every((r) => r.authorization?.startsWith('Bearer ')));
  });

  it('an address Graph does not know, or only the demo directory knows, changes nothing', async () => {
    await bot.message('add manager ghost@contoso.com', { user: adele });
    assert.match(lastText(adele) ?? '', /couldn't find ghost@contoso\.com among the users of Contoso/);
    await bot.message('add manager patti.fernandez@contoso.com', { user: adele });
    assert.match(
      lastText(adele) ?? '',
      /couldn't find patti\.fernandez@contoso\.com/,
      'the demo directory is not consulted with Graph on',
    );
    assert.deepEqual(await names('1111111'), ['Megan Bowen <megan.bowen@contoso.com>']);
  });

  it('a directory that does not answer is said so, and nothing changes', async () => {
    world.graph.fault('user', { status: 503 });
    await bot.message('add manager dan.jump@contoso.com', { user: adele });
    assert.equal(
      lastText(adele),
      "I couldn't look up dan.jump@contoso.com right now: your organization's directory did not answer. Nothing was changed; please try again in a moment.",
    );
    assert.deepEqual(await names('1111111'), ['Megan Bowen <megan.bowen@contoso.com>']);
    assert.equal(await bot.app.store.outbox.count(), 0);
  });

  it('a tenant that has not granted User.Read.All is told so, with its consent link', async () => {
    world.graph.fault('user', { status: 403, code: 'Authorization_RequestDenied' });
    await bot.message('add manager dan.jump@contoso.com', { user: adele });
    const link = `${world.issuer.authorityHost}/${DEMO.contoso.tenantId}/adminconsent?client_id=${world.config.clientId ?? ''}`;
    assert.equal(
      lastText(adele),
      `I may not look up dan.jump@contoso.com: your organization has not given this bot admin consent to read its users (User.Read.All). Pick the person on the card instead, or ask a Global administrator to grant consent at ${link}. Nothing was changed.`,
    );
    assert.deepEqual(await names('1111111'), ['Megan Bowen <megan.bowen@contoso.com>']);
  });

  it('an admin of a tenant the Graph app does not serve can still add by the picker', async () => {
    // Fabricam's tenant is not the bot's Graph tenant: no lookup, the picker's id is taken as it is.
    const picked = await bot.cardAction(
      WATCHER_VERBS.add,
      { accountMpnId: '3333333', people: 'fabfab00-0000-4000-8000-0000000000f1' },
      { user: nestor },
    );
    assert.match(cardText((picked.json as { value: unknown }).value), /Added: Entra user fabfab00/);
    assert.equal(world.graph.requestsFor('user').length, 0);
    await bot.message('add manager someone@fabricam.com', { user: nestor });
    assert.match(lastText(nestor) ?? '', /couldn't find someone@fabricam\.com among the users of Fabricam/);
  });
});
