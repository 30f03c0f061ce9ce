/**
 * The Agents Toolkit project files and the Playground's configuration: every `${{VAR}}` a
 * Toolkit step reads is written by an earlier step or defined in the env files, the files
 * they name exist, secrets stay out of git, and the Playground users are the demo data's
 * Account admins.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { DEMO } from '../../services/demo/demoData.js';
import { ROOT } from '../../scripts/package.js';
import {
  PLAYGROUND_PROFILES,
  playgroundConfigPath,
  playgroundConfigYaml,
  type PlaygroundPerson,
} from '../../scripts/playground.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Variables the Toolkit itself provides. */
const BUILT_IN = new Set(['TEAMSFX_ENV']);
/** What `atk provision` asks for (or takes from the environment) when it deploys to Azure. */
const AZURE_INPUTS = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

/** The `output NAME` lines of infra/azure.bicep. */
function bicepOutputs(): string[] {
  return [...read('infra/azure.bicep').matchAll(/^output ([A-Z_][A-Z0-9_]*) /gm)].map((m) => m[1] ?? '');
}

/** `${{VAR}}` uses and `writeToEnvironmentFile` outputs, in file order. */
function toolkitVariables(yaml: string): { used: string[]; written: string[] } {
  const used: string[] = [];
  const written: string[] = [];
  let inOutputs = false;
  for (const line of yaml.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (/^\s+writeToEnvironmentFile:\s*$/.test(line)) {
      inOutputs = true;
      continue;
    }
    if (inOutputs && /^\s+[A-Za-z]+:\s+[A-Z_][A-Z0-9_]*\s*$/.test(line)) {
      written.push(line.split(':')[1]!.trim());
      continue;
    }
    inOutputs = false;
    for (const m of line.matchAll(/\$\{\{\s*([A-Z_][A-Z0-9_]*)\s*\}\}/g)) {
      const name = m[1]!;
      if (!written.includes(name)) used.push(name);
    }
  }
  return { used, written };
}

