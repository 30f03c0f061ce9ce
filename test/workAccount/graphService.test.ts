/**
 * The Graph service with the real Graph client and the real ClientSecretCredential, over
 * loopback HTTPS to the token issuer and the Graph emulator.
 */
import assert from 'node:assert/strict';
import { configFrom } from '../../bot/config.js';
import {
  GraphNotFoundError,
  GraphPermissionError,
  GraphTenantMismatchError,
  GraphUnavailableError,
} from '../../services/graph/errors.js';
import {
  ROLE_TEMPLATE_IDS,
  createGraphService,
  type GraphService,
  type GraphServiceDeps,
} from '../../services/graph/graphService.js';
import { retryAfterMs } from '../../services/graph/middleware.js';
import {
  ALL_PERMISSIONS,
  CLIENT_ID,
  CONTOSO_TENANT,
  FABRIKAM_TENANT,
  GLOBAL_ADMIN,
  PLAIN_USER,
  USER_ADMIN,
  startWorld,
  type World,
} from './fixtures.js';

const REQUIRED = [ROLE_TEMPLATE_IDS.globalAdministrator, ROLE_TEMPLATE_IDS.userAdministrator];

describe('Graph service (real Graph client + ClientSecretCredential against loopback emulators)', () => {
  let world: World;
  let clock: number;

  async function setUp(env: Record<string, string> = {}, permissions?: readonly string[]): Promise<void> {
    world = await startWorld({ env, ...(permissions ? { permissions } : {}) });
  }

  /**
   * The service over the loopback Graph; an override set to `undefined` removes that test default (the real one
   * applies).
   */
  function graphService(
    overrides: { [K in keyof GraphServiceDeps]?: GraphServiceDeps[K] | undefined } = {},
    config = world.config,
  ): GraphService {
    const deps = {
      logger: world.logger,
      fetch: world.fetch,
      authorityCaPem: world.tls.cert,
      sleep: (ms: number) => {
        world.sleeps.push(ms);
        return Promise.resolve();
      },
      now: () => clock,
      ...overrides,
    };
    return createGraphService(
      config,
      Object.fromEntries(
        Object.entries(deps).filter(([, value]) => value !== undefined),
      ) as unknown as GraphServiceDeps,
    );
  }

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error: unknown) {
      return error;
    }
    assert.fail('expected a rejection');
  }

  beforeEach(() => {
    clock = Date.now();
  });
  afterEach(async () => {
    await world.close();
  });

  describe('tenant lookup', () => {
    beforeEach(() => setUp());

    it('returns the documented tenantInformation fields, with an app-only token from the configured authority', async () => {
      const info = await graphService().findTenantByDomain('contoso.com');
      assert.deepEqual(info, {
        tenantId: CONTOSO_TENANT,
        displayName: 'Contoso Ltd',
        defaultDomainName: 'contoso.com',
        federationBrandName: undefined,
      });

      const [request] = world.graph.requests;
      assert.equal(request?.path, "/tenantRelationships/findTenantInformationByDomainName(domainName='contoso.com')");
      const token = /^Bearer (.+)$/.exec(request?.authorization ?? '')?.[1];
      assert.ok(token, 'a Bearer token was sent');
      const claims = world.issuer.verify(token, { audience: new URL(world.graph.baseUrl).origin });
      assert.ok(claims, 'the token was signed by the loopback issuer for the Graph resource');
      assert.equal(claims.tid, CONTOSO_TENANT);
      assert.equal(claims.appid, CLIENT_ID);

      assert.deepEqual(
        world.issuer.tokenRequests.map((r) => [r.tenant, r.grantType, r.clientId, r.scope, r.status]),
        [[CONTOSO_TENANT, 'client_credentials', CLIENT_ID, `${new URL(world.graph.baseUrl).origin}/.default`, 200]],
      );
      // MSAL read the authority's metadata first (no instance discovery against the public cloud).
      assert.deepEqual(
        world.issuer.requests.map((r) => r.path),
        [`/${CONTOSO_TENANT}/v2.0/.well-known/openid-configuration`, `/${CONTOSO_TENANT}/oauth2/v2.0/token`],
      );
    });

    it('answers null for a domain no tenant owns (Graph 404)', async () => {
      assert.equal(await graphService().findTenantByDomain('nowhere.example'), null);
      assert.equal(world.graph.requests[0]?.status, 404);
    });

    it('caches hits and misses for the configured TTL, then asks again', async () => {
      const service = graphService();
      assert.equal((await service.findTenantByDomain('contoso.com'))?.tenantId, CONTOSO_TENANT);
      assert.equal((await service.findTenantByDomain('CONTOSO.com'))?.tenantId, CONTOSO_TENANT);
      assert.equal(await service.findTenantByDomain('nowhere.example'), null);
      assert.equal(await service.findTenantByDomain('nowhere.example'), null);
      assert.equal(world.graph.requestsFor('findTenantByDomain').length, 2);

      clock += world.config.cacheTtlSeconds * 1000 + 1;
      await service.findTenantByDomain('contoso.com');
      assert.equal(world.graph.requestsFor('findTenantByDomain').length, 3);
      // One token for all calls: the credential caches it.
      assert.equal(world.issuer.tokenRequests.length, 1);
    });

    it('does not cache failures', async () => {
      world.graph.fault('findTenantByDomain', { status: 500, times: 1 });
      const service = graphService();
      await rejection(service.findTenantByDomain('contoso.com'));
      assert.equal((await service.findTenantByDomain('contoso.com'))?.tenantId, CONTOSO_TENANT);
    });
  });

  describe('domains and roles of the configured tenant', () => {
    beforeEach(() => setUp());

    it('lists the domains of the token tenant with the documented fields', async () => {
      const domains = await graphService().listDomains(CONTOSO_TENANT);
      assert.deepEqual(
        domains.map((d) => [d.id, d.isDefault, d.isVerified, d.isInitial]),
        [
          ['contoso.com', true, true, false],
          ['contoso.co.uk', false, true, false],
          ['contoso.uk', false, true, false],
          ['contoso-nl.com', false, true, false],
          ['contoso.onmicrosoft.com', false, true, true],
          ['pending.example', false, false, false],
        ],
      );
      assert.deepEqual(domains[0]?.supportedServices, ['Email', 'OfficeCommunicationsOnline']);
      assert.equal(world.graph.requests[0]?.tenantId, CONTOSO_TENANT);
    });

    it('refuses another tenant without calling Graph (app-only tokens are for the configured tenant)', async () => {
      const error = await rejection(graphService().listDomains(FABRIKAM_TENANT));
      assert.ok(error instanceof GraphTenantMismatchError);
      assert.equal(error.requestedTenantId, FABRIKAM_TENANT);
      assert.equal(world.graph.requests.length, 0);
    });

    it('finds Global Administrator and User Administrator through transitiveMemberOf, across pages', async () => {
      const service = graphService();
      assert.deepEqual(await service.hasAnyDirectoryRole(GLOBAL_ADMIN, REQUIRED), {
        holds: true,
        matched: [{ roleTemplateId: ROLE_TEMPLATE_IDS.globalAdministrator, displayName: 'Global Administrator' }],
      });
      // The user administrator's role is on the second page (page size 2).
      assert.deepEqual(await service.hasAnyDirectoryRole(USER_ADMIN, REQUIRED), {
        holds: true,
        matched: [{ roleTemplateId: ROLE_TEMPLATE_IDS.userAdministrator, displayName: 'User Administrator' }],
      });
      assert.deepEqual(await service.hasAnyDirectoryRole(PLAIN_USER, REQUIRED), { holds: false, matched: [] });

      const roleRequests = world.graph.requestsFor('directoryRoles');
      assert.equal(roleRequests.length, 1 + 2 + 2);
      for (const request of roleRequests) {
        assert.match(request.path, /^\/users\/[0-9a-f-]+\/transitiveMemberOf\/microsoft\.graph\.directoryRole$/);
        assert.equal(request.consistencyLevel, 'eventual', 'advanced query header on every page');
        assert.equal(request.query.$count, 'true');
        assert.equal(request.status, 200);
      }
      assert.equal(roleRequests[0]?.query.$select, 'id,displayName,roleTemplateId');
    });

    it('reports an unknown user as GraphNotFoundError', async () => {
      const error = await rejection(
        graphService().hasAnyDirectoryRole('b0000000-0000-4000-8000-00000000000f', REQUIRED),
      );
      assert.ok(error instanceof GraphNotFoundError);
      assert.equal(error.operation, 'directoryRoles');
    });
  });

  describe('missing permissions (403)', () => {
    it('names the permission the operation needs when the app lacks it', async () => {
      await setUp(
        {},
        ALL_PERMISSIONS.filter((p) => p !== 'Domain.Read.All'),
      );
      const error = await rejection(graphService().listDomains());
      assert.ok(error instanceof GraphPermissionError);
      assert.deepEqual(error.permissions, ['Domain.Read.All']);
      assert.equal(error.graphCode, 'Authorization_RequestDenied');
      assert.match(
        error.message,
        /lacks the Microsoft Graph application permission Domain\.Read\.All .*ask your admin to grant it/,
      );
      assert.equal(world.graph.requests[0]?.status, 403);
    });

    it('maps a 403 with a Graph error body on the tenant lookup to CrossTenantInformation.ReadBasic.All', async () => {
      await setUp();
      world.graph.fault('findTenantByDomain', {
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      });
      const error = await rejection(graphService().findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphPermissionError);
      assert.deepEqual(error.permissions, ['CrossTenantInformation.ReadBasic.All']);
      assert.match(error.message, /Insufficient privileges/);
      assert.equal(world.graph.requests.length, 1, 'a 403 is not retried');
    });

    it('names both permissions of the role check', async () => {
      await setUp({}, ['CrossTenantInformation.ReadBasic.All', 'Domain.Read.All', 'User.Read.All']);
      const error = await rejection(graphService().hasAnyDirectoryRole(GLOBAL_ADMIN, REQUIRED));
      assert.ok(error instanceof GraphPermissionError);
      assert.deepEqual(error.permissions, ['User.Read.All', 'RoleManagement.Read.Directory']);
    });
  });

  describe('throttling, server errors and timeouts', () => {
    it('retries 429 after the Retry-After the server gave, then succeeds', async () => {
      await setUp();
      world.graph.fault('findTenantByDomain', { status: 429, retryAfterSeconds: 2, times: 1 });
      assert.equal((await graphService().findTenantByDomain('contoso.com'))?.tenantId, CONTOSO_TENANT);
      assert.deepEqual(
        world.graph.requests.map((r) => r.status),
        [429, 200],
      );
      assert.deepEqual(world.sleeps, [2000]);
      assert.equal(
        world.graph.requests[0]?.authorization,
        world.graph.requests[1]?.authorization,
        'the retry carries the token too',
      );
    });

    it('caps a long Retry-After', async () => {
      await setUp();
      world.graph.fault('domains', { status: 503, retryAfterSeconds: 3600, times: 1 });
      await graphService({ maxRetryDelayMs: 5000 }).listDomains();
      assert.deepEqual(world.sleeps, [5000]);
    });

    it('backs off exponentially without Retry-After, and gives up after GRAPH_MAX_RETRIES', async () => {
      await setUp({ GRAPH_MAX_RETRIES: '3' });
      world.graph.fault('domains', { status: 503 });
      const error = await rejection(graphService({ retryBaseDelayMs: 100 }).listDomains());
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'server-error');
      assert.equal(error.status, 503);
      assert.deepEqual(world.sleeps, [100, 200, 400]);
      assert.equal(world.graph.requests.length, 4);
    });

    it('reports persistent throttling as unavailable (throttled)', async () => {
      await setUp();
      world.graph.fault('findTenantByDomain', { status: 429, retryAfterSeconds: 1 });
      const error = await rejection(graphService().findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'throttled');
      assert.equal(world.graph.requests.length, 1 + world.config.maxRetries);
    });

    it('does not retry a 500', async () => {
      await setUp();
      world.graph.fault('findTenantByDomain', { status: 500, code: 'generalException', message: 'boom' });
      const error = await rejection(graphService().findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'server-error');
      assert.equal(world.graph.requests.length, 1);
      assert.deepEqual(world.sleeps, []);
    });

    it('times out a slow answer and reports it as unavailable (timeout)', async () => {
      await setUp({ GRAPH_TIMEOUT_MS: '300' });
      world.graph.fault('findTenantByDomain', { delayMs: 10_000 });
      const error = await rejection(graphService().findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'timeout');
      assert.equal(world.graph.requests.length, 1, 'timeouts are not retried, so a caller waits at most one timeout');
    });

    it('waits for real with the default sleep', async () => {
      await setUp();
      world.graph.fault('findTenantByDomain', { status: 429, retryAfterSeconds: 1, times: 1 });
      assert.equal(
        (await graphService({ sleep: undefined }).findTenantByDomain('contoso.com'))?.tenantId,
        CONTOSO_TENANT,
      );
      assert.deepEqual(
        world.graph.requests.map((r) => r.status),
        [429, 200],
      );
      assert.deepEqual(world.sleeps, [], 'the injected sleep was not used');
    });
  });

  describe('authentication failures', () => {
    it('reports a wrong client secret as unavailable (auth) without calling Graph', async () => {
      await setUp();
      const config = configFrom({
        GRAPH_ENABLED: 'true',
        GRAPH_BASE_URL: world.graph.baseUrl,
        GRAPH_AUTHORITY_HOST: world.issuer.authorityHost,
        GRAPH_TENANT_ID: CONTOSO_TENANT,
        GRAPH_CLIENT_ID: CLIENT_ID,
        GRAPH_CLIENT_SECRET: 'wrong',
      }).graph;
      const error = await rejection(graphService({}, config).findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'auth');
      assert.match(error.message, /AADSTS7000215/);
      assert.equal(world.graph.requests.length, 0);
      assert.equal(world.issuer.tokenRequests[0]?.status, 401);
    });

    it('refuses an authority whose certificate it does not trust', async () => {
      await setUp();
      const error = await rejection(graphService({ authorityCaPem: undefined }).findTenantByDomain('contoso.com'));
      assert.ok(error instanceof GraphUnavailableError);
      assert.equal(error.reason, 'auth');
      assert.equal(world.issuer.tokenRequests.length, 0);
    });
  });
});

describe('Retry-After parsing', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    assert.equal(retryAfterMs('7', now), 7000);
    assert.equal(retryAfterMs('Wed, 01 May 2024 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs(null, now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
  });
});
