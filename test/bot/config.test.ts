import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom, loadConfig, ConfigError } from '../../bot/config.js';
import { spawnBot } from '../harness/process.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function problemsOf(env: Record<string, string>): string[] {
  try {
    configFrom(env);
  } catch (err: unknown) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('config', () => {
  it('defaults to anonymous local mode on lowdb, port 3978', () => {
    const config = configFrom({});
    assert.equal(config.anonymous, true);
    assert.equal(config.port, 3978);
    assert.equal(config.store.kind, 'lowdb');
    assert.equal(config.store.path, './data');
    assert.equal(config.store.seedDemoData, true);
    assert.equal(config.graph.enabled, false);
    assert.equal(config.merge.invitationDays, 14);
  });

  it('lets notifications yield to requests for 1 s by default, 0 to 10 s when set', () => {
    assert.equal(configFrom({}).notifications.yieldMs, 1000);
    assert.equal(configFrom({ OUTBOX_YIELD_MS: '0' }).notifications.yieldMs, 0);
    assert.match(problemsOf({ OUTBOX_YIELD_MS: '60000' })[0]!, /^OUTBOX_YIELD_MS:/);
  });

  it('reads the names botbuilder uses for the bot identity', () => {
    const config = configFrom({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's3cret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    assert.equal(config.anonymous, false);
    assert.deepEqual(config.bot, {
      appId: APP_ID,
      appPassword: 's3cret',
      appType: 'SingleTenant',
      appTenantId: TENANT,
      channel: {},
      managedIdentityClientId: undefined,
      tokenExchangeAudience: 'api://AzureADTokenExchange',
    });
    // Graph falls back to the bot's own app registration.
    assert.equal(config.graph.enabled, true);
    assert.equal(config.graph.clientId, APP_ID);
    assert.equal(config.graph.tenantId, TENANT);
  });

  it('names each bad variable in its message', () => {
    assert.deepEqual(
      problemsOf({ PORT: 'abc' }).map((p) => p.split(':')[0]),
      ['PORT'],
    );
    assert.match(problemsOf({ MicrosoftAppId: 'not-a-guid' })[0]!, /^MicrosoftAppId: must be a GUID/);
    assert.match(problemsOf({ MicrosoftAppId: APP_ID })[0]!, /^MicrosoftAppPassword: is required/);
    assert.match(
      problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' })[0]!,
      /^MicrosoftAppTenantId: is required/,
    );
    assert.match(problemsOf({ MicrosoftAppType: 'Weird' })[0]!, /^MicrosoftAppType:/);
    assert.match(problemsOf({ STORE: 'azure' })[0]!, /^AZURE_STORAGE_CONNECTION_STRING: is required when STORE=azure/);
    assert.match(problemsOf({ LOG_LEVEL: 'loud' })[0]!, /^LOG_LEVEL:/);
    assert.match(problemsOf({ GRAPH_BASE_URL: 'ftp://x' })[0]!, /^GRAPH_BASE_URL:/);
    assert.match(
      problemsOf({ MERGE_INVITATION_DAYS: '3', MERGE_REMINDER_DAYS_BEFORE: '5' })[0]!,
      /^MERGE_REMINDER_DAYS_BEFORE:/,
    );
    assert.equal(problemsOf({ PORT: '99999', LOG_LEVEL: 'loud' }).length, 2, 'all problems at once');
  });

  it('never echoes a secret in an error, also when the secret itself is the bad value', () => {
    const problems = problemsOf({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'x',
      AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=supersecret',
      STORE: 'nope',
    });
    assert.ok(problems.every((p) => !p.includes('supersecret')));
    // The secret-holding variable is the one refused: named, its value hidden.
    const own = problemsOf({
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x.example;AccessKey=supersecret',
    });
    assert.equal(own.length, 1);
    assert.match(own[0] ?? '', /^APPLICATIONINSIGHTS_CONNECTION_STRING: .*\(value hidden\)$/);
    assert.ok(!own[0]?.includes('supersecret'));
    // An ordinary variable's bad value is shown, so the check above is not vacuous.
    assert.match(problemsOf({ STORE: 'nope' })[0] ?? '', /got "nope"/);
  });

  it('merges a .env file under the real environment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pmb-env-'));
    try {
      const file = join(dir, '.env');
      await writeFile(file, 'PORT=4001\nLOG_LEVEL=warn\n');
      const config = loadConfig({ env: { LOG_LEVEL: 'error' }, dotenvPath: file, isTty: false });
      assert.equal(config.port, 4001);
      assert.equal(config.log.level, 'error', 'the environment wins over the file');
      assert.throws(
        () => loadConfig({ env: {}, dotenvPath: join(dir, 'missing.env') }),
        /DOTENV: file .* does not exist/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the process exits non-zero with a clear message on bad config', async () => {
    const bot = spawnBot({ PORT: 'abc', MicrosoftAppId: 'nope' });
    const code = await bot.exited;
    assert.equal(code, 78);
    assert.match(bot.stderr(), /partner-merge-bot: Invalid configuration:/);
    assert.match(bot.stderr(), /- PORT: /);
    assert.match(bot.stderr(), /- MicrosoftAppId: must be a GUID/);
    assert.ok(!/\n\s+at /.test(bot.stderr()), 'no stack trace');
  });
});

describe('listening address', () => {
  it('is loopback in anonymous mode, every interface with an app id, and HOST wins', () => {
    assert.equal(configFrom({}).host, '127.0.0.1');
    assert.equal(configFrom({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }).host, '0.0.0.0');
    assert.equal(configFrom({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(configFrom({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', HOST: '10.1.2.3' }).host, '10.1.2.3');
  });
});
