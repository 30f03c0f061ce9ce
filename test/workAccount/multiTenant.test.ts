/**
 * The work-account check for admins of any partner company: Graph with
 * GRAPH_TENANT_ID=organizations against a loopback authority (HTTPS) and a loopback Graph
 * that serve three tenants, two of which consented to the app and one of which did not.
 * Every call runs in the asking admin's tenant with a token issued for that tenant; the
 * app signs in with a secret, a certificate, or a managed identity as federated credential.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSelfSignedTls,
  fetchTrusting,
  TOKEN_EXCHANGE_AUDIENCE,
  TokenIssuer,
  type RegisteredClient,
  type TestTls,
} from '../emulators/tokenIssuer.js';
import { GraphEmulator } from '../emulators/graphEmulator.js';
import { AuthorityEmulator } from '../emulators/authorityEmulator.js';
import { configFrom } from '../../bot/config.js';
import { ROLE_TEMPLATE_IDS } from '../../services/graph/graphService.js';
import { createWorkAccountService, type WorkAccountService } from '../../services/workAccount/workAccountService.js';
import { workAccountResultData } from '../../cards/workAccountResult.js';
import { recordingLogger } from './fixtures.js';

const CLIENT_ID = '22222222-3333-4444-8555-666666666666';
const SECRET = 'loopback-multi-tenant-secret';
const PERMISSIONS = [
  'CrossTenantInformation.ReadBasic.All',
  'Domain.Read.All',
  'User.Read.All',
  'RoleManagement.Read.Directory',
];
const TENANTS = {
  contoso: {
    id: 'aaaaaaaa-0000-4000-8000-00000000000a',
    domain: 'contoso.example',
    admin: 'aaaaaaaa-0000-4000-8000-0000000000a1',
  },
  fabrikam: {
    id: 'bbbbbbbb-0000-4000-8000-00000000000b',
    domain: 'fabrikam.example',
    admin: 'bbbbbbbb-0000-4000-8000-0000000000b1',
    user: 'bbbbbbbb-0000-4000-8000-0000000000b2',
  },
  northwind: {
    id: 'cccccccc-0000-4000-8000-00000000000c',
    domain: 'northwind.example',
    admin: 'cccccccc-0000-4000-8000-0000000000c1',
  },
} as const;
const CONSENTED: readonly string[] = [TENANTS.contoso.id, TENANTS.fabrikam.id];
const MANAGED_IDENTITY = {
  clientId: '44444444-5555-4666-8777-888888888888',
  objectId: '99999999-aaaa-4bbb-8ccc-dddddddddddd',
};

interface Cloud {
  readonly tls: TestTls;
  readonly issuer: TokenIssuer;
  readonly graph: GraphEmulator;
  readonly authority: AuthorityEmulator;
  service(env: Record<string, string>): WorkAccountService;
  close(): Promise<void>;
}

async function startCloud(client: RegisteredClient): Promise<Cloud> {
  const tls = createSelfSignedTls();
  const issuer = await TokenIssuer.start({ tls, clients: { [CLIENT_ID]: client } });
  const graph = await GraphEmulator.start({ tls, verifyToken: (token) => issuer.verify(token) });
  const authority = await AuthorityEmulator.start();
  const role = (name: 'globalAdministrator' | 'userAdministrator') => ({
    displayName: name === 'globalAdministrator' ? 'Global Administrator' : 'User Administrator',
    roleTemplateId: ROLE_TEMPLATE_IDS[name],
  });
  for (const [name, t] of Object.entries(TENANTS)) {
    graph
      .addTenant({ tenantId: t.id, displayName: name, defaultDomainName: t.domain }, [t.domain])
      .setDomains(t.id, [{ id: t.domain, isDefault: true, isVerified: true }]);
    authority.addDomain(t.domain, t.id);
  }
  graph
    .setDirectoryRoles(TENANTS.contoso.id, TENANTS.contoso.admin, [role('globalAdministrator')])
    .setDirectoryRoles(TENANTS.fabrikam.id, TENANTS.fabrikam.admin, [role('userAdministrator')])
    .setDirectoryRoles(TENANTS.fabrikam.id, TENANTS.fabrikam.user, [])
    .setDirectoryRoles(TENANTS.northwind.id, TENANTS.northwind.admin, [role('globalAdministrator')]);
  const fetch = fetchTrusting(tls.cert);
  return {
    tls,
    issuer,
    graph,
    authority,
    service: (env) =>
      createWorkAccountService({
        graph: configFrom({
          NODE_ENV: 'test',
          GRAPH_ENABLED: 'true',
          GRAPH_TENANT_ID: 'organizations',
          GRAPH_CLIENT_ID: CLIENT_ID,
          GRAPH_BASE_URL: graph.baseUrl,
          GRAPH_AUTHORITY_HOST: issuer.authorityHost,
          OPENID_AUTHORITY_HOST: authority.authorityHost,
          GRAPH_MAX_RETRIES: '0',
          ...env,
        }).graph,
        logger: recordingLogger(),
        fetch,
        graphOptions: { authorityCaPem: tls.cert, sleep: () => Promise.resolve() },
      }),
    close: () => Promise.all([issuer.close(), graph.close(), authority.close()]).then(() => undefined),
  };
}

describe("work-account check in every partner's own tenant (GRAPH_TENANT_ID=organizations)", () => {
  let cloud: Cloud;
  let service: WorkAccountService;
  before(async () => {
    cloud = await startCloud({ secret: SECRET, roles: PERMISSIONS, tenants: CONSENTED });
    service = cloud.service({ GRAPH_CLIENT_SECRET: SECRET });
  });
  after(() => cloud.close());

  const check = (input: string, tenantId: string, aadObjectId: string) =>
    service.checkWorkAccount({ input, admin: { tenantId, aadObjectId } });
  /** Which tenants' tokens reached Graph while `run` ran. */
  async function tokenTenantsOf(run: () => Promise<unknown>): Promise<string[]> {
    const before = cloud.graph.requests.length;
    await run();
    return [...new Set(cloud.graph.requests.slice(before).map((r) => r.tenantId ?? 'none'))];
  }

  it('an admin of each consented tenant gets the full check of their own domain, with their own role', async () => {
    let contoso: Awaited<ReturnType<typeof check>> | undefined;
    assert.deepEqual(
      await tokenTenantsOf(
        async () =>
          (contoso = await check(`adele@${TENANTS.contoso.domain}`, TENANTS.contoso.id, TENANTS.contoso.admin)),
      ),
      [TENANTS.contoso.id],
    );
    assert.equal(contoso?.verdict, 'ready');
    assert.deepEqual(contoso?.facts.role?.roles, ['globalAdministrator']);
    assert.equal(contoso?.facts.tenant?.source, 'graph');

    let fabrikam: Awaited<ReturnType<typeof check>> | undefined;
    assert.deepEqual(
      await tokenTenantsOf(
        async () =>
          (fabrikam = await check(`nestor@${TENANTS.fabrikam.domain}`, TENANTS.fabrikam.id, TENANTS.fabrikam.admin)),
      ),
      [TENANTS.fabrikam.id],
    );
    assert.equal(fabrikam?.verdict, 'ready');
    assert.deepEqual(fabrikam?.facts.role?.roles, ['userAdministrator']);
    assert.equal(fabrikam?.facts.ownTenant?.verified, true);
  });

  it('a plain user of the second tenant is told a Global or User administrator role is needed', async () => {
    const report = await check(`joni@${TENANTS.fabrikam.domain}`, TENANTS.fabrikam.id, TENANTS.fabrikam.user);
    assert.equal(report.verdict, 'needs-admin-role');
    assert.ok(report.nextSteps.some((s) => s.message.key === 'workAccount.next.askAdmin'));
  });

  it('an admin of the tenant that has not consented gets the consent link for that tenant; the anonymous lookup still answers', async () => {
    const tokensBefore = cloud.issuer.tokenRequests.length;
    const report = await check(`alex@${TENANTS.northwind.domain}`, TENANTS.northwind.id, TENANTS.northwind.admin);
    const refused = cloud.issuer.tokenRequests.slice(tokensBefore);
    assert.ok(
      refused.length > 0 && refused.every((r) => r.tenant === TENANTS.northwind.id && r.status === 400),
      'Northwind issues no token',
    );
    assert.equal(report.verdict, 'unconfirmed');
    assert.equal(report.facts.tenant?.tenantId, TENANTS.northwind.id, 'the anonymous OpenID lookup found the tenant');
    assert.equal(report.facts.tenant?.source, 'openid');
    const consent = report.nextSteps.find((s) => s.link === 'adminConsent');
    assert.equal(
      consent?.url,
      `${cloud.issuer.authorityHost}/${TENANTS.northwind.id}/adminconsent?client_id=${CLIENT_ID}`,
    );
    assert.match(String(consent?.message.params?.permissions), /Domain\.Read\.All/);
    assert.ok(
      report.checks.some(
        (c) => c.message.key === 'workAccount.cannot.consent' && c.message.params?.tenantId === TENANTS.northwind.id,
      ),
    );
    // The card offers the link, in English and Dutch.
    for (const [locale, title] of [
      ['en-US', 'Grant admin consent'],
      ['nl-NL', 'Toestemming geven'],
    ] as const) {
      const { primary } = workAccountResultData(report, locale);
      assert.deepEqual({ title: primary.title, url: primary.url }, { title, url: consent?.url });
    }
    // A personal mailbox is still refused without any Graph call.
    const requests = cloud.graph.requests.length;
    assert.equal(
      (await check('someone@gmail.com', TENANTS.northwind.id, TENANTS.northwind.admin)).verdict,
      'not-allowed',
    );
    assert.equal(cloud.graph.requests.length, requests);
  });

  it('never sends a token of one tenant with a question about another', () => {
    assert.ok(cloud.graph.requests.length >= 6);
    for (const request of cloud.graph.requests) {
      assert.ok(
        request.tenantId && CONSENTED.includes(request.tenantId),
        `${request.path} was asked with a token of ${request.tenantId ?? 'none'}`,
      );
    }
    // Directory reads answer from the token's tenant: each admin saw only their own domains and roles (above).
    assert.equal(cloud.graph.requests.filter((r) => r.tenantId === TENANTS.northwind.id).length, 0);
  });
});