describe('Agents Toolkit project files', () => {
  for (const [file, env] of [
    ['m365agents.local.yml', 'local'],
    ['m365agents.yml', 'dev'],
    ['m365agents.playground.yml', 'playground'],
  ] as const) {
    it(`${file}: every variable is defined before use (env/.env.${env}, an earlier step or the Bicep outputs)`, () => {
      const yaml = read(file);
      assert.match(yaml, /^version: v1\.\d+$/m);
      const defined = new Set([
        ...Object.keys(parseDotenv(read(`env/.env.${env}`))),
        ...BUILT_IN,
        ...(env === 'dev' ? AZURE_INPUTS : []),
      ]);
      const { used, written } = toolkitVariables(yaml);
      // arm/deploy writes the template's outputs to the env file.
      if (/uses: arm\/deploy/.test(yaml)) written.push(...bicepOutputs());
      if (env !== 'playground') assert.ok(written.includes('BOT_ID') && written.includes('TEAMS_APP_ID'));
      assert.deepEqual([...new Set(used.filter((name) => !defined.has(name) && !written.includes(name)))], []);
      assert.ok(
        written
          .filter((name) => name.startsWith('SECRET_'))
          .every((name) => !(name in parseDotenv(read(`env/.env.${env}`)))),
        'no secret in a committed env file',
      );
      if (env === 'dev') {
        assert.deepEqual(
          written.filter((name) => name.startsWith('SECRET_')),
          [],
          'the Azure deployment has no secret at all',
        );
        const parameters = read('infra/azure.parameters.json');
        const inParameters = [...parameters.matchAll(/\$\{\{\s*([A-Z_][A-Z0-9_]*)\s*\}\}/g)].map((m) => m[1] ?? '');
        assert.deepEqual(
          inParameters.filter((name) => !defined.has(name)),
          [],
          'the Bicep parameters read only env/.env.dev',
        );
      }
    });

    it(`${file}: the paths it names exist`, () => {
      for (const m of read(file).matchAll(/(?:manifestPath|path|parameters|ignoreFile):\s*(\.\/?\S+)/g))
        assert.ok(existsSync(join(ROOT, m[1]!)), `${m[1]} exists`);
      if (env !== 'playground')
        assert.match(
          read(file),
          /outputZipPath: \.\/appPackage\/build\/appPackage\.\$\{\{TEAMSFX_ENV\}\}\.zip/,
          'the same zip as npm run package',
        );
    });
  }

  it('env/.env.dev holds only what its owner sets or a step writes', () => {
    const yaml = read('m365agents.yml');
    const { written } = toolkitVariables(yaml);
    written.push(...bicepOutputs());
    const yours = new Set([
      ...BUILT_IN,
      'APP_NAME_SUFFIX',
      ...AZURE_INPUTS,
      'OPERATOR_PRINCIPAL_ID',
      'REGISTRATION_REVIEWERS',
    ]);
    const keys = Object.keys(parseDotenv(read('env/.env.dev')));
    const orphans = keys.filter((key) => !yours.has(key) && !key.startsWith('DEVELOPER_') && !written.includes(key));
    assert.deepEqual(orphans, [], 'keys nothing writes');
    // And every value a step writes has its line, so the file says what the deployment has.
    assert.deepEqual(
      written.filter((key) => !keys.includes(key) && !key.startsWith('SECRET_')),
      [],
    );
  });

  it('the local run gets the bot credentials through .localConfigs (npm run dev:teams)', () => {
    const yaml = read('m365agents.local.yml');
    for (const setting of [
      'MicrosoftAppId: ${{BOT_ID}}',
      'MicrosoftAppPassword: ${{SECRET_BOT_PASSWORD}}',
      'MicrosoftAppType: SingleTenant',
      'MicrosoftAppTenantId: ${{BOT_TENANT_ID}}',
    ]) {
      assert.ok(yaml.includes(setting), setting);
    }
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts['dev:teams'] ?? '', /--env-file=\.localConfigs/);
  });

  it('keeps secrets and build output out of git, and the env files in', function () {
    const git = spawnSync(
      'git',
      [
        'check-ignore',
        '--no-index',
        '-v',
        'env/.env.local.user',
        'env/.env.dev.user',
        '.localConfigs',
        'appPackage/build/appPackage.dev.zip',
        'devTools/m365agentsplayground.log',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (git.error) this.skip(); // no git on this machine
    assert.equal(git.stdout.trim().split('\n').length, 5, `all ignored:\n${git.stdout}`);
    const tracked = spawnSync(
      'git',
      [
        'check-ignore',
        '--no-index',
        'env/.env.local',
        'env/.env.dev',
        'm365agents.yml',
        'infra/azure.bicep',
        'appPackage/manifest.json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(tracked.stdout.trim(), '', 'env files and sources are not ignored');
  });
});

describe('Agents Playground configuration', () => {
  for (const who of Object.keys(PLAYGROUND_PROFILES) as PlaygroundPerson[]) {
    it(`${PLAYGROUND_PROFILES[who].configFile} is generated from the demo data`, () => {
      assert.equal(
        readFileSync(playgroundConfigPath(who), 'utf8'),
        playgroundConfigYaml(who),
        'run `npm run playground -- --write-config`',
      );
    });
  }

  it('plays the two Account admins of the worked example, each in their own tenant', () => {
    const yaml = playgroundConfigYaml('contoso');
    assert.match(yaml, new RegExp(`tenantId: "${DEMO.contoso.tenantId}"`));
    assert.match(
      yaml,
      new RegExp(`currentUser:\\n  id: "29:${DEMO.contoso.admin.aadObjectId}"\\n  name: "Adele Vance"`),
    );
    const fabricam = playgroundConfigYaml('fabricam');
    assert.match(fabricam, new RegExp(`tenantId: "${DEMO.fabricam.tenantId}"`));
    assert.match(fabricam, new RegExp(`aadObjectId: "${DEMO.fabricam.admin.aadObjectId}"`));
    // The Playground's schema wants exactly five other users.
    for (const config of [yaml, fabricam])
      assert.equal(
        config
          .split('\nusers:\n')[1]
          ?.split('\npersonalChat:')[0]
          ?.match(/^ {2}- id:/gm)?.length,
        5,
      );
  });
});
