/**
 * STORE=azure without a connection string: Azurite on HTTPS with `--oauth basic` and Entra
 * tokens from a loopback App Service identity endpoint (signed by the loopback authority),
 * as the bot's managed identity gets them in App Service. Azurite refuses a request without
 * a token; then the Azure suites (store conformance, queue conformance, two instances) run
 * again that way in a child mocha, which trusts Azurite's certificate (NODE_EXTRA_CA_CERTS,
 * read by Node only at start) and finds the identity endpoint through IDENTITY_ENDPOINT.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSelfSignedTls, fetchTrusting, TokenIssuer } from '../emulators/tokenIssuer.js';
import { STORAGE_IDENTITY_CLIENT_ID, startAzurite } from './azurite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = '5a5a5a5a-0000-4000-8000-00000000000a';
const STORAGE_AUDIENCE = 'https://storage.azure.com';

describe('STORE=azure with Entra tokens instead of keys (Azurite --oauth basic over HTTPS)', function () {
  this.timeout(600_000);
  let dir: string;
  let issuer: TokenIssuer;
  let identity: Server;
  let identityUrl: string;
  const asked: string[] = [];
  const saved = { cert: process.env.PMB_AZURITE_OAUTH_CERT, key: process.env.PMB_AZURITE_OAUTH_KEY };
  const tls = createSelfSignedTls();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmb-oauth-'));
    await Promise.all([writeFile(join(dir, 'cert.pem'), tls.cert), writeFile(join(dir, 'key.pem'), tls.key)]);
    issuer = await TokenIssuer.start({ tls, clients: {} });
    // App Service's identity endpoint: storage tokens as Entra issues them (v1 issuer, storage audience).
    identity = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const resource = url.searchParams.get('resource') ?? '';
      asked.push(`${url.searchParams.get('client_id') ?? ''} ${resource}`);
      if (
        req.headers['x-identity-header'] !== 'loopback-identity' ||
        url.searchParams.get('client_id') !== STORAGE_IDENTITY_CLIENT_ID
      ) {
        res.writeHead(400).end('{"error":"invalid_request"}');
        return;
      }
      const token = issuer.sign({
        aud: resource.replace(/\/\.default$/, ''),
        iss: `https://sts.windows.net/${TENANT}/`,
        tid: TENANT,
        appid: STORAGE_IDENTITY_CLIENT_ID,
        oid: STORAGE_IDENTITY_CLIENT_ID,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: token,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource,
          token_type: 'Bearer',
          client_id: STORAGE_IDENTITY_CLIENT_ID,
        }),
      );
    });
    await new Promise<void>((done) => identity.listen(0, '127.0.0.1', done));
    identityUrl = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`;
  });

  after(async () => {
    process.env.PMB_AZURITE_OAUTH_CERT = saved.cert;
    process.env.PMB_AZURITE_OAUTH_KEY = saved.key;
    if (saved.cert === undefined) delete process.env.PMB_AZURITE_OAUTH_CERT;
    if (saved.key === undefined) delete process.env.PMB_AZURITE_OAUTH_KEY;
    await new Promise<void>((done) => identity.close(() => done()));
    await issuer.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('Azurite refuses a request without a token, and takes one with a storage token', async () => {
    process.env.PMB_AZURITE_OAUTH_CERT = join(dir, 'cert.pem');
    process.env.PMB_AZURITE_OAUTH_KEY = join(dir, 'key.pem');
    const azurite = await startAzurite();
    try {
      assert.equal(azurite.oauth, true);
      const access = azurite.access('table');
      assert.ok('url' in access && access.url.startsWith('https://'));
      const fetchTls = fetchTrusting(tls.cert);
      const headers = {
        accept: 'application/json;odata=nometadata',
        'x-ms-version': '2019-02-02',
        'x-ms-date': new Date().toUTCString(),
      };
      const anonymous = await fetchTls(`${access.url}/Tables`, { headers });
      assert.ok(anonymous.status === 401 || anonymous.status === 403, `without a token: ${anonymous.status}`);
      const token = issuer.sign({ aud: STORAGE_AUDIENCE, iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT });
      const authorized = await fetchTls(`${access.url}/Tables`, {
        headers: { ...headers, authorization: `Bearer ${token}` },
      });
      assert.equal(authorized.status, 200);
    } finally {
      await azurite.stop();
    }
  });

  it('passes the store and queue conformance suites, the two-instance test and the operator commands that way', async () => {
    const suites = [
      'test/azure/azureStore.test.ts',
      'test/azure/azureQueue.test.ts',
      'test/azure/twoInstances.test.ts',
      'test/azure/operator.test.ts',
    ];
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--node-option',
        'import=tsx',
        '--timeout',
        '60000',
        '--exit',
        '--reporter',
        'dot',
        ...suites,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PMB_AZURITE_OAUTH_CERT: join(dir, 'cert.pem'),
          PMB_AZURITE_OAUTH_KEY: join(dir, 'key.pem'),
          NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
          IDENTITY_ENDPOINT: identityUrl,
          IDENTITY_HEADER: 'loopback-identity',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    const passing = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
    assert.equal(code, 0, output.slice(-4000));
    assert.doesNotMatch(output, /\d+ failing/);
    assert.ok(passing >= 40, `${passing} tests passed:\n${output.slice(-1500)}`);
    // Every storage token came from the identity, for the storage audience, for the one identity named.
    assert.ok(asked.length > 0);
    assert.deepEqual([...new Set(asked)], [`${STORAGE_IDENTITY_CLIENT_ID} ${STORAGE_AUDIENCE}`]);
  });
});
