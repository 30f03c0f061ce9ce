/**
 * Every Microsoft cloud: the MICROSOFT_CLOUD presets and botbuilder's own configuration
 * keys, read by the real config loader; and the real entry point (`npm start`'s code path,
 * in a child process) authenticating the channel against the OpenID metadata and JWKS
 * those keys name (a loopback HTTPS authority).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GovernmentConstants } from 'botframework-connector';
import { ConfigError, configFrom } from '../../bot/config.js';
import { BotFrameworkAuthority } from '../emulators/botFrameworkAuthority.js';
import { createSelfSignedTls } from '../emulators/tokenIssuer.js';
import { spawnBot, type BotProcess } from '../harness/process.js';
import { teamsActivity } from '../harness/index.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    configFrom(env);
    return [];
  } catch (err: unknown) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
};

describe('Microsoft clouds: presets and botbuilder keys', () => {
  it('the public cloud leaves botbuilder its defaults', () => {
    const config = configFrom({});
    assert.equal(config.cloud, 'public');
    assert.deepEqual(config.bot.channel, {});
    assert.equal(config.graph.baseUrl, 'https://graph.microsoft.com/v1.0');
    assert.equal(config.graph.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(config.notifications.serviceUrl, 'https://smba.trafficmanager.net/teams/');
  });

  it("usgovhigh resolves to Azure Government's Bot Framework, Graph and sign-in and Teams GCC High", () => {
    const config = configFrom({ MICROSOFT_CLOUD: 'usgovhigh' });
    assert.deepEqual(config.bot.channel, {
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://api.botframework.azure.us',
      CallerId: 'urn:botframework:azureusgov',
      ValidateAuthority: true,
    });
    // The same values botframework-connector ships.
    assert.equal(
      config.bot.channel.ToBotFromChannelOpenIdMetadataUrl,
      GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
    );
    assert.equal(config.graph.baseUrl, 'https://graph.microsoft.us/v1.0');
    assert.equal(config.graph.authorityHost, 'https://login.microsoftonline.us');
    assert.equal(config.graph.openIdAuthorityHost, 'https://login.microsoftonline.us');
    assert.equal(config.notifications.serviceUrl, 'https://smba.infra.gov.teams.microsoft.us/teams/');
    assert.equal(configFrom({ MICROSOFT_CLOUD: 'dod' }).graph.baseUrl, 'https://dod-graph.microsoft.us/v1.0');
    assert.equal(
      configFrom({ MICROSOFT_CLOUD: 'usgov' }).notifications.serviceUrl,
      'https://smba.infra.gcc.teams.microsoft.com/teams/',
    );
    assert.equal(
      configFrom({ MICROSOFT_CLOUD: 'china', NOTIFY_SERVICE_URL: 'https://teams.example.cn/teams' }).graph.baseUrl,
      'https://microsoftgraph.chinacloudapi.cn/v1.0',
    );
  });

  it('each cloud has its own federated-credential audience, for the bot and for Graph', () => {
    const expected = {
      public: 'api://AzureADTokenExchange',
      usgov: 'api://AzureADTokenExchangeUSGov',
      usgovhigh: 'api://AzureADTokenExchangeUSGov',
      dod: 'api://AzureADTokenExchangeUSGov',
      china: 'api://AzureADTokenExchangeChina',
    };
    for (const [cloud, audience] of Object.entries(expected)) {
      const config = configFrom({ MICROSOFT_CLOUD: cloud, NOTIFY_SERVICE_URL: 'https://teams.example/teams' });
      assert.equal(config.bot.tokenExchangeAudience, audience, cloud);
      assert.equal(config.graph.tokenExchangeAudience, audience, cloud);
    }
  });

  it('explicit variables win over the preset', () => {
    const config = configFrom({
      MICROSOFT_CLOUD: 'usgovhigh',
      ToBotFromChannelTokenIssuer: 'https://issuer.example',
      ValidateAuthority: 'false',
      GRAPH_BASE_URL: 'https://graph.example/v1.0',
    });
    assert.equal(config.bot.channel.ToBotFromChannelTokenIssuer, 'https://issuer.example');
    assert.equal(config.bot.channel.ValidateAuthority, false);
    assert.equal(config.bot.channel.OAuthUrl, GovernmentConstants.OAuthUrl);
    assert.equal(config.graph.baseUrl, 'https://graph.example/v1.0');
  });

  it('fails fast, naming the variable', () => {
    assert.match(problemsOf({ MICROSOFT_CLOUD: 'mars' }).join('\n'), /^MICROSOFT_CLOUD: /m);
    assert.match(
      problemsOf({ ToBotFromChannelOpenIdMetadataUrl: 'http://login.example/metadata' }).join('\n'),
      /^ToBotFromChannelOpenIdMetadataUrl: must be an https URL/m,
    );
    assert.match(problemsOf({ CallerId: 'azure' }).join('\n'), /^CallerId: must be a URN/m);
    assert.match(problemsOf({ ValidateAuthority: 'yes' }).join('\n'), /^ValidateAuthority: /m);
    assert.match(
      problemsOf({ MICROSOFT_CLOUD: 'china' }).join('\n'),
      /^NOTIFY_SERVICE_URL: is required when MICROSOFT_CLOUD=china/m,
    );
    assert.match(
      problemsOf({ GRAPH_TENANT_ID: 'common' }).join('\n'),
      /^GRAPH_TENANT_ID: must be a GUID \(one tenant\) or "organizations"/m,
    );
    assert.match(
      problemsOf({ GRAPH_CLIENT_SECRET: 'x', GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'system' }).join('\n'),
      /set only one Graph credential/,
    );
  });
});

describe('npm start with botbuilder keys pointing at a loopback authority (HTTPS)', function () {
  this.timeout(60_000);
  const appId = 'c1d2e3f4-0000-4000-8000-00000000c10d';
  let authority: BotFrameworkAuthority;
  let bot: BotProcess;
  let url: string;
  let dir: string;

  before(async () => {
    const tls = createSelfSignedTls();
    authority = await BotFrameworkAuthority.start(tls);
    dir = await mkdtemp(join(tmpdir(), 'pmb-cloud-'));
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, tls.cert);
    const keys = authority.configuration({
      loginUrl: `${authority.origin}/botframework.test`,
      oauthScope: 'https://api.botframework.test',
    });
    const env = Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, String(value)]));
    bot = spawnBot({
      ...env,
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'loopback-secret',
      STORE: 'memory',
      GRAPH_ENABLED: 'false',
      NODE_EXTRA_CA_CERTS: ca,
    });
    url = await bot.ready;
  });

  after(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await authority?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (authorization: string) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(
        teamsActivity('https://smba.example/teams', 'conversationUpdate', { extra: { membersAdded: [] } }),
      ),
    });

  it('accepts a channel token signed with the published key, and refuses a forged one with 401', async () => {
    const signed = await post(`Bearer ${authority.sign(authority.channelClaims(appId, 'https://smba.example/teams'))}`);
    assert.ok(signed.status === 200 || signed.status === 202, `signed: ${signed.status}`);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await post(
      `Bearer ${authority.sign(authority.channelClaims(appId, 'https://smba.example/teams'), { key: privateKey })}`,
    );
    assert.equal(forged.status, 401);
    // The channel's metadata and keys came from where the variables said.
    assert.ok(
      authority.requests.some((r) => /openid/i.test(r.path)),
      'metadata was fetched from the loopback authority',
    );
  });

  it('/healthz names the cloud and the Graph mode, never a credential', async () => {
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    assert.equal(health.cloud, 'public');
    assert.deepEqual(health.graph, { mode: 'off' });
    assert.doesNotMatch(JSON.stringify(health), /loopback-secret/);
  });
});