describe('Graph credentials without a secret', () => {
  it('signs in with a certificate (GRAPH_CLIENT_CERTIFICATE_PATH)', async () => {
    const certificate = createSelfSignedTls('partner-merge-bot graph', 'rsa');
    const cloud = await startCloud({ certificate: certificate.cert, roles: PERMISSIONS, tenants: CONSENTED });
    const dir = await mkdtemp(join(tmpdir(), 'pmb-cert-'));
    try {
      const path = join(dir, 'graph.pem');
      await writeFile(path, `${certificate.key}${certificate.cert}`);
      const report = await cloud.service({ GRAPH_CLIENT_CERTIFICATE_PATH: path }).checkWorkAccount({
        input: `adele@${TENANTS.contoso.domain}`,
        admin: { tenantId: TENANTS.contoso.id, aadObjectId: TENANTS.contoso.admin },
      });
      assert.equal(report.verdict, 'ready');
      const tokens = cloud.issuer.tokenRequests.filter((r) => r.status === 200);
      assert.ok(tokens.length > 0 && tokens.every((r) => r.auth === 'certificate' && r.tenant === TENANTS.contoso.id));
    } finally {
      await rm(dir, { recursive: true, force: true });
      await cloud.close();
    }
  });

  // Each cloud's federated credential accepts its own audience (Entra, "Configure an application to trust a managed
  // identity").
  const CLOUDS = [
    { cloud: 'public', audience: TOKEN_EXCHANGE_AUDIENCE, env: {} },
    { cloud: 'usgov', audience: 'api://AzureADTokenExchangeUSGov', env: { MICROSOFT_CLOUD: 'usgov' } },
    {
      cloud: 'china',
      audience: 'api://AzureADTokenExchangeChina',
      env: { MICROSOFT_CLOUD: 'china', NOTIFY_SERVICE_URL: 'https://127.0.0.1:9/teams' },
    },
  ] as const;
  describe('a managed identity as federated credential (loopback App Service identity endpoint)', () => {
    // One endpoint for the process, as in App Service: MSAL finds it once, from these two variables.
    let signer: TokenIssuer | undefined;
    const calls: Array<{ url: string; header: string | undefined }> = [];
    const identity = createServer((req: IncomingMessage, res) => {
      calls.push({
        url: req.url ?? '',
        header: typeof req.headers['x-identity-header'] === 'string' ? req.headers['x-identity-header'] : undefined,
      });
      // As App Service does: a token for the resource asked for.
      const resource = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('resource') ?? '';
      const token = signer?.sign({
        aud: resource,
        sub: MANAGED_IDENTITY.objectId,
        appid: MANAGED_IDENTITY.clientId,
        iss: signer.issuer(TENANTS.contoso.id),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: token,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource,
          token_type: 'Bearer',
          client_id: MANAGED_IDENTITY.clientId,
        }),
      );
    });
    const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
    before(async () => {
      await new Promise<void>((done) => identity.listen(0, '127.0.0.1', done));
      process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`;
      process.env.IDENTITY_HEADER = 'loopback-identity-header';
    });
    after(async () => {
      process.env.IDENTITY_ENDPOINT = saved.endpoint;
      process.env.IDENTITY_HEADER = saved.header;
      if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
      if (saved.header === undefined) delete process.env.IDENTITY_HEADER;
      await new Promise<void>((done) => identity.close(() => done()));
    });

    for (const { cloud: name, audience, env } of CLOUDS) {
      it(`signs in every partner tenant with the ${name} cloud's audience, ${audience}`, async () => {
        const cloud = await startCloud({
          federatedSubject: MANAGED_IDENTITY.objectId,
          federatedAudience: audience,
          roles: PERMISSIONS,
          tenants: CONSENTED,
        });
        signer = cloud.issuer;
        calls.length = 0;
        try {
          const service = cloud.service({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: MANAGED_IDENTITY.clientId, ...env });
          for (const t of [TENANTS.contoso, TENANTS.fabrikam]) {
            const report = await service.checkWorkAccount({
              input: `admin@${t.domain}`,
              admin: { tenantId: t.id, aadObjectId: t.admin },
            });
            assert.equal(report.verdict, 'ready', t.domain);
          }
          const tokens = cloud.issuer.tokenRequests.filter((r) => r.status === 200);
          assert.deepEqual([...new Set(tokens.map((r) => `${r.auth} ${r.tenant}`))].sort(), [
            `federated ${TENANTS.contoso.id}`,
            `federated ${TENANTS.fabrikam.id}`,
          ]);
          assert.ok(calls.length >= 1);
          const asked = new URL(calls[0]?.url ?? '', 'http://127.0.0.1');
          assert.equal(asked.searchParams.get('resource'), audience);
          assert.equal(asked.searchParams.get('client_id'), MANAGED_IDENTITY.clientId);
          assert.equal(calls[0]?.header, 'loopback-identity-header');
        } finally {
          await cloud.close();
        }
      });
    }
  });
});
