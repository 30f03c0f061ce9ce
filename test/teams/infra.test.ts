/**
 * infra/ and the Toolkit files as Azure and the bot see them (no Bicep compiler or Toolkit
 * runs on these machines, so the templates are read as text), checked against values from
 * Microsoft's current documentation:
 * - every app setting azure.bicep writes is a variable the bot knows, and a production start
 *   with exactly those settings passes the config loader;
 * - the bot is a SingleTenant Azure Bot (Azure creates no new MultiTenant bots since
 *   2025-07-31) whose Entra app is multi-tenant (AzureADMultipleOrgs), created by the
 *   Toolkit's aadApp actions, with the managed identity as its federated credential;
 * - names that must be unique across Azure are derived from the resource group;
 * - the Bicep CLI pin, the Node runtime, the Graph permissions, the manifest's
 *   webApplicationInfo, the schema version and the deploy package's ignore file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, configFrom } from '../../bot/config.js';
import { ROOT } from '../../scripts/package.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const bicep = read('infra/azure.bicep');
const botBicep = read('infra/botRegistration/azurebot.bicep');
const toolkit = read('m365agents.yml');
/** Set by App Service itself, read by the platform, not the bot. */
const PLATFORM_SETTINGS = new Set(['WEBSITE_RUN_FROM_PACKAGE']);

/** `{ name: 'X', value: … }` entries of a block of the template. */
function settingsIn(text: string): Array<{ name: string; value: string }> {
  return [...text.matchAll(/\{ name: '([A-Za-z_][A-Za-z0-9_]*)', value: ([^}]+?) \}/g)].map((m) => ({
    name: m[1] ?? '',
    value: (m[2] ?? '').trim(),
  }));
}

/** A value the config loader can read for a Bicep expression (ids are GUIDs, names names). */
function sample(value: string): string {
  const literal = /^'([^']*)'$/.exec(value);
  if (literal) return literal[1] ?? '';
  if (/clientId|TenantId|botAppId/.test(value)) return '7e57a11d-0000-4000-8000-000000000001';
  if (/storage\.name/.test(value)) return 'pmbst0123456789';
  if (value === 'microsoftCloud') return 'public';
  // The parameter's default: registration closed until the operator names reviewers.
  if (value === 'registrationReviewers') return '';
  if (/insights\.properties\.ConnectionString/.test(value))
    return 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
  throw new Error(`no sample for the Bicep expression ${value}`);
}

const block = (text: string, start: string, end: string): string => {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `${start} is in the template`);
  return text.slice(from, text.indexOf(end, from));
};
const appSettings = settingsIn(block(bicep, 'appSettings: [', '\n      ]'));

