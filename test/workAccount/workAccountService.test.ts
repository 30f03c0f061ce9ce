/**
 * The work-account decision, end to end against the loopback Graph, token issuer and
 * login authority: every verdict, and what the report says when a source is down.
 */
import assert from 'node:assert/strict';
import type { CheckId, CheckStatus, WorkAccountReport } from '../../services/workAccount/report.js';
import {
  CLIENT_ID,
  CONTOSO_TENANT,
  FABRIKAM_TENANT,
  GLOBAL_ADMIN,
  PLAIN_USER,
  USER_ADMIN,
  admin,
  startWorld,
  type World,
} from './fixtures.js';

function statuses(report: WorkAccountReport): Partial<Record<CheckId, CheckStatus>> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}
const check = (report: WorkAccountReport, id: CheckId) => report.checks.find((c) => c.id === id);
const stepKeys = (report: WorkAccountReport) => report.nextSteps.map((s) => s.message.key);

describe('work-account service', () => {
  let world: World;
  afterEach(() => world.close());

  describe('with Microsoft Graph', () => {
    beforeEach(async () => {
      world = await startWorld();
    });

    it("ready: a verified headquarters domain of the admin's tenant, admin is Global Administrator", async () => {
      const report = await world.service().checkWorkAccount({ input: 'jane@Contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'ready');
      assert.deepEqual(statuses(report), {
        syntax: 'pass',
        consumer: 'pass',
        tenant: 'pass',
        ownTenant: 'pass',
        headquarters: 'pass',
        role: 'pass',
      });
      assert.deepEqual(report.facts.tenant, {
        tenantId: CONTOSO_TENANT,
        displayName: 'Contoso Ltd',
        defaultDomainName: 'contoso.com',
        source: 'graph',
      });
      assert.equal(report.facts.address, 'jane@contoso.com');
      assert.deepEqual(report.facts.ownTenant?.otherVerifiedDomains, [
        'contoso.co.uk',
        'contoso.uk',
        'contoso-nl.com',
        'contoso.onmicrosoft.com',
      ]);
      assert.deepEqual(report.facts.role, { holds: true, roles: ['globalAdministrator'] });
      assert.equal(check(report, 'ownTenant')?.message.key, 'workAccount.ownTenant.verifiedDefault');
      assert.deepEqual(report.nextSteps, [
        { message: { key: 'workAccount.next.enroll' }, link: 'partnerCenter' },
        { message: { key: 'workAccount.next.considerUsers' } },
      ]);
    });

    it('ready for a User Administrator too', async () => {
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(USER_ADMIN) });
      assert.equal(report.verdict, 'ready');
      assert.equal(check(report, 'role')?.message.key, 'workAccount.role.holdsUser');
    });

    it('not allowed: a personal mailbox, decided without any network call', async () => {
      const report = await world
        .service()
        .checkWorkAccount({ input: 'someone@hotmail.nl', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'not-allowed');
      assert.equal(report.facts.consumerProvider, 'Outlook.com (Hotmail)');
      assert.deepEqual(check(report, 'consumer')?.message, {
        key: 'workAccount.consumer.refused',
        params: { provider: 'Outlook.com (Hotmail)' },
      });
      assert.deepEqual(stepKeys(report), ['workAccount.next.useWorkAddress']);
      assert.equal(world.graph.requests.length + world.authority.requests.length + world.issuer.requests.length, 0);
    });

    it('no work account: no tenant owns the domain', async () => {
      const report = await world
        .service()
        .checkWorkAccount({ input: 'info@nowhere.example', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'no-work-account');
      assert.equal(check(report, 'tenant')?.status, 'fail');
      assert.deepEqual(report.nextSteps, [
        { message: { key: 'workAccount.next.createDuringEnrollment' }, link: 'partnerCenter' },
        { message: { key: 'workAccount.next.checkEntra' }, link: 'entraDomains' },
      ]);
    });

    it('needs a different domain: regional domain, with the headquarters suggestion', async () => {
      for (const input of ['contoso.uk', 'you@contoso.co.uk', 'contoso-nl.com']) {
        const report = await world.service().checkWorkAccount({ input, admin: admin(GLOBAL_ADMIN) });
        assert.equal(report.verdict, 'needs-different-domain', input);
        assert.equal(check(report, 'headquarters')?.status, 'fail');
        assert.equal(
          report.facts.headquarters?.kind === 'regional' ? report.facts.headquarters.suggested : undefined,
          'contoso.com',
        );
        assert.deepEqual(report.nextSteps, [
          { message: { key: 'workAccount.next.useHeadquarters', params: { suggested: 'contoso.com' } } },
        ]);
      }
    });

    it("needs a different domain: added to the admin's tenant but not verified", async () => {
      const report = await world.service().checkWorkAccount({ input: 'pending.example', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'needs-different-domain');
      assert.equal(check(report, 'ownTenant')?.message.key, 'workAccount.ownTenant.unverified');
      assert.deepEqual(stepKeys(report), ['workAccount.next.verifyDomain']);
      assert.equal(report.facts.ownTenant?.verified, false);
    });

    it('needs a different domain: the domain belongs to another tenant', async () => {
      const report = await world.service().checkWorkAccount({ input: 'fabrikam.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'needs-different-domain');
      assert.equal(report.facts.tenant?.tenantId, FABRIKAM_TENANT);
      assert.deepEqual(check(report, 'ownTenant')?.message, {
        key: 'workAccount.ownTenant.otherTenant',
        params: { domain: 'fabrikam.com', tenantName: 'Fabrikam, Inc.' },
      });
    });

    it('needs an admin role: the admin is neither Global nor User Administrator', async () => {
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(PLAIN_USER) });
      assert.equal(report.verdict, 'needs-admin-role');
      assert.equal(check(report, 'role')?.status, 'fail');
      assert.deepEqual(report.facts.role, { holds: false, roles: [] });
      assert.deepEqual(stepKeys(report), ['workAccount.next.askAdmin']);
    });

    it('unconfirmed: the message carried no admin identity', async () => {
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: {} });
      assert.equal(report.verdict, 'unconfirmed');
      assert.deepEqual(statuses(report), {
        syntax: 'pass',
        consumer: 'pass',
        tenant: 'pass',
        ownTenant: 'unknown',
        headquarters: 'unknown',
        role: 'unknown',
      });
      assert.equal(check(report, 'role')?.message.key, 'workAccount.cannot.noIdentity');
      assert.equal(world.graph.requestsFor('directoryRoles').length, 0);
    });

    it('unconfirmed: an admin of another tenant (Graph is app-only for the configured tenant)', async () => {
      const report = await world
        .service()
        .checkWorkAccount({ input: 'fabrikam.com', admin: { aadObjectId: GLOBAL_ADMIN, tenantId: FABRIKAM_TENANT } });
      assert.equal(report.verdict, 'unconfirmed');
      assert.equal(check(report, 'ownTenant')?.message.key, 'workAccount.ownTenant.yours');
      assert.equal(check(report, 'role')?.message.key, 'workAccount.cannot.otherTenant');
      assert.equal(world.graph.requestsFor('domains').length, 0);
    });

    it('Graph down: the tenant still comes from OpenID discovery, the rest says what could not be checked', async () => {
      for (const route of ['findTenantByDomain', 'domains', 'directoryRoles'] as const)
        world.graph.fault(route, { status: 500 });
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'unconfirmed');
      assert.equal(report.facts.tenant?.source, 'openid');
      assert.deepEqual(check(report, 'role')?.message, {
        key: 'workAccount.cannot.serverError',
        params: { source: 'Microsoft Graph' },
      });
      assert.equal(check(report, 'headquarters')?.status, 'unknown');
      assert.ok(stepKeys(report).includes('workAccount.next.tryLater'));
      assert.equal(world.authority.requests.length, 1);
    });

    it('cannot check: Graph and the login authority are both down', async () => {
      world.graph
        .fault('findTenantByDomain', { status: 503 })
        .fault('domains', { status: 503 })
        .fault('directoryRoles', { status: 503 });
      world.authority.fault({ status: 502 });
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'cannot-check');
      assert.deepEqual(check(report, 'tenant'), {
        id: 'tenant',
        status: 'unknown',
        message: { key: 'workAccount.cannot.serverError', params: { source: 'Microsoft Graph' } },
      });
      assert.deepEqual(stepKeys(report), ['workAccount.next.tryLater', 'workAccount.next.checkEntra']);
    });

    it("tenant lookups down, but the admin's own verified domain list proves the tenant", async () => {
      world.graph.fault('findTenantByDomain', { status: 500 });
      world.authority.fault({ status: 500 });
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'ready');
      assert.deepEqual(report.facts.tenant, { tenantId: CONTOSO_TENANT, source: 'ownDomains' });
    });

    it('a missing Graph permission is named in the report and in the next steps, with the consent link of the tenant', async () => {
      world.graph.fault('findTenantByDomain', { status: 403 });
      const report = await world.service().checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'ready', 'the tenant came from OpenID discovery; the other checks passed');
      assert.equal(report.facts.tenant?.source, 'openid');
      const consent = report.nextSteps.find((s) => s.message.key === 'workAccount.next.adminConsent');
      assert.equal(consent?.message.params?.permissions, 'CrossTenantInformation.ReadBasic.All');
      assert.equal(consent?.url, `${world.issuer.authorityHost}/${CONTOSO_TENANT}/adminconsent?client_id=${CLIENT_ID}`);
    });

    it('an invalid input is reported, not thrown', async () => {
      const report = await world.service().checkWorkAccount({ input: 'not an address', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'invalid-input');
      assert.deepEqual(report.checks, [
        { id: 'syntax', status: 'fail', message: { key: 'workAccount.syntax.invalidDomain' } },
      ]);
    });
  });

  describe('without Microsoft Graph (OpenID discovery only)', () => {
    beforeEach(async () => {
      world = await startWorld({ env: { GRAPH_ENABLED: 'false' } });
    });

    it('finds the tenant anonymously and says the domain and role checks need Graph', async () => {
      const service = world.service();
      assert.equal(service.mode, 'openid');
      const report = await service.checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'unconfirmed');
      assert.deepEqual(report.facts.tenant, { tenantId: CONTOSO_TENANT, source: 'openid' });
      assert.equal(check(report, 'ownTenant')?.message.key, 'workAccount.ownTenant.yours');
      assert.equal(check(report, 'role')?.message.key, 'workAccount.cannot.graphDisabled');
      assert.ok(stepKeys(report).includes('workAccount.next.setUpGraph'));
      assert.equal(world.graph.requests.length + world.issuer.requests.length, 0);
    });

    it('no work account for an unknown domain (AADSTS90002)', async () => {
      const report = await world.service().checkWorkAccount({ input: 'nowhere.example', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'no-work-account');
    });

    it('refuses a domain of personal Microsoft accounts found through discovery', async () => {
      const report = await world.service().checkWorkAccount({ input: 'msa-alias.example', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'not-allowed');
      assert.equal(check(report, 'consumer')?.message.key, 'workAccount.consumer.microsoftAccount');
    });

    it('still flags a regional-looking name, without a suggestion', async () => {
      world.authority.addDomain('contoso-uk.com', CONTOSO_TENANT);
      const report = await world.service().checkWorkAccount({ input: 'contoso-uk.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(check(report, 'headquarters')?.status, 'warn');
      assert.equal(report.verdict, 'unconfirmed');
    });

    it('reports the authority being slow as a timeout, and does not hang', async () => {
      world.authority.fault({ delayMs: 10_000 });
      const report = await world
        .service({ graph: { ...world.config, timeoutMs: 200 } })
        .checkWorkAccount({ input: 'contoso.com', admin: admin(GLOBAL_ADMIN) });
      assert.equal(report.verdict, 'cannot-check');
      assert.equal(check(report, 'tenant')?.message.key, 'workAccount.cannot.timeout');
    });
  });

  it('uses OpenID discovery only when Graph is enabled but not fully configured', async () => {
    world = await startWorld({ env: { GRAPH_CLIENT_SECRET: '' } });
    assert.equal(world.config.enabled, true);
    const service = world.service();
    assert.equal(service.mode, 'openid');
    assert.ok(
      world.logger.entries.some((e) => e.level === 'warn' && JSON.stringify(e.obj).includes('GRAPH_CLIENT_SECRET')),
    );
  });
});
