/**
 * The work-account check for partner admins whose organization has not granted the app, as
 * they live it: real HTTP to /api/messages, the work-account service built from the app's
 * config (GRAPH_TENANT_ID=organizations, the bot's home tenant in MicrosoftAppTenantId), the
 * real Graph client, and a loopback authority that refuses tokens exactly as Microsoft Entra
 * does (HTTP 400/401 with `error`, `error_description` "AADSTS…: … Trace ID … Correlation ID
 * … Timestamp …", `error_codes`, `trace_id`, `correlation_id`, `error_uri`).
 */
import assert from 'node:assert/strict';
import { TestBot, type TeamsUser } from '../harness/index.js';
import {
  createSelfSignedTls,
  fetchTrusting,
  TokenIssuer,
  type TestTls,
  type TokenRefusal,
} from '../emulators/tokenIssuer.js';
import { GraphEmulator } from '../emulators/graphEmulator.js';
import { AuthorityEmulator } from '../emulators/authorityEmulator.js';
import { ROLE_TEMPLATE_IDS } from '../../services/graph/graphService.js';
import { createWorkAccountService } from '../../services/workAccount/workAccountService.js';
import { ofType, texts } from '../cards/cardQueries.js';
import { recordingLogger } from './fixtures.js';

const CLIENT_ID = '33333333-4444-4555-8666-777777777777';
const SECRET = 'loopback-partner-secret';
const HOME = { id: 'dddddddd-0000-4000-8000-00000000000d', domain: 'operator.example', name: 'Operator BV' };
const PARTNERS: ReadonlyArray<{
  id: string;
  domain: string;
  name: string;
  admin: string;
  refusal: TokenRefusal;
  aadsts: string;
}> = [
  {
    id: 'aaaaaaaa-0000-4000-8000-0000000000a0',
    domain: 'contoso.example',
    name: 'Contoso Ltd',
    admin: 'aaaaaaaa-0000-4000-8000-0000000000a1',
    refusal: 'missingServicePrincipal',
    aadsts: '7000229',
  },
  {
    id: 'bbbbbbbb-0000-4000-8000-0000000000b0',
    domain: 'fabrikam.example',
    name: 'Fabrikam, Inc.',
    admin: 'bbbbbbbb-0000-4000-8000-0000000000b1',
    refusal: 'applicationNotFound',
    aadsts: '700016',
  },
  {
    id: 'cccccccc-0000-4000-8000-0000000000c0',
    domain: 'northwind.example',
    name: 'Northwind Traders',
    admin: 'cccccccc-0000-4000-8000-0000000000c1',
    refusal: 'consentRequired',
    aadsts: '65001',
  },
];
const DISABLED = {
  id: 'eeeeeeee-0000-4000-8000-0000000000e0',
  domain: 'litware.example',
  name: 'Litware',
  admin: 'eeeeeeee-0000-4000-8000-0000000000e1',
};
const PERMISSIONS = [
  'CrossTenantInformation.ReadBasic.All',
  'Domain.Read.All',
  'User.Read.All',
  'RoleManagement.Read.Directory',
];

interface Card {
  readonly body: unknown;
  readonly actions: ReadonlyArray<{ type: string; title: string; url?: string; data?: { command?: string } }>;
}

