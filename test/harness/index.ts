/**
 * Test harness: the whole app in-process on a free loopback port, a Bot Connector emulator
 * it replies to, and a recording logger. Tests speak real HTTP to `/api/messages` with
 * Teams-shaped activities and assert on what the connector received.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { configFrom, type AppConfig } from '../../bot/config.js';
import type { Telemetry } from '../../services/telemetryPort.js';
import { createLogger } from '../../bot/pinoLogger.js';
import { createApp, type App, type AppDeps } from '../../bot/app.js';
import { ConnectorEmulator } from './connectorEmulator.js';

export { ConnectorEmulator } from './connectorEmulator.js';

export interface TeamsUser {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly name: string;
}

export const BOT_ID = '28:00000000-0000-0000-0000-00000000b07';

/** A user with no role anywhere: for turns where identity does not matter. */
export const GUEST_USER: TeamsUser = {
  aadObjectId: '9f0e8c7d-0000-4000-8000-00000000a001',
  tenantId: '9f0e8c7d-0000-4000-8000-000000000001',
  name: 'Guest Tester',
};

export interface LogRecord {
  readonly level: number;
  readonly msg?: string;
  readonly correlationId?: string;
  readonly [key: string]: unknown;
}

export interface HttpResult {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

export interface TestBotOptions {
  /** Environment overrides on top of the harness defaults (memory store, debug logs). */
  readonly env?: Readonly<Record<string, string>>;
  /** Replace or add collaborators after the config is built. */
  readonly deps?: (config: AppConfig) => Partial<AppDeps>;
  /** Started telemetry: the app reports to it and every log line carries the active span's ids. */
  readonly telemetry?: { readonly telemetry: Telemetry; readonly logFields: () => Record<string, string> };
}

export interface ActivityOptions {
  readonly user?: TeamsUser;
  readonly locale?: string;
  readonly conversationId?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export class TestBot {
  private constructor(
    readonly app: App,
    readonly url: string,
    readonly connector: ConnectorEmulator,
    readonly logs: LogRecord[],
    readonly config: AppConfig,
  ) {}

  static async start(options: TestBotOptions = {}): Promise<TestBot> {
    const connector = await new ConnectorEmulator().start();
    const logs: LogRecord[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line.trim()) logs.push(JSON.parse(line) as LogRecord);
        }
        done();
      },
    });
    const config = configFrom({
      STORE: 'memory',
      LOG_LEVEL: 'debug',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SHUTDOWN_TIMEOUT_MS: '3000',
      // New conversations are created through the emulator too: tests never leave loopback.
      NOTIFY_SERVICE_URL: connector.url,
      ...options.env,
    });
    const logger = createLogger(config, sink, options.telemetry?.logFields);
    const app = await createApp({
      config,
      logger,
      ...(options.telemetry ? { telemetry: options.telemetry.telemetry } : {}),
      ...options.deps?.(config),
    });
    const { url } = await app.listen(0, '127.0.0.1');
    return new TestBot(app, url, connector, logs, config);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
  }

  /** POSTs a raw body (string sent as-is, anything else as JSON) to /api/messages. */
  async post(body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<HttpResult> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return toResult(res);
  }

  async get(path: string): Promise<HttpResult> {
    return toResult(await fetch(`${this.url}${path}`));
  }

  /** A Teams personal-chat activity from `user`. */
  activity(type: string, options: ActivityOptions = {}): Record<string, unknown> {
    return teamsActivity(this.connector.url, type, options);
  }

  message(text: string, options: ActivityOptions = {}): Promise<HttpResult> {
    return this.post(this.activity('message', { ...options, extra: { text, textFormat: 'plain', ...options.extra } }));
  }

  /** An `adaptiveCard/action` invoke as Teams sends it for an `Action.Execute` click. */
  cardAction(
    verb: string,
    data: Readonly<Record<string, unknown>>,
    options: ActivityOptions & { readonly replyToId?: string; readonly trigger?: 'manual' | 'automatic' } = {},
  ): Promise<HttpResult> {
    return this.post(
      this.activity('invoke', {
        ...options,
        extra: {
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
          ...(options.replyToId ? { replyToId: options.replyToId } : {}),
          ...options.extra,
        },
      }),
    );
  }

  /** Teams' install event for a personal chat (the bot is the member added). */
  install(options: ActivityOptions = {}): Promise<HttpResult> {
    return this.post(
      this.activity('conversationUpdate', { ...options, extra: { membersAdded: [{ id: BOT_ID }], ...options.extra } }),
    );
  }

  /** Waits until the outbox has delivered everything due now (notifications are asynchronous). */
  settle(): Promise<void> {
    return this.app.notifications.whenIdle();
  }

  errorLogs(): LogRecord[] {
    return this.logs.filter((l) => l.level >= 50);
  }
}

/** A Teams-shaped activity (personal chat, msteams channel, Entra ids) for `serviceUrl`. */
export function teamsActivity(
  serviceUrl: string,
  type: string,
  options: ActivityOptions = {},
): Record<string, unknown> {
  const user = options.user ?? GUEST_USER;
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Partner Merge Bot' },
    conversation: {
      id: options.conversationId ?? personalConversationId(user),
      conversationType: 'personal',
      tenantId: user.tenantId,
    },
    channelData: { tenant: { id: user.tenantId } },
    locale: options.locale ?? 'en-US',
    ...options.extra,
  };
}

export function personalConversationId(user: TeamsUser): string {
  return `a:personal-${user.aadObjectId}`;
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** Collects the plain text of an Adaptive Card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (
        (key === 'text' || key === 'title' || key === 'value' || key === 'placeholder' || key === 'label') &&
        typeof value === 'string'
      )
        out.push(value);
      else walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}

/**
 * An Account admin invites `mpnId` through the chat (start merge → id → send), as in Teams; resolves with the open
 * merge's id.
 */
export async function inviteThroughChat(
  bot: TestBot,
  by: TeamsUser,
  mpnId = '3333333',
  initiatorMpnId = '1111111',
): Promise<string> {
  await bot.message('start merge', { user: by });
  await bot.message(mpnId, { user: by });
  await bot.message('yes', { user: by, extra: { value: { choice: 'confirm' } } });
  await bot.settle();
  const open = await bot.app.store.merges.findOpenForAccount(initiatorMpnId);
  if (!open) throw new Error(`no open merge of ${initiatorMpnId} after the invitation`);
  return open.id;
}
