/**
 * scripts/federatedCredential.ts, the provision step that makes the managed identity the bot
 * app's federated credential, run as `atk provision` runs it, against a loopback stand-in
 * for the Azure CLI on PATH. The stand-in answers as `az` does: `account show --query
 * tenantId -o tsv` prints the signed-in tenant; `ad app federated-credential list` prints
 * the credentials as JSON (name, issuer, subject, audiences, description, id); `create`
 * refuses a name that exists; `update --federated-credential-id` replaces one; a refusal is
 * a message on stderr and exit status 1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../scripts/package.js';
import { CREDENTIAL_NAME, desiredCredential, planFor } from '../../scripts/federatedCredential.js';

const APP = '0a0a0a0a-0000-4000-8000-00000000a001';
const TENANT = '7e7e7e7e-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '7e7e7e7e-0000-4000-8000-0000000000bb';
const PRINCIPAL = '9c9c9c9c-0000-4000-8000-00000000c001';

interface AzState {
  tenant: string;
  apps: Record<string, Array<Record<string, unknown>>>;
  calls: string[];
}

/** The Azure CLI stand-in: a Node script named `az`, its state in a JSON file. */
const FAKE_AZ = `#!/usr/bin/env node
const fs = require('node:fs');
const file = process.env.FAKE_AZ_STATE;
const state = JSON.parse(fs.readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
state.calls.push(args.join(' '));
const save = () => fs.writeFileSync(file, JSON.stringify(state));
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const fail = (message) => { save(); process.stderr.write('ERROR: ' + message + '\\n'); process.exit(1); };
if (args[0] === 'account' && args[1] === 'show') {
  if (!state.tenant) fail("Please run 'az login' to setup account.");
  save(); process.stdout.write(state.tenant + '\\n'); process.exit(0);
}
if (args.slice(0, 3).join(' ') === 'ad app federated-credential') {
  const credentials = state.apps[opt('--id')];
  if (!credentials) fail("Resource '" + opt('--id') + "' does not exist or one of its queried reference-property objects are not present.");
  const read = () => { const p = opt('--parameters'); return JSON.parse(fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : p); };
  if (args[3] === 'list') { save(); process.stdout.write(JSON.stringify(credentials, null, 2) + '\\n'); process.exit(0); }
  if (args[3] === 'create') {
    const c = read();
    for (const key of ['name', 'issuer', 'subject', 'audiences']) if (c[key] === undefined) fail("Property '" + key + "' is required.");
    if (credentials.some((x) => x.name === c.name)) fail('FederatedIdentityCredential with name ' + c.name + ' already exists.');
    credentials.push({ ...c, id: 'fic-' + credentials.length });
    save(); process.exit(0);
  }
  if (args[3] === 'update') {
    const i = credentials.findIndex((x) => x.name === opt('--federated-credential-id') || x.id === opt('--federated-credential-id'));
    if (i < 0) fail('Resource does not exist.');
    credentials[i] = { ...read(), id: credentials[i].id };
    save(); process.exit(0);
  }
}
fail('az: unknown command ' + args.join(' '));
`;

describe("the bot app's federated credential (scripts/federatedCredential.ts, Azure CLI stand-in)", function () {
  this.timeout(60_000);
  let dir: string;
  let stateFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pmb-fic-test-'));
    stateFile = join(dir, 'state.json');
    writeFileSync(join(dir, 'az'), FAKE_AZ);
    chmodSync(join(dir, 'az'), 0o755);
    setState({ tenant: TENANT, apps: { [APP]: [] }, calls: [] });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setState = (state: AzState): void => writeFileSync(stateFile, JSON.stringify(state));
  const state = (): AzState => JSON.parse(readFileSync(stateFile, 'utf8')) as AzState;
  const run = (
    args: Record<string, string>,
    withAz = true,
  ): { status: number | null; stdout: string; stderr: string } => {
    const flags = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
    const path = withAz
      ? `${dir}:${dirname(process.execPath)}:/usr/bin:/bin`
      : `${dirname(process.execPath)}:/usr/bin:/bin`;
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/federatedCredential.ts'), ...flags],
      { cwd: ROOT, encoding: 'utf8', env: { PATH: path, FAKE_AZ_STATE: stateFile, HOME: dir } },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const provision = { app: APP, 'app-tenant': TENANT, subject: PRINCIPAL, 'identity-tenant': TENANT, cloud: 'public' };

  it("creates it once: issuer of the tenant, the identity's principal id, the public audience; a second run changes nothing", () => {
    const first = run(provision);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /created/);
    assert.deepEqual(
      state().apps[APP]?.map(({ name, issuer, subject, audiences }) => ({ name, issuer, subject, audiences })),
      [
        {
          name: CREDENTIAL_NAME,
          issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
          subject: PRINCIPAL,
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
    );
    const second = run(provision);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /up to date/);
    assert.equal(state().calls.filter((c) => / create /.test(c)).length, 1, 'created once');
    assert.equal(state().calls.filter((c) => / update /.test(c)).length, 0);
  });

  it('updates it when the identity changed (a new managed identity after re-provisioning)', () => {
    assert.equal(run(provision).status, 0);
    const other = '9c9c9c9c-0000-4000-8000-00000000c002';
    const again = run({ ...provision, subject: other });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /updated/);
    assert.deepEqual(
      state().apps[APP]?.map((c) => c.subject),
      [other],
    );
  });

  it('uses the audience and sign-in host of US Government and China', () => {
    assert.equal(run({ ...provision, cloud: 'usgov' }).status, 0);
    assert.deepEqual(
      state().apps[APP]?.map((c) => [c.issuer, c.audiences]),
      [[`https://login.microsoftonline.us/${TENANT}/v2.0`, ['api://AzureADTokenExchangeUSGov']]],
    );
    setState({ tenant: TENANT, apps: { [APP]: [] }, calls: [] });
    assert.equal(run({ ...provision, cloud: 'china' }).status, 0);
    assert.deepEqual(
      state().apps[APP]?.map((c) => c.audiences),
      [['api://AzureADTokenExchangeChina']],
    );
  });

  it('refuses an app and an identity of two tenants before asking az anything', () => {
    const result = run({ ...provision, 'identity-tenant': OTHER_TENANT });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /needs both in one tenant/);
    assert.deepEqual(state().calls, []);
  });

  it('says which tenant to sign in to when az is signed in elsewhere, and creates nothing', () => {
    setState({ tenant: OTHER_TENANT, apps: { [APP]: [] }, calls: [] });
    const result = run(provision);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`az login --tenant ${TENANT}`));
    assert.deepEqual(state().apps[APP], []);
  });

  it('says that the Azure CLI is needed when it is not installed', () => {
    const result = run(provision, false);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Azure CLI \(az\) is not installed/);
  });

  it('refuses values that are not GUIDs (a step that ran before its input was written)', () => {
    const result = run({ ...provision, subject: '${{BOT_MANAGED_IDENTITY_PRINCIPAL_ID}}' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--subject must be a GUID/);
  });

  it('plans by name: create, update or nothing', () => {
    const desired = desiredCredential({
      app: APP,
      appTenant: TENANT,
      subject: PRINCIPAL,
      identityTenant: TENANT,
      cloud: 'public',
    });
    assert.equal(planFor([], desired), 'create');
    assert.equal(planFor([{ ...desired, description: 'edited by hand' }], desired), 'none');
    assert.equal(planFor([{ ...desired, audiences: ['api://AzureADTokenExchangeUSGov'] }], desired), 'update');
    assert.equal(planFor([{ ...desired, name: 'someone-else' }], desired), 'create');
  });
});