describe("a partner organization without consent, over HTTP (Entra's real token refusals)", function () {
  this.timeout(60_000);
  let tls: TestTls;
  let issuer: TokenIssuer;
  let graph: GraphEmulator;
  let authority: AuthorityEmulator;
  let bot: TestBot;
  const logger = recordingLogger();
  const refusals = (): Record<string, TokenRefusal> => ({
    ...Object.fromEntries(PARTNERS.map((p) => [p.id, p.refusal])),
    [DISABLED.id]: 'applicationDisabled',
  });

  before(async () => {
    tls = createSelfSignedTls();
    issuer = await TokenIssuer.start({
      tls,
      clients: { [CLIENT_ID]: { secret: SECRET, roles: PERMISSIONS, refusals: refusals() } },
    });
    graph = await GraphEmulator.start({ tls, verifyToken: (token) => issuer.verify(token) });
    authority = await AuthorityEmulator.start();
    for (const t of [HOME, ...PARTNERS, DISABLED]) {
      graph
        .addTenant({ tenantId: t.id, displayName: t.name, defaultDomainName: t.domain }, [t.domain])
        .setDomains(t.id, [{ id: t.domain, isDefault: true, isVerified: true }]);
      authority.addDomain(t.domain, t.id);
    }
    for (const p of PARTNERS)
      graph.setDirectoryRoles(p.id, p.admin, [
        { displayName: 'Global Administrator', roleTemplateId: ROLE_TEMPLATE_IDS.globalAdministrator },
      ]);
    bot = await TestBot.start({
      env: {
        GRAPH_ENABLED: 'true',
        GRAPH_TENANT_ID: 'organizations',
        MicrosoftAppTenantId: HOME.id,
        GRAPH_CLIENT_ID: CLIENT_ID,
        GRAPH_CLIENT_SECRET: SECRET,
        GRAPH_BASE_URL: graph.baseUrl,
        GRAPH_AUTHORITY_HOST: issuer.authorityHost,
        OPENID_AUTHORITY_HOST: authority.authorityHost,
        GRAPH_MAX_RETRIES: '0',
      },
      // The service the app would build from its config, over the loopback TLS.
      deps: (config) => ({
        workAccount: createWorkAccountService({
          graph: config.graph,
          logger,
          fetch: fetchTrusting(tls.cert),
          graphOptions: { authorityCaPem: tls.cert },
        }),
      }),
    });
  });
  after(async () => {
    await bot?.stop();
    await Promise.all([issuer?.close(), graph?.close(), authority?.close()]);
  });

  const userOf = (p: { id: string; admin: string }): TeamsUser => ({
    aadObjectId: p.admin,
    tenantId: p.id,
    name: 'Partner Admin',
  });
  const lastCard = (): Card => bot.connector.cards().at(-1) as unknown as Card;

  for (const partner of PARTNERS) {
    it(`AADSTS${partner.aadsts} (${partner.refusal}): the consent card names ${partner.name} and links its admin consent, in English and Dutch`, async () => {
      const before = issuer.tokenRequests.length;
      for (const [locale, title, button] of [
        ['en-US', "Your organization hasn't connected this app yet", 'Grant admin consent'],
        ['nl-NL', 'Uw organisatie heeft deze app nog niet gekoppeld', 'Toestemming geven'],
      ] as const) {
        await bot.message(`check admin@${partner.domain}`, { user: userOf(partner), locale });
        const card = lastCard();
        const shown = texts(card.body);
        assert.equal(shown[0], title);
        assert.equal(
          ofType(card.body, 'FactSet').flatMap((f) => (f.facts as Array<{ value: string }>).map((x) => x.value))[0],
          partner.name,
          'the organization, by name',
        );
        const primary = card.actions[0];
        assert.deepEqual(
          { title: primary?.title, url: primary?.url },
          { title: button, url: `${issuer.authorityHost}/${partner.id}/adminconsent?client_id=${CLIENT_ID}` },
        );
        assert.ok(
          card.actions.some((a) => a.data?.command === `check admin@${partner.domain}`),
          'Check again, without retyping',
        );
      }
      const refused = issuer.tokenRequests.slice(before).filter((r) => r.tenant === partner.id);
      assert.ok(refused.length > 0 && refused.every((r) => r.status === 400), `${partner.name} refused every token`);
    });
  }

  it('after consent, "Check again" answers without retyping', async () => {
    const [contoso] = PARTNERS;
    assert.ok(contoso);
    await bot.message(`check admin@${contoso.domain}`, { user: userOf(contoso) });
    const again = lastCard().actions.find((a) => a.title === 'Check again');
    assert.ok(again?.data?.command);
    // A Global administrator of Contoso grants consent: Contoso now issues the app tokens.
    const granted = refusals();
    delete granted[contoso.id];
    issuer.registerClient(CLIENT_ID, { secret: SECRET, roles: PERMISSIONS, refusals: granted });
    // The click: Action.Submit sends its data as the message's value, without text.
    await bot.message('', { user: userOf(contoso), extra: { value: { command: again.data.command } } });
    assert.equal(texts(lastCard().body)[0], 'contoso.example can be linked');
  });

  it('another refusal (AADSTS7000112, app disabled) says try again later, with the code in the log and no stack trace', async () => {
    await bot.message(`check admin@${DISABLED.domain}`, { user: userOf(DISABLED) });
    const card = lastCard();
    const shown = texts(card.body).join('\n');
    assert.doesNotMatch(texts(card.body)[0] ?? '', /connected this app/, 'not a consent card');
    assert.match(shown, /did not let the bot sign in just now\. Try again in a few minutes\./);
    assert.equal(card.actions[0]?.title, 'Check again');
    assert.doesNotMatch(JSON.stringify(card), /\bat \S+:\d+|AADSTS|Error:/, 'no stack, code or error text on the card');
    const logged = logger.entries.filter((e) => (e.obj as { aadsts?: string }).aadsts === 'AADSTS7000112');
    assert.ok(logged.length > 0 && logged.every((e) => e.level === 'warn'), 'the code is in the log, as a warning');
    assert.ok(
      logger.entries.every((e) => !JSON.stringify(e).includes('    at ')),
      'no stack trace in the log',
    );
  });
});
