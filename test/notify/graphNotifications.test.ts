/**
 * The optional Entra-manager notification: with NOTIFY_ENTRA_MANAGER, the manager of the
 * admin who acted (Graph GET /users/{id}/manager, real Graph client against the loopback
 * Graph and token issuer) gets the manager card too.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { createGraphService } from '../../services/graph/graphService.js';
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
const dan: TeamsUser = {
  aadObjectId: 'c0c0c0c0-0000-4000-8000-0000000000d1',
  tenantId: DEMO.contoso.tenantId,
  name: 'Dan Jump',
};

describe('notifying the Entra manager of the admin who acted', () => {
  let world: World;
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
    await world?.close();
  });

  it("sends the manager card to the actor's manager, and records why when there is none", async () => {
    // The bot's Graph access is for Contoso's tenant (app-only calls run against one tenant).
    world = await startWorld({ env: { GRAPH_TENANT_ID: DEMO.contoso.tenantId } });
    world.graph.setManager(DEMO.contoso.tenantId, adele.aadObjectId, {
      id: dan.aadObjectId,
      displayName: 'Dan Jump',
      userPrincipalName: 'dan.jump@contoso.com',
    });
    const graph = createGraphService(world.config, {
      logger: recordingLogger(),
      fetch: world.fetch,
      authorityCaPem: world.tls.cert,
    });
    bot = await TestBot.start({
      env: {
        NOTIFY_ENTRA_MANAGER: 'true',
        GRAPH_ENABLED: 'true',
        GRAPH_CLIENT_ID: world.config.clientId ?? '',
        GRAPH_CLIENT_SECRET: 'x',
        GRAPH_TENANT_ID: DEMO.contoso.tenantId,
      },
      deps: () => ({ graph }),
    });
    for (const user of [adele, nestor, dan]) await bot.install({ user });

    await bot.message('start merge', { user: adele });
    await bot.message('3333333', { user: adele });
    await bot.message('yes', { user: adele, extra: { value: { choice: 'confirm' } } });
    await bot.settle();
    const managerCards = () =>
      bot.connector.cards(personalConversationId(dan)).filter((c) => cardText(c).includes('update for managers'));
    const toDan = managerCards();
    assert.equal(toDan.length, 1);
    assert.match(cardText(toDan[0]), /Adele Vance invited Fabricam to merge/);
    assert.equal(world.graph.requestsFor('manager').length, 1);

    // Nestor's manager cannot be looked up: his tenant is not the bot's Graph tenant.
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    await bot.cardAction('merge.accept', { mergeId: open?.id ?? '' }, { user: nestor });
    await bot.settle();
    const failed = (await bot.app.store.outbox.listByStatus('failed')).filter(
      (e) => e.recipient?.role === 'actorManager',
    );
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.lastError ?? '', /Entra manager lookup failed/);
    assert.equal(managerCards().length, 1, 'nothing more for Dan');
  });
});

describe("Entra managers and app installs in both companies' tenants (GRAPH_TENANT_ID=organizations)", () => {
  let world: World;
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
    await world?.close();
  });

  it('the worked example reaches the managers of both admins, each looked up in their own tenant', async () => {
    const catalogId = '0a0a0a0a-1111-4222-8333-444444444444';
    const lynne: TeamsUser = {
      aadObjectId: 'fabfab00-0000-4000-8000-0000000000d2',
      tenantId: DEMO.fabricam.tenantId,
      name: 'Lynne Manager',
    };
    world = await startWorld({
      env: { GRAPH_TENANT_ID: 'organizations' },
      permissions: ['User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
    });
    world.graph
      .setManager(DEMO.contoso.tenantId, adele.aadObjectId, { id: dan.aadObjectId, displayName: 'Dan Jump' })
      .setManager(DEMO.fabricam.tenantId, nestor.aadObjectId, { id: lynne.aadObjectId, displayName: 'Lynne Manager' });
    const graph = createGraphService(world.config, {
      logger: recordingLogger(),
      fetch: world.fetch,
      authorityCaPem: world.tls.cert,
    });
    bot = await TestBot.start({
      env: { NOTIFY_ENTRA_MANAGER: 'true', TEAMS_APP_CATALOG_ID: catalogId },
      deps: () => ({ graph }),
    });
    for (const user of [adele, dan, lynne]) await bot.install({ user });
    // Nestor and both companies' watchers have not installed the app: Teams refuses a chat
    // until Graph installs it, each in their own tenant.
    const notInstalled = [nestor.aadObjectId, DEMO.contoso.manager.aadObjectId, DEMO.fabricam.manager.aadObjectId];
    for (const id of notInstalled)
      bot.connector.failNext(
        (c) => c.kind === 'createConversation' && JSON.stringify(c.body).includes(id),
        { status: 403 },
        1,
      );

    await bot.message('start merge', { user: adele });
    await bot.message('3333333', { user: adele });
    await bot.message('yes', { user: adele, extra: { value: { choice: 'confirm' } } });
    await bot.settle();
    assert.deepEqual(
      world.graph
        .requestsFor('installApp')
        .map((r) => [r.path, r.tenantId, r.status])
        .sort(),
      [
        [`/users/${DEMO.contoso.manager.aadObjectId}/teamwork/installedApps`, DEMO.contoso.tenantId, 201],
        [`/users/${nestor.aadObjectId}/teamwork/installedApps`, DEMO.fabricam.tenantId, 201],
        [`/users/${DEMO.fabricam.manager.aadObjectId}/teamwork/installedApps`, DEMO.fabricam.tenantId, 201],
      ].sort(),
    );
    await bot.post(bot.activity('installationUpdate', { user: nestor, extra: { action: 'add' } }));
    await bot.settle();
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    await bot.cardAction('merge.accept', { mergeId: open?.id ?? '' }, { user: nestor });
    await bot.settle();

    const managerCards = (who: TeamsUser) =>
      bot.connector.cards(personalConversationId(who)).filter((c) => cardText(c).includes('update for managers'));
    assert.match(cardText(managerCards(dan).at(0)), /Adele Vance invited Fabricam to merge/);
    assert.match(cardText(managerCards(lynne).at(-1)), /Nestor Wilke accepted the invitation for Fabricam/);
    // Each lookup ran in the tenant of the person it was about, with that tenant's token.
    assert.deepEqual(
      world.graph.requestsFor('manager').map((r) => [r.path, r.tenantId]),
      [
        [`/users/${adele.aadObjectId}/manager`, DEMO.contoso.tenantId],
        [`/users/${nestor.aadObjectId}/manager`, DEMO.fabricam.tenantId],
      ],
    );
    assert.deepEqual(
      [...new Set(world.issuer.tokenRequests.filter((r) => r.status === 200).map((r) => r.tenant))].sort(),
      [DEMO.contoso.tenantId, DEMO.fabricam.tenantId].sort(),
    );
    assert.equal((await bot.app.store.outbox.listByStatus('failed')).length, 0);
  });
});

describe('installing the app for people who do not have it (Graph)', () => {
  let world: World;
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
    await world?.close();
  });

  it('asks Graph to install the app, parks the card, and delivers it on the install event', async () => {
    const catalogId = '0a0a0a0a-1111-4222-8333-444444444444';
    world = await startWorld({
      env: { GRAPH_TENANT_ID: DEMO.fabricam.tenantId },
      permissions: ['TeamsAppInstallation.ReadWriteSelfForUser.All'],
    });
    const graph = createGraphService(world.config, {
      logger: recordingLogger(),
      fetch: world.fetch,
      authorityCaPem: world.tls.cert,
    });
    bot = await TestBot.start({ env: { TEAMS_APP_CATALOG_ID: catalogId }, deps: () => ({ graph }) });
    // Teams refuses a chat with someone who has not installed the app.
    bot.connector.failNext((c) => c.kind === 'createConversation', { status: 403 }, 100);
    await bot.install({ user: adele });
    await bot.message('start merge', { user: adele });
    await bot.message('3333333', { user: adele });
    await bot.message('yes', { user: adele, extra: { value: { choice: 'confirm' } } });
    await bot.settle();

    const installs = world.graph.requestsFor('installApp');
    assert.ok(
      installs.some((r) => r.path === `/users/${nestor.aadObjectId}/teamwork/installedApps` && r.status === 201),
      'installed for Nestor',
    );
    assert.deepEqual(world.graph.installedApps.get(`${DEMO.fabricam.tenantId}/${nestor.aadObjectId}`), [catalogId]);
    const parked = await bot.app.store.outbox.listParkedFor(nestor.tenantId, nestor.aadObjectId);
    assert.equal(parked.length, 1);
    assert.match(parked[0]!.lastError ?? '', /app installed through Graph/);

    // Teams announces the install; the parked invitation goes out.
    await bot.post(bot.activity('installationUpdate', { user: nestor, extra: { action: 'add' } }));
    await bot.settle();
    assert.equal(
      bot.connector.cards(personalConversationId(nestor)).filter((c) => cardText(c).includes('Approve')).length,
      1,
    );
  });
});
