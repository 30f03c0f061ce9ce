/**
 * infra/ as the bot sees it (no Bicep compiler runs on these machines, so the templates are
 * read as text): every app setting azure.bicep writes is a variable the bot knows, a
 * production start with exactly those settings passes the config loader in both identity
 * modes, and the resources keep the promises the docs make (no keys, no stored credential,
 * multi-tenant app with a federated credential, App Service settings, data roles).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, configFrom } from '../../bot/config.js';
import { ROOT } from '../../scripts/package.js';

const bicep = readFileSync(join(ROOT, 'infra/azure.bicep'), 'utf8');
/** Set by App Service itself, read by the platform, not the bot. */
const PLATFORM_SETTINGS = new Set(['WEBSITE_RUN_FROM_PACKAGE']);

/** `{ name: 'X', value: … }` entries of a block of the template. */
function settingsIn(text: string): Array<{ name: string; value: string }> {
  return [...text.matchAll(/\{ name: '([A-Za-z_][A-Za-z0-9_]*)', value: ([^}]+?) \}/g)].map((m) => ({ name: m[1] ?? '', value: (m[2] ?? '').trim() }));
}

/** A value the config loader can read for a Bicep expression (ids are GUIDs, names names). */
function sample(value: string): string {
  const literal = /^'([^']*)'$/.exec(value);
  if (literal) return literal[1] ?? '';
  if (/clientId|tenantId|botAppId/.test(value)) return '7e57a11d-0000-4000-8000-000000000001';
  if (/storage\.name/.test(value)) return 'pmbst0123456789';
  if (/insights\.properties\.ConnectionString/.test(value)) return 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
  throw new Error(`no sample for the Bicep expression ${value}`);
}

const block = (start: string, end: string): string => {
  const from = bicep.indexOf(start);
  assert.ok(from >= 0, `${start} is in azure.bicep`);
  return bicep.slice(from, bicep.indexOf(end, from));
};
const common = settingsIn(block('appSettings: concat(', 'botIdentitySettings\n'));
const federated = settingsIn(block("var botIdentitySettings = botIdentityMode == 'federated'", '  : ['));
const oneCompany = settingsIn(block('  : [', 'resource webApp'));

describe('infra/ and the config schema', () => {
  it('writes only app settings the bot knows', () => {
    const names = [...common, ...federated, ...oneCompany].map((s) => s.name);
    assert.ok(names.length >= 12, names.join(', '));
    assert.deepEqual(names.filter((name) => !CONFIG_VARIABLES.includes(name) && !PLATFORM_SETTINGS.has(name)), []);
  });

  for (const [mode, settings] of [['federated', federated], ['userAssignedMsi', oneCompany]] as const) {
    it(`sets everything a production start needs (${mode})`, () => {
      const env = Object.fromEntries([...common, ...settings].map((s) => [s.name, sample(s.value)]));
      const config = configFrom(env);
      assert.equal(config.environment, 'production');
      assert.equal(config.anonymous, false);
      assert.equal(config.store.kind, 'azure');
      assert.equal(config.store.azureConnectionString, undefined, 'no account key');
      assert.equal(config.store.azureEndpoints?.tableUrl, 'https://pmbst0123456789.table.core.windows.net');
      assert.equal(config.store.azureEndpoints?.managedIdentityClientId, '7e57a11d-0000-4000-8000-000000000001');
      assert.equal(config.bot.appPassword, undefined, 'no bot password');
      assert.equal(config.port, 8080);
      assert.match(config.telemetry.connectionString ?? '', /^InstrumentationKey=/, 'telemetry on');
      if (mode === 'federated') {
        assert.equal(config.bot.appType, 'MultiTenant');
        assert.equal(config.bot.managedIdentityClientId, '7e57a11d-0000-4000-8000-000000000001');
        assert.equal(config.graph.tenantId, 'organizations');
        assert.deepEqual(config.graph.credential, { kind: 'managedIdentity', clientId: '7e57a11d-0000-4000-8000-000000000001' });
        assert.equal(config.graph.enabled, true);
      } else {
        assert.equal(config.bot.appType, 'UserAssignedMSI');
        assert.equal(config.bot.appTenantId, '7e57a11d-0000-4000-8000-000000000001');
      }
    });
  }

  it('keeps the promises of docs/deploy.md', () => {
    assert.match(bicep, /allowSharedKeyAccess: false/);
    assert.match(bicep, /signInAudience: 'AzureADMultipleOrgs'/);
    assert.match(bicep, /audiences: \['api:\/\/AzureADTokenExchange'\]/);
    assert.match(bicep, /subject: identity\.properties\.principalId/);
    for (const role of ['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', '974c5e8b-45b9-4653-ba55-5f855dd0fb88', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe']) assert.ok(bicep.includes(role), `data role ${role}`);
    for (const setting of ['alwaysOn: true', "ftpsState: 'Disabled'", "healthCheckPath: '/healthz'", 'httpsOnly: true', "name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1'", 'param appServicePlanCapacity int = 2']) {
      assert.ok(bicep.includes(setting), setting);
    }
    assert.match(readFileSync(join(ROOT, 'infra/botRegistration/azurebot.bicep'), 'utf8'), /msaAppType: 'UserAssignedMSI'[\s\S]*MsTeamsChannel/);
    const parameters = JSON.parse(readFileSync(join(ROOT, 'infra/azure.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const declared = [...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]);
    assert.deepEqual(Object.keys(parameters.parameters).filter((name) => !declared.includes(name)), [], 'every parameter given is declared');
  });

  it('runs on the newest LTS Node App Service on Linux offers, a Node package.json supports', () => {
    // `az webapp list-runtimes --os linux` (Azure/app-service-linux-docs, Runtime_Support/node_support.md)
    // offers NODE|22-lts and NODE|24-lts (LTS to 2028-04-30); NODE|26 is not an -lts stack yet.
    const runtime = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(bicep)?.[1];
    assert.equal(runtime, '24');
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const majors = engines.split('||').map((range) => /^\s*\^(\d+)\./.exec(range)?.[1]);
    assert.deepEqual(majors, ['20', '22', '24', '26'], `engines "${engines}" names each supported major`);
    assert.ok(majors.includes(runtime), `engines "${engines}" covers App Service's NODE|${runtime}-lts`);
  });

  it('holds no secret: not a single "secret" in infra/', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    for (const file of files(join(ROOT, 'infra'))) assert.doesNotMatch(readFileSync(file, 'utf8'), /secret|password|accountKey|listKeys/i, file);
  });
});