/** The semantic version of a `vX.Y.Z` pin, as numbers. */
const version = (pin: string): number[] => pin.replace(/^v/, '').split('.').map(Number);
const atLeast = (pin: string, minimum: string): boolean => {
  const [a, b] = [version(pin), version(minimum)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('infra/ and the config schema', () => {
  it('writes only app settings the bot knows', () => {
    const names = appSettings.map((s) => s.name);
    assert.ok(names.length >= 14, names.join(', '));
    assert.deepEqual(
      names.filter((name) => !CONFIG_VARIABLES.includes(name) && !PLATFORM_SETTINGS.has(name)),
      [],
    );
  });

  it('sets everything a production start needs: SingleTenant bot, federated credential, Graph in every tenant, keyless storage', () => {
    const env = Object.fromEntries(appSettings.map((s) => [s.name, sample(s.value)]));
    const config = configFrom(env);
    assert.equal(config.environment, 'production');
    assert.equal(config.anonymous, false);
    assert.equal(config.bot.appType, 'SingleTenant');
    assert.equal(config.bot.appTenantId, '7e57a11d-0000-4000-8000-000000000001');
    assert.equal(config.bot.appPassword, undefined, 'no bot password');
    assert.equal(config.bot.managedIdentityClientId, '7e57a11d-0000-4000-8000-000000000001');
    assert.equal(config.graph.tenantId, 'organizations');
    assert.deepEqual(config.registration.reviewers, [], 'no demo reviewer in production');
    assert.deepEqual(config.graph.credential, {
      kind: 'managedIdentity',
      clientId: '7e57a11d-0000-4000-8000-000000000001',
    });
    assert.equal(config.graph.enabled, true);
    assert.equal(config.store.kind, 'azure');
    assert.equal(config.store.azureConnectionString, undefined, 'no account key');
    assert.equal(config.store.azureEndpoints?.tableUrl, 'https://pmbst0123456789.table.core.windows.net');
    assert.equal(config.store.azureEndpoints?.managedIdentityClientId, '7e57a11d-0000-4000-8000-000000000001');
    assert.equal(config.port, 8080);
    assert.match(config.telemetry.connectionString ?? '', /^InstrumentationKey=/, 'telemetry on');
  });

  it('registers a SingleTenant Azure Bot with the Teams channel, and nowhere a MultiTenant bot', () => {
    assert.match(botBicep, /resource botService 'Microsoft\.BotService\/botServices@2022-09-15'/);
    assert.match(botBicep, /msaAppType: 'SingleTenant'/);
    assert.match(botBicep, /msaAppId: botAppId/);
    assert.match(botBicep, /msaAppTenantId: botAppTenantId/);
    assert.match(botBicep, /name: 'MsTeamsChannel'[\s\S]*channelName: 'MsTeamsChannel'[\s\S]*isEnabled: true/);
    assert.match(bicep, /module azureBotRegistration '\.\/botRegistration\/azurebot\.bicep' = \{/, 'always deployed');
    assert.match(bicep, /botAppTenantId: botAppTenantId/);
    for (const [file, text] of [
      ['infra/azure.bicep', bicep],
      ['infra/botRegistration/azurebot.bicep', botBicep],
      ['m365agents.yml', toolkit],
    ] as const) {
      assert.doesNotMatch(
        text,
        /'MultiTenant'|MicrosoftAppType: MultiTenant|value: 'MultiTenant'/,
        `${file}: no MultiTenant bot type`,
      );
    }
    assert.doesNotMatch(
      toolkit,
      /botFramework\/create/,
      'the Azure environment registers the bot as an Azure Bot resource',
    );
    assert.match(read('infra/azure.parameters.json'), /"botAppId": \{\s*"value": "\$\{\{BOT_ID\}\}"/);
    assert.match(read('infra/azure.parameters.json'), /"botAppTenantId": \{\s*"value": "\$\{\{BOT_TENANT_ID\}\}"/);
  });

  it("creates the multi-tenant Entra app with the Toolkit's own actions: no secret, no Graph Bicep", () => {
    const create = block(toolkit, '- uses: aadApp/create', '\n\n');
    assert.match(create, /generateClientSecret: false/);
    assert.match(create, /signInAudience: AzureADMultipleOrgs/);
    assert.match(create, /clientId: BOT_ID/);
    assert.match(create, /objectId: BOT_OBJECT_ID/);
    assert.match(create, /tenantId: BOT_TENANT_ID/);
    assert.match(toolkit, /- uses: aadApp\/update\n\s+with:\n\s+manifestPath: \.\/infra\/aad\.manifest\.json/);
    // The order that makes it work: the app, then Azure (which needs BOT_ID), then the credential (which needs the
    // identity).
    const order = [
      'uses: aadApp/create',
      'uses: aadApp/update',
      'uses: arm/deploy',
      'scripts/federatedCredential.ts',
    ].map((s) => toolkit.indexOf(s));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'app, manifest, Azure resources, federated credential',
    );
    assert.ok(order.every((i) => i > 0));
    // Graph Bicep deploys interactively only from Azure CLI or PowerShell, never from the Toolkit.
    for (const file of filesUnder('infra'))
      assert.doesNotMatch(read(file), /Microsoft\.Graph\/|extension microsoftGraph/, file);
  });

  it('pins a Bicep CLI that Graph Bicep accepts (v0.36.1 or newer), should a template use it again', () => {
    const pin = /bicepCliVersion: (v\d+\.\d+\.\d+)/.exec(toolkit)?.[1];
    assert.ok(pin, 'arm/deploy pins the Bicep CLI');
    assert.ok(atLeast(pin, 'v0.36.1'), `${pin} >= v0.36.1`);
  });

  it("asks for the Graph application permissions the bot uses, and has the manifest's webApplicationInfo for installing itself", () => {
    const manifest = JSON.parse(read('infra/aad.manifest.json')) as {
      signInAudience: string;
      displayName: string;
      requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
    };
    assert.equal(manifest.signInAudience, 'AzureADMultipleOrgs');
    assert.ok(manifest.displayName, 'the Graph-style manifest (displayName)');
    const graph = manifest.requiredResourceAccess.find(
      (r) => r.resourceAppId === '00000003-0000-0000-c000-000000000000',
    );
    // Ids from Microsoft Graph's permissions reference (application permissions).
    const expected = {
      'cac88765-0581-4025-9725-5ebc13f729ee': 'CrossTenantInformation.ReadBasic.All',
      'dbb9058a-0e50-45d7-ae91-66909b5d4664': 'Domain.Read.All',
      'df021288-bdef-4463-88db-98f22de89214': 'User.Read.All',
      '483bed4a-2ad3-4361-a73b-c83ccdbdc53c': 'RoleManagement.Read.Directory',
      '908de74d-f8b2-4d6b-a9ed-2a17b3b78179': 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    };
    assert.deepEqual(graph?.resourceAccess.map((r) => r.id).sort(), Object.keys(expected).sort());
    assert.ok(
      graph.resourceAccess.every((r) => r.type === 'Role'),
      'application permissions',
    );
    const teams = JSON.parse(read('appPackage/manifest.json')) as {
      webApplicationInfo?: { id: string; resource: string };
    };
    assert.equal(teams.webApplicationInfo?.id, '${{BOT_ID}}', 'webApplicationInfo.id is the bot app');
    assert.match(teams.webApplicationInfo.resource, /^api:\/\/botid-\$\{\{BOT_ID\}\}$/);
  });

  it('derives the names that must be unique across Azure from the resource group', () => {
    assert.match(bicep, /var unique = uniqueString\(resourceGroup\(\)\.id, resourceBaseName\)/);
    assert.match(bicep, /var webAppName = '\$\{resourceBaseName\}-\$\{unique\}'/);
    assert.match(bicep, /var botServiceName = '\$\{resourceBaseName\}-\$\{unique\}'/);
    assert.match(
      bicep,
      /var storageName = toLower\(take\(replace\('\$\{resourceBaseName\}st\$\{unique\}', '-', ''\), 24\)\)/,
    );
    const base = /"resourceBaseName": \{\s*"value": "([^"]+)"/.exec(read('infra/azure.parameters.json'))?.[1] ?? '';
    assert.doesNotMatch(base, /RESOURCE_SUFFIX/, 'no hand-made suffix');
    // With a 13-character uniqueString the web app name stays within App Service's 60 and the storage name within 24.
    const longest = base.replace('${{TEAMSFX_ENV}}', 'x'.repeat(10));
    assert.ok(`${longest}-${'u'.repeat(13)}`.length <= 60);
  });

  it('keeps the promises of docs/deploy.md: keyless storage, data roles, App Service settings', () => {
    assert.match(bicep, /allowSharedKeyAccess: false/);
    for (const role of [
      '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
      '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
      'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    ])
      assert.ok(bicep.includes(role), `data role ${role}`);
    assert.match(
      bicep,
      /resource operatorRoleAssignments [\s\S]*if \(!empty\(operatorPrincipalId\)\)/,
      'the operator may get table and queue roles',
    );
    for (const setting of [
      'alwaysOn: true',
      "ftpsState: 'Disabled'",
      "healthCheckPath: '/healthz'",
      'httpsOnly: true',
      "name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1'",
      'param appServicePlanCapacity int = 2',
    ]) {
      assert.ok(bicep.includes(setting), setting);
    }
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> };
    const declared = [...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]);
    assert.deepEqual(
      Object.keys(parameters.parameters).filter((name) => !declared.includes(name)),
      [],
      'every parameter given is declared',
    );
  });

  it('runs on the newest LTS Node App Service on Linux offers, a Node package.json supports', () => {
    // `az webapp list-runtimes --os linux` (Azure/app-service-linux-docs, Runtime_Support/node_support.md)
    // offers NODE|22-lts and NODE|24-lts (LTS to 2028-04-30); NODE|26 is not an -lts stack yet.
    const runtime = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(bicep)?.[1];
    assert.equal(runtime, '24');
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const majors = engines.split('||').map((range) => /^\s*\^(\d+)\./.exec(range)?.[1]);
    assert.deepEqual(majors, ['20', '22', '24', '26'], `engines "${engines}" names each supported major`);
    assert.ok(majors.includes(runtime), `engines "${engines}" covers App Service's NODE|${runtime}-lts`);
  });

  it('uses the Toolkit schema the current templates use, in every project file', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml']) {
      const text = read(file);
      assert.match(
        text,
        /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m,
        file,
      );
      assert.match(text, /^version: v1\.11$/m, file);
    }
  });

  it('.webappignore leaves node_modules whole: every folder pattern is anchored at the root', () => {
    const lines = read('.webappignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const line of lines) assert.ok(line.startsWith('/'), `${line} would also match inside node_modules`);
    for (const folder of ['/test/', '/data/', '/env/', '/bot/', '/services/'])
      assert.ok(lines.includes(folder), `${folder} stays behind`);
    for (const kept of ['/dist/', '/node_modules/', '/package.json'])
      assert.ok(!lines.includes(kept), `${kept} is deployed`);
  });

  it('holds no secret: not a single "secret" in infra/', () => {
    for (const file of filesUnder('infra'))
      assert.doesNotMatch(read(file), /secret|password|accountKey|listKeys/i, file);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) =>
    statSync(join(ROOT, dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)],
  );
}
