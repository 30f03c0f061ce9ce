/**
 * What each environment variable means, for docs/configuration.md (`npm run docs:config`).
 * Keyed by the config schema's own variables, so a variable added to the schema without a
 * line here does not compile. Defaults come from the schema (`configDefaults`) unless the
 * default depends on other settings; then `default` says on which.
 */
import type { ConfigVariable } from './config.js';

export const CONFIG_SECTIONS = {
  server: 'Server and logs',
  bot: "The bot's identity (Bot Framework)",
  store: 'Store',
  merge: 'Merges and companies',
  graph: 'Microsoft Graph and clouds',
  notify: 'Notifications',
  security: 'Security and operations',
} as const;

export interface ConfigDoc {
  readonly section: keyof typeof CONFIG_SECTIONS;
  readonly meaning: string;
  /** When the default is not a fixed value of the schema. */
  readonly default?: string;
  /** One of the few settings every deployment sets (listed in the README). */
  readonly deployment?: true;
}

const FROM_CLOUD = 'from `MICROSOFT_CLOUD`';

export const CONFIG_DOCS: Readonly<Record<ConfigVariable, ConfigDoc>> = {
  NODE_ENV: { section: 'server', meaning: '`production` never pretty-prints logs.', default: '`development`' },
  PORT: { section: 'server', meaning: 'HTTP port (`0` picks a free one).' },
  HOST: {
    section: 'server',
    meaning: 'Interface to listen on (the start banner says which).',
    default: '`127.0.0.1` in anonymous mode, `0.0.0.0` with an app id',
  },
  LOG_LEVEL: {
    section: 'server',
    meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`.',
    default: '`info`',
  },
  LOG_PRETTY: {
    section: 'server',
    meaning: 'Pretty logs in a terminal, JSON lines otherwise (`true`/`false` to force).',
  },
  SHUTDOWN_TIMEOUT_MS: { section: 'server', meaning: 'How long SIGTERM waits for in-flight turns.' },

  MicrosoftAppId: {
    section: 'bot',
    meaning: "The bot's Entra app id (GUID).",
    default: '*(empty: anonymous local mode)*',
    deployment: true,
  },
  MicrosoftAppPassword: {
    section: 'bot',
    meaning: 'Client secret; required with an app id unless `BOT_MANAGED_IDENTITY_CLIENT_ID` or `UserAssignedMSI`.',
  },
  MicrosoftAppType: {
    section: 'bot',
    meaning:
      '`SingleTenant` (what Azure creates today; with a multi-tenant Entra app it works in every organization), `UserAssignedMSI` (one company only: the managed identity is the bot), or `MultiTenant` (bots created before 31 July 2025).',
    default: '`MultiTenant`',
    deployment: true,
  },
  MicrosoftAppTenantId: {
    section: 'bot',
    meaning: "The tenant where the bot's app is registered; required for `SingleTenant` and `UserAssignedMSI`.",
    deployment: true,
  },
  BOT_MANAGED_IDENTITY_CLIENT_ID: {
    section: 'bot',
    meaning:
      "The user-assigned managed identity whose token is the bot app's federated credential: the bot signs in to the Bot Connector with no secret (the default Azure deployment).",
    deployment: true,
  },
  ToChannelFromBotLoginUrl: {
    section: 'bot',
    meaning:
      "botbuilder's own key (https), as `ConfigurationBotFrameworkAuthentication` reads it; set explicitly, it wins over the cloud preset.",
    default: FROM_CLOUD,
  },
  ToChannelFromBotOAuthScope: {
    section: 'bot',
    meaning: "botbuilder's own key: the audience of the bot's outgoing tokens.",
    default: FROM_CLOUD,
  },
  ToBotFromChannelTokenIssuer: {
    section: 'bot',
    meaning: "botbuilder's own key: the issuer of the channel's tokens.",
    default: FROM_CLOUD,
  },
  ToBotFromChannelOpenIdMetadataUrl: {
    section: 'bot',
    meaning: "botbuilder's own key (https): the channel's signing keys.",
    default: FROM_CLOUD,
  },
  ToBotFromEmulatorOpenIdMetadataUrl: {
    section: 'bot',
    meaning: "botbuilder's own key (https): the Emulator's signing keys.",
    default: FROM_CLOUD,
  },
  OAuthUrl: { section: 'bot', meaning: "botbuilder's own key (https): the token service.", default: FROM_CLOUD },
  CallerId: {
    section: 'bot',
    meaning: "botbuilder's own key: a URN such as `urn:botframework:azure`.",
    default: FROM_CLOUD,
  },
  ValidateAuthority: { section: 'bot', meaning: "botbuilder's own key (`true`/`false`).", default: FROM_CLOUD },

  STORE: {
    section: 'store',
    meaning:
      '`lowdb` (JSON files, one instance), `azure` (Azure Table, Blob and Queue storage, several instances; see [azure-storage.md](azure-storage.md)) or `memory` (tests).',
    deployment: true,
  },
  STORE_PATH: { section: 'store', meaning: 'Folder of the lowdb files.' },
  AZURE_STORAGE_CONNECTION_STRING: {
    section: 'store',
    meaning: 'With `STORE=azure`: the account key way (Azurite, local runs).',
  },
  AZURE_STORAGE_ACCOUNT_NAME: {
    section: 'store',
    meaning:
      "With `STORE=azure` instead of a connection string: the account, reached with an Entra token (`DefaultAzureCredential`); URLs in the cloud's storage domain.",
    deployment: true,
  },
  AZURE_STORAGE_TABLE_URL: {
    section: 'store',
    meaning: 'Explicit Table service URL (private endpoints, Azurite with OAuth).',
    default: 'from the account name',
  },
  AZURE_STORAGE_QUEUE_URL: {
    section: 'store',
    meaning: 'Explicit Queue service URL.',
    default: 'from the account name',
  },
  AZURE_STORAGE_BLOB_URL: { section: 'store', meaning: 'Explicit Blob service URL.', default: 'from the account name' },
  AZURE_CLIENT_ID: {
    section: 'store',
    meaning: 'The user-assigned managed identity for storage (`DefaultAzureCredential`).',
    deployment: true,
  },
  AZURE_TABLE_NAME: { section: 'store', meaning: 'Table of every record with `STORE=azure`.' },
  AZURE_QUEUE_NAME: {
    section: 'store',
    meaning: 'Outbox queue with `STORE=azure` (the poison queue is `<queue>-poison`).',
  },
  AZURE_BLOB_CONTAINER: { section: 'store', meaning: 'Container of the dialog state with `STORE=azure`.' },
  SEED_DEMO_DATA: { section: 'store', meaning: 'Load the demo partner accounts into an empty store.' },

  MERGE_INVITATION_DAYS: { section: 'merge', meaning: 'Days before an unanswered invitation expires.' },
  MERGE_REMINDER_DAYS_BEFORE: { section: 'merge', meaning: 'Reminder this many days before expiry.' },
  REGISTRATION_REVIEWERS: {
    section: 'merge',
    meaning:
      "The operator's reviewers of companies that register in Teams, as comma-separated `<tenant id>/<object id>` pairs of Entra users; see [registration.md](registration.md).",
    default: '*(empty: registration closed; the demo reviewer in anonymous mode with demo data)*',
    deployment: true,
  },
  REGISTRATIONS_PER_TENANT_PER_DAY: {
    section: 'merge',
    meaning: 'Registrations one tenant may send per day (1 to 100).',
  },

  MICROSOFT_CLOUD: {
    section: 'graph',
    meaning:
      '`public`, `usgov` (GCC), `usgovhigh` (GCC High), `dod` or `china`: fills the Bot Framework, Graph, sign-in and Teams endpoints; see [clouds.md](clouds.md).',
  },
  GRAPH_ENABLED: {
    section: 'graph',
    meaning: 'Use Microsoft Graph (`auto`: when a client id and a credential are known).',
  },
  GRAPH_TENANT_ID: {
    section: 'graph',
    meaning:
      '`organizations`: every call runs in the tenant of the person it is about (the normal setting for a multi-tenant app); a GUID: one tenant only.',
    default: "the bot's tenant",
    deployment: true,
  },
  GRAPH_CLIENT_ID: { section: 'graph', meaning: 'The app registration used for Graph.', default: "the bot's app id" },
  GRAPH_CLIENT_SECRET: {
    section: 'graph',
    meaning: 'A client secret for Graph (one Graph credential only).',
    default: "the bot's password",
  },
  GRAPH_CLIENT_CERTIFICATE_PATH: {
    section: 'graph',
    meaning: 'A PEM file with the private key and certificate (one Graph credential only).',
  },
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: {
    section: 'graph',
    meaning:
      "The client id of a user-assigned managed identity (or `system`) whose token is the app's federated credential: no secret anywhere (one Graph credential only).",
    deployment: true,
  },
  GRAPH_BASE_URL: {
    section: 'graph',
    meaning: 'Graph endpoint (`https://graph.microsoft.com/v1.0` in the public cloud).',
    default: FROM_CLOUD,
  },
  GRAPH_AUTHORITY_HOST: {
    section: 'graph',
    meaning: 'Token authority for Graph, and the admin-consent link (`https://login.microsoftonline.com`).',
    default: FROM_CLOUD,
  },
  OPENID_AUTHORITY_HOST: {
    section: 'graph',
    meaning: "Used to look up a domain's tenant without Graph (or without consent).",
    default: FROM_CLOUD,
  },
  GRAPH_TIMEOUT_MS: { section: 'graph', meaning: 'Graph call budget.' },
  GRAPH_MAX_RETRIES: { section: 'graph', meaning: 'Retries on 429/503.' },
  GRAPH_CACHE_TTL_SECONDS: { section: 'graph', meaning: 'Tenant-lookup cache.' },

  NOTIFY_SERVICE_URL: {
    section: 'notify',
    meaning:
      "Bot Connector endpoint for a new chat with someone of a tenant the bot has no conversation in yet (required for `china`); otherwise the service URL of that tenant's newest conversation is used (Teams' service URLs are regional).",
    default: `${FROM_CLOUD} (\`https://smba.trafficmanager.net/teams\`)`,
  },
  OUTBOX_MAX_ATTEMPTS: { section: 'notify', meaning: 'Delivery attempts before a notification is dead-lettered.' },
  OUTBOX_BASE_DELAY_MS: {
    section: 'notify',
    meaning:
      'Exponential backoff (with jitter) between attempts, unless the connector sent `Retry-After`: the first delay.',
  },
  OUTBOX_MAX_DELAY_MS: { section: 'notify', meaning: 'The longest delay between attempts.' },
  OUTBOX_CONCURRENCY: { section: 'notify', meaning: 'Deliveries at once.' },
  OUTBOX_POLL_MS: {
    section: 'notify',
    meaning:
      "Idle poll interval of the outbox (lowdb) or the queue (azure); new notifications wake this instance's dispatcher at once.",
  },
  OUTBOX_LEASE_MS: {
    section: 'notify',
    meaning:
      'How long a claimed notification (and, with `STORE=azure`, its queue message) belongs to one instance; after a crash it is retried when the lease ends.',
  },
  OUTBOX_MAX_DEQUEUE: { section: 'notify', meaning: '`STORE=azure`: receives after which a queue message is poison.' },
  OUTBOX_SWEEP_MS: {
    section: 'notify',
    meaning: '`STORE=azure`: how often overdue notifications get a queue message again.',
  },
  OUTBOX_YIELD_MS: {
    section: 'notify',
    meaning:
      'People first: while the bot is answering requests, each notification waits for a quiet moment, at most this long (0 to 10000; `0`: never waits).',
  },
  RATE_LIMIT_PER_THREAD: {
    section: 'notify',
    meaning: "Sends per conversation as `count/milliseconds` windows (Teams' published limits).",
  },
  RATE_LIMIT_PER_TENANT: { section: 'notify', meaning: 'Sends per app per tenant.' },
  SCHEDULER_INTERVAL_MS: { section: 'notify', meaning: 'How often reminders and expiry are checked.' },
  TEAMS_APP_CATALOG_ID: {
    section: 'notify',
    meaning:
      'When set, the bot installs itself (Graph `POST /users/{id}/teamwork/installedApps`, permission `TeamsAppInstallation.ReadWriteSelfForUser.All`) for a recipient Teams refuses to start a chat with; the notification goes out on the install event.',
  },
  NOTIFY_ENTRA_MANAGER: {
    section: 'notify',
    meaning:
      'Also send the manager card to the Entra manager of the admin who acted (Graph `GET /users/{id}/manager`, application permission `User.Read.All`).',
  },

  ALLOWED_TENANTS: {
    section: 'security',
    meaning: 'Comma-separated Entra tenant ids the bot serves; see [SECURITY.md](../SECURITY.md).',
    default: '*(empty: every tenant)*',
  },
  APPLICATIONINSIGHTS_CONNECTION_STRING: {
    section: 'security',
    meaning:
      'OpenTelemetry through Azure Monitor: spans per turn, store commit and connector call; outbox metrics; trace ids in the log. See [operations.md](operations.md).',
    default: '*(empty: no telemetry, nothing of it loaded)*',
    deployment: true,
  },
};
