/**
 * Secrets never reach the log: the app password, tokens (inbound and outbound),
 * Authorization headers and connection strings are redacted wherever they appear in a
 * logged object, message or error, and the real process logs none of them.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { configFrom } from '../../bot/config.js';
import { createLogger, REDACTION_CENSOR } from '../../bot/pinoLogger.js';
import { spawnBot } from '../harness/process.js';
import { until } from '../support/wait.js';
import { APP_SECRET, startAuthWorld } from './authWorld.js';
import { captureConsoleErrors } from './support.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const PASSWORD = 'pA55w0rd~with.special_chars';
const CONNECTION_STRING =
  'DefaultEndpointsProtocol=https;AccountName=pmb;AccountKey=c2VjcmV0a2V5c2VjcmV0a2V5PT0=;EndpointSuffix=core.windows.net';
const GRAPH_SECRET = 'graph-client-secret-value';
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoieCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const SECRETS = [PASSWORD, 'c2VjcmV0a2V5c2VjcmV0a2V5PT0=', GRAPH_SECRET, JWT, JWT.split('.')[1]!, JWT.split('.')[2]!];

function recordingLogger(): {
  logger: ReturnType<typeof createLogger>;
  text: () => string;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ log: { level: 'trace', pretty: false } }, sink);
  const text = (): string => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function assertNoSecret(text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `"${secret.slice(0, 12)}…" must not be logged`);
}

describe('security: secrets are never logged', () => {
  it('redacts the whole config, request headers, tokens and connection strings in logged objects', () => {
    const { logger, text, lines } = recordingLogger();
    const config = configFrom({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      GRAPH_CLIENT_SECRET: GRAPH_SECRET,
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING,
    });
    logger.info({ config }, 'config');
    logger.info({ req: { headers: { authorization: `Bearer ${JWT}`, cookie: 'session=abc' } } }, 'request');
    logger.info(
      { token: JWT, accessToken: JWT, response: { access_token: JWT, refresh_token: JWT, expires_in: 3600 } },
      'tokens',
    );
    logger.info(
      {
        env: {
          MicrosoftAppPassword: PASSWORD,
          AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING,
          GRAPH_CLIENT_SECRET: GRAPH_SECRET,
        },
      },
      'environment',
    );
    logger.info(
      {
        deeply: {
          nested: { call: { options: { headers: { Authorization: `Bearer ${JWT}` }, clientSecret: GRAPH_SECRET } } },
        },
      },
      'deep',
    );
    logger
      .child({ requestId: 'r1' })
      .warn(
        { list: [{ password: PASSWORD }, `Basic ${Buffer.from(`${APP_ID}:${PASSWORD}`).toString('base64')}`] },
        'array',
      );
    assertNoSecret(text());
    const [configLine, requestLine] = lines();
    const bot = (configLine?.config as { bot: Record<string, unknown> }).bot;
    assert.equal(bot.appPassword, REDACTION_CENSOR);
    assert.equal(bot.appId, APP_ID, 'non-secret values stay readable');
    assert.equal((requestLine?.req as { headers: Record<string, unknown> }).headers.authorization, REDACTION_CENSOR);
    assert.match(text(), /"expires_in":3600/);
  });

  it('redacts tokens and keys inside messages and error messages', () => {
    const { logger, text, lines } = recordingLogger();
    logger.info(`calling with Authorization: Bearer ${JWT}`);
    const err = Object.assign(new Error(`request failed: ${CONNECTION_STRING} with token ${JWT}`), {
      config: { headers: { authorization: `Bearer ${JWT}` } },
    });
    logger.error({ err }, 'outbound call failed');
    logger.warn({ reason: `JsonWebTokenError: invalid token ${JWT}` }, 'request authentication failed');
    assertNoSecret(text());
    const errLine = lines()[1]!;
    assert.match(
      String((errLine.err as { message: string }).message),
      /^request failed: .*AccountKey=\[redacted\].*with token \[redacted\]$/,
    );
    assert.equal((errLine.err as { type: string }).type, 'Error', 'the error is still serialized');
  });

  it('logs neither the inbound nor the outbound token, nor the app secret, on an authenticated turn', async () => {
    const world = await startAuthWorld();
    try {
      const inbound = world.authority.sign(world.authority.channelClaims(world.appId, world.bot.connector.url));
      assert.equal((await world.send(`Bearer ${inbound}`)).status, 200);
      const consoleErrors = captureConsoleErrors(); // botbuilder prints bad signatures there
      try {
        assert.equal((await world.send(`Bearer ${inbound}x`)).status, 401);
      } finally {
        consoleErrors.restore();
      }
      assert.ok(!consoleErrors.text().includes(inbound.split('.')[1]!), 'nor does botbuilder print it');
      const outbound = world.bot.connector.calls[0]?.authorization?.split(' ')[1];
      assert.ok(outbound, 'the reply carried a token');
      const everything = JSON.stringify(world.bot.logs);
      assert.ok(
        world.bot.logs.some((l) => l.msg === 'turn start'),
        'debug logging was on',
      );
      for (const secret of [inbound, outbound, APP_SECRET, inbound.split('.')[2]!, outbound.split('.')[2]!])
        assert.ok(!everything.includes(secret));
    } finally {
      await world.close();
    }
  });

  it('the real process logs no secret from its environment, even at trace level and on refused requests', async function () {
    this.timeout(30_000);
    const bot = spawnBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      GRAPH_ENABLED: 'false',
      GRAPH_CLIENT_SECRET: GRAPH_SECRET,
      STORE: 'memory',
      LOG_LEVEL: 'trace',
    });
    try {
      const url = await bot.ready;
      // JWT has no expiry: refused before botbuilder would fetch Microsoft's real keys.
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${JWT}` },
        body: JSON.stringify({
          type: 'message',
          serviceUrl: 'https://smba.example/',
          channelId: 'msteams',
          conversation: { id: 'c' },
          text: PASSWORD,
        }),
      });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'Unauthorized' });
      // The child's log arrives through a pipe, possibly after the response.
      await until('the refusal in the log', () => bot.logs.some((l) => l.msg === 'request authentication failed'));
      assert.ok(
        !bot.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('ANONYMOUS')),
        'an app id means authenticated mode',
      );
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    assertNoSecret(JSON.stringify(bot.logs) + bot.stderr());
  });
});
