/**
 * An authenticated bot, fully offline: the app started with an app id and password, its
 * inbound token checks pointed at a loopback Bot Framework authority (OpenID metadata and
 * JWKS), its outbound tokens from a loopback token issuer through botbuilder's MSAL
 * credentials factory, and replies going to the loopback connector.
 */
import type { AppConfig } from '../../bot/config.js';
import type { AppDeps } from '../../bot/app.js';
import { TestBot, type HttpResult } from '../harness/index.js';
import { BotFrameworkAuthority, loopbackCredentialsFactory } from '../emulators/botFrameworkAuthority.js';
import { TokenIssuer, createSelfSignedTls } from '../emulators/tokenIssuer.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

export const BOT_TENANT = '5e1f0c7a-3b6d-4e2f-9a81-0c4d2b7e6f10';
export const OTHER_TENANT = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
/** The audience of the bot's outbound tokens (stands in for https://api.botframework.com). */
export const OAUTH_SCOPE = 'https://api.botframework.test';
export const APP_SECRET = 'loopback-bot-secret-0123456789';

export interface AuthWorld {
  readonly appId: string;
  readonly bot: TestBot;
  readonly authority: BotFrameworkAuthority;
  readonly issuer: TokenIssuer;
  readonly overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Posts a Teams message from the guest user with this Authorization header (none when undefined). */
  send(authorization: string | undefined, activity?: Record<string, unknown>): Promise<HttpResult>;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh app id per world: botbuilder caches outbound tokens process-wide by app id. */
function freshAppId(): string {
  counter += 1;
  return `a9b8c7d6-0000-4000-8000-${String(Date.now() % 1e8).padStart(8, '0')}${String(counter).padStart(4, '0')}`;
}

export async function startAuthWorld(
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly deps?: (config: AppConfig) => Partial<AppDeps>;
  } = {},
): Promise<AuthWorld> {
  const appId = freshAppId();
  const issuer = await TokenIssuer.start({ tls: createSelfSignedTls(), clients: { [appId]: { secret: APP_SECRET } } });
  const authority = await BotFrameworkAuthority.start();
  const overrides = authority.configuration({
    loginUrl: `${issuer.authorityHost}/${BOT_TENANT}`,
    oauthScope: OAUTH_SCOPE,
  });
  const bot = await TestBot.start({
    env: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: APP_SECRET,
      MicrosoftAppType: 'MultiTenant',
      GRAPH_ENABLED: 'false',
      ...options.env,
    },
    deps: (config) => ({
      authOverrides: overrides,
      credentialsFactory: loopbackCredentialsFactory(issuer, { appId, secret: APP_SECRET, tenantId: BOT_TENANT }),
      ...options.deps?.(config),
    }),
  });
  return {
    appId,
    bot,
    authority,
    issuer,
    overrides,
    send: (authorization, activity) =>
      bot.post(
        activity ?? bot.activity('message', { extra: { text: 'help', textFormat: 'plain' } }),
        authorization === undefined ? {} : { authorization },
      ),
    close: async () => {
      await bot.stop();
      await Promise.all([authority.close(), issuer.close()]);
    },
  };
}
