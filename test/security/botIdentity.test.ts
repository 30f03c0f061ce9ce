/**
 * The bot's own identity without a secret, through the real entry point in a child process:
 * a multi-tenant app whose federated credential is a managed identity
 * (BOT_MANAGED_IDENTITY_CLIENT_ID), and MicrosoftAppType=UserAssignedMSI. A loopback App
 * Service identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER) and the loopback authority
 * (HTTPS) issue the tokens; the connector emulator checks the bearer token on every send.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotFrameworkAuthority } from '../emulators/botFrameworkAuthority.js';
import { createSelfSignedTls, TOKEN_EXCHANGE_AUDIENCE, TokenIssuer, type TestTls } from '../emulators/tokenIssuer.js';
import { ConnectorEmulator, teamsActivity } from '../harness/index.js';
import { spawnBot, type BotProcess } from '../harness/process.js';

const BOT_TENANT = '5e1f0c7a-3b6d-4e2f-9a81-0c4d2b7e6f10';
const OAUTH_SCOPE = 'https://api.botframework.test';
const APP_ID = 'b0b0b0b0-0000-4000-8000-0000000000a1';
const IDENTITY = { clientId: 'b0b0b0b0-0000-4000-8000-0000000000c1', objectId: 'b0b0b0b0-0000-4000-8000-0000000000d1' };

interface IdentityEndpoint {
  readonly url: string;
  readonly resources: string[];
  close(): Promise<void>;
}

/** App Service's managed identity endpoint: a token of the loopback issuer for whatever resource is asked. */
async function identityEndpoint(issuer: TokenIssuer): Promise<IdentityEndpoint> {
  const resources: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource') ?? '';
    if (
      req.headers['x-identity-header'] !== 'loopback-identity' ||
      url.searchParams.get('client_id') !== IDENTITY.clientId
    ) {
      res.writeHead(400).end(JSON.stringify({ error: 'invalid_request' }));
      return;
    }
    resources.push(resource);
    const token = issuer.sign({
      aud: resource,
      sub: IDENTITY.objectId,
      oid: IDENTITY.objectId,
      appid: IDENTITY.clientId,
      azp: IDENTITY.clientId,
      iss: issuer.issuer(BOT_TENANT),
      tid: BOT_TENANT,
      idtyp: 'app',
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource,
        token_type: 'Bearer',
        client_id: IDENTITY.clientId,
      }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`,
    resources,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

describe("the bot's own identity without a secret (npm start, loopback identity endpoint and authority)", function () {
  this.timeout(60_000);
  let tls: TestTls;
  let dir: string;
  let ca: string;
  let authority: BotFrameworkAuthority;
  before(async () => {
    tls = createSelfSignedTls();
    authority = await BotFrameworkAuthority.start(tls);
    dir = await mkdtemp(join(tmpdir(), 'pmb-identity-'));
    ca = join(dir, 'ca.pem');
    await writeFile(ca, tls.cert);
  });
  after(async () => {
    await authority.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts the bot as `appId` with `env`, says hello through the channel, and returns what the connector saw. */
  async function helloThrough(
    appId: string,
    env: Record<string, string>,
    issuer: TokenIssuer,
    identity: IdentityEndpoint,
  ) {
    const connector = await new ConnectorEmulator().start();
    // The connector takes only tokens of the loopback issuer for its audience, issued to the bot.
    connector.requireToken((token) => issuer.verify(token, { audience: OAUTH_SCOPE })?.appid === appId);
    const keys = authority.configuration({
      loginUrl: `${issuer.authorityHost}/${BOT_TENANT}`,
      oauthScope: OAUTH_SCOPE,
    });
    let bot: BotProcess | undefined;
    try {
      bot = spawnBot({
        ...Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, String(value)])),
        MicrosoftAppId: appId,
        STORE: 'memory',
        GRAPH_ENABLED: 'false',
        NODE_EXTRA_CA_CERTS: ca,
        IDENTITY_ENDPOINT: identity.url,
        IDENTITY_HEADER: 'loopback-identity',
        NOTIFY_SERVICE_URL: connector.url,
        ...env,
      });
      const url = await bot.ready;
      const activity = teamsActivity(connector.url, 'message', { extra: { text: 'help', textFormat: 'plain' } });
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${authority.sign(authority.channelClaims(appId, connector.url))}`,
        },
        body: JSON.stringify(activity),
      });
      assert.equal(res.status, 200);
      await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' && c.status === 200), 20_000);
      return {
        calls: [...connector.calls],
        refused: connector.refusedForToken,
        errors: bot.logs.filter((l) => typeof l.level === 'number' && l.level >= 50),
      };
    } finally {
      bot?.child.kill('SIGTERM');
      await bot?.exited;
      await connector.stop();
    }
  }

  it('a multi-tenant app with a managed identity as federated credential', async () => {
    const issuer = await TokenIssuer.start({ tls, clients: { [APP_ID]: { federatedSubject: IDENTITY.objectId } } });
    const identity = await identityEndpoint(issuer);
    try {
      const seen = await helloThrough(
        APP_ID,
        { MicrosoftAppType: 'MultiTenant', BOT_MANAGED_IDENTITY_CLIENT_ID: IDENTITY.clientId },
        issuer,
        identity,
      );
      assert.equal(seen.refused, 0, 'every send carried a token the connector accepts');
      assert.ok(
        seen.calls.some((c) => c.kind === 'reply'),
        'the help card went out',
      );
      assert.deepEqual(
        [...new Set(identity.resources)],
        [TOKEN_EXCHANGE_AUDIENCE],
        'the identity gave only assertions',
      );
      const issued = issuer.tokenRequests.filter((r) => r.status === 200);
      assert.ok(
        issued.length > 0 &&
          issued.every(
            (r) =>
              r.auth === 'federated' &&
              r.clientId === APP_ID &&
              r.tenant === BOT_TENANT &&
              r.scope === `${OAUTH_SCOPE}/.default`,
          ),
      );
      assert.deepEqual(seen.errors, []);
    } finally {
      await identity.close();
      await issuer.close();
    }
  });

  it("MicrosoftAppType=UserAssignedMSI (one company): the identity's own token", async () => {
    const issuer = await TokenIssuer.start({ tls, clients: {} });
    const identity = await identityEndpoint(issuer);
    try {
      const seen = await helloThrough(
        IDENTITY.clientId,
        { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: BOT_TENANT },
        issuer,
        identity,
      );
      assert.equal(seen.refused, 0);
      assert.ok(seen.calls.some((c) => c.kind === 'reply'));
      assert.ok(
        identity.resources.length > 0 && identity.resources.every((r) => r.replace(/\/\.default$/, '') === OAUTH_SCOPE),
        `asked for ${identity.resources.join(', ')}`,
      );
      assert.equal(issuer.tokenRequests.length, 0, 'no app token: the managed identity is the bot');
      assert.deepEqual(seen.errors, []);
    } finally {
      await identity.close();
      await issuer.close();
    }
  });

  it('a connector that is sent no valid token refuses it (the check above is real)', async () => {
    const connector = await new ConnectorEmulator().start();
    try {
      connector.requireToken(() => false);
      const res = await fetch(`${connector.url}/v3/conversations/a/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(res.status, 401);
      assert.equal(connector.refusedForToken, 1);
    } finally {
      await connector.stop();
    }
  });
});
