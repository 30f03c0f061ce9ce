/**
 * The one place that reads the environment. Everything else receives a typed, validated
 * `AppConfig`. Validation fails fast with a message naming the offending variable.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { MULTI_TENANT, type GraphConfig, type GraphCredentialConfig } from '../services/graph/config.js';
import { DEFAULT_DISPATCHER_OPTIONS } from './notify/dispatcher.js';
import { MERGE_DEFAULTS } from '../services/merge/mergeService.js';
import { DEMO_REVIEWER } from '../services/demo/demoData.js';
import {
  BOT_FRAMEWORK_KEYS,
  CLOUD_PRESETS,
  MICROSOFT_CLOUDS,
  type ChannelSettings,
  type MicrosoftCloud,
} from './clouds.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const booleanFlag = (fallback: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional())
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));
const intInRange = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).optional()).transform((v) => v ?? fallback);
/** A URL whose default comes from the MICROSOFT_CLOUD preset (undefined: use the preset's). */
const cloudUrl = () =>
  z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()).transform((v) => v?.replace(/\/+$/, ''));
/** botbuilder's own keys, validated: endpoints must be https URLs (audiences and issuers any URL), CallerId a URN. */
const httpsEndpoint = () =>
  z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/, message: 'must be an https URL' }).optional());
const audience = () =>
  z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, message: 'must be a URL such as https://api.botframework.com' }).optional(),
  );
const botFrameworkKeys = {
  ToChannelFromBotLoginUrl: httpsEndpoint(),
  ToChannelFromBotOAuthScope: audience(),
  ToBotFromChannelTokenIssuer: audience(),
  ToBotFromChannelOpenIdMetadataUrl: httpsEndpoint(),
  ToBotFromEmulatorOpenIdMetadataUrl: httpsEndpoint(),
  OAuthUrl: httpsEndpoint(),
  CallerId: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i, 'must be a URN such as urn:botframework:azure')
      .optional(),
  ),
} satisfies Record<(typeof BOT_FRAMEWORK_KEYS)[number], z.ZodType>;
const storageName = (pattern: RegExp, fallback: string, message: string) =>
  z.preprocess(emptyToUndefined, z.string().regex(pattern, message).optional()).transform((v) => v ?? fallback);
const RATE_RULES = /^\s*[1-9]\d*\s*\/\s*[1-9]\d*\s*(,\s*[1-9]\d*\s*\/\s*[1-9]\d*\s*)*$/;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The variables, each validated on its own. */
const EnvFieldsSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).optional()),
  PORT: intInRange(3978, 0, 65535),
  // Default depends on MicrosoftAppId (anonymous mode stays on loopback): see loadConfig.
  HOST: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).optional()),
  LOG_PRETTY: z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', 'auto']).optional())
    .transform((v) => v ?? 'auto'),

  // Names botbuilder's CloudAdapter reads itself; we validate them before it does.
  MicrosoftAppId: z.preprocess(
    emptyToUndefined,
    z.string().regex(guid, "must be a GUID (the bot's Entra app id)").optional(),
  ),
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: z.preprocess(
    emptyToUndefined,
    z.string().regex(guid, 'must be a GUID (a tenant id)').optional(),
  ),
  BOT_MANAGED_IDENTITY_CLIENT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        guid,
        "must be the client id (a GUID) of the user-assigned managed identity that is the bot app's federated credential",
      )
      .optional(),
  ),

  STORE: z.preprocess(emptyToUndefined, z.enum(['lowdb', 'memory', 'azure']).optional()).transform((v) => v ?? 'lowdb'),
  STORE_PATH: z.preprocess(emptyToUndefined, z.string().optional()).transform((v) => v ?? './data'),
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  // Without a connection string: the account (or each service's URL) and an Entra token credential.
  AZURE_STORAGE_ACCOUNT_NAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lower-case letters or digits (a storage account name)')
      .optional(),
  ),
  AZURE_STORAGE_TABLE_URL: cloudUrl(),
  AZURE_STORAGE_QUEUE_URL: cloudUrl(),
  AZURE_STORAGE_BLOB_URL: cloudUrl(),
  AZURE_CLIENT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(guid, 'must be the client id (a GUID) of the user-assigned managed identity for storage')
      .optional(),
  ),
  // Resource names (several bots may share one storage account).
  AZURE_TABLE_NAME: storageName(
    /^[A-Za-z][A-Za-z0-9]{2,62}$/,
    'pmbrecords',
    'must be 3-63 letters or digits, starting with a letter (an Azure table name)',
  ),
  AZURE_QUEUE_NAME: storageName(
    /^(?=.{3,56}$)[a-z0-9]+(-[a-z0-9]+)*$/,
    'pmb-outbox',
    'must be 3-56 lower-case letters, digits and single dashes (an Azure queue name; "-poison" is added for the poison queue)',
  ),
  AZURE_BLOB_CONTAINER: storageName(
    /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/,
    'pmb-dialog-state',
    'must be 3-63 lower-case letters, digits and single dashes (an Azure blob container name)',
  ),
  SEED_DEMO_DATA: booleanFlag(true),
  MERGE_INVITATION_DAYS: intInRange(MERGE_DEFAULTS.invitationDays, 1, 365),
  MERGE_REMINDER_DAYS_BEFORE: intInRange(MERGE_DEFAULTS.reminderDaysBefore, 0, 364),

  GRAPH_ENABLED: z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', 'auto']).optional())
    .transform((v) => v ?? 'auto'),
  MICROSOFT_CLOUD: z.preprocess(emptyToUndefined, z.enum(MICROSOFT_CLOUDS).optional()).transform((v) => v ?? 'public'),
  ...botFrameworkKeys,
  ValidateAuthority: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  GRAPH_BASE_URL: cloudUrl(),
  GRAPH_AUTHORITY_HOST: cloudUrl(),
  GRAPH_TENANT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (v) => guid.test(v) || v.toLowerCase() === MULTI_TENANT,
        `must be a GUID (one tenant) or "${MULTI_TENANT}" (every partner's own tenant)`,
      )
      .optional(),
  ),
  GRAPH_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be a GUID (an app id)').optional()),
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_CLIENT_CERTIFICATE_PATH: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((p) => existsSync(p), 'must be the path of a PEM file with the private key and certificate')
      .optional(),
  ),
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (v) => guid.test(v) || v === 'system',
        'must be the client id (a GUID) of a user-assigned managed identity, or "system"',
      )
      .optional(),
  ),
  GRAPH_TIMEOUT_MS: intInRange(8000, 100, 120000),
  GRAPH_MAX_RETRIES: intInRange(3, 0, 10),
  GRAPH_CACHE_TTL_SECONDS: intInRange(600, 0, 86400),
  OPENID_AUTHORITY_HOST: cloudUrl(),

  SHUTDOWN_TIMEOUT_MS: intInRange(10000, 100, 120000),
  // Telemetry through Azure Monitor (OpenTelemetry); off when unset.
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /(^|;)\s*InstrumentationKey=[0-9a-f-]{36}\s*(;|$)/i,
        'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
      )
      .optional(),
  ),

  // Notifications (outbox, rate limits at Teams' published bot limits, scheduler).
  NOTIFY_SERVICE_URL: cloudUrl(),
  // The defaults are the dispatcher's own (one place).
  OUTBOX_MAX_ATTEMPTS: intInRange(DEFAULT_DISPATCHER_OPTIONS.maxAttempts, 1, 100),
  OUTBOX_BASE_DELAY_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.baseDelayMs, 1, 600_000),
  OUTBOX_MAX_DELAY_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.maxDelayMs, 1, 86_400_000),
  OUTBOX_CONCURRENCY: intInRange(DEFAULT_DISPATCHER_OPTIONS.concurrency, 1, 64),
  OUTBOX_POLL_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.pollIntervalMs, 10, 600_000),
  OUTBOX_LEASE_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.leaseMs, 1000, 3_600_000),
  OUTBOX_MAX_DEQUEUE: intInRange(DEFAULT_DISPATCHER_OPTIONS.maxDequeue, 1, 1000),
  OUTBOX_SWEEP_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.sweepIntervalMs, 1000, 3_600_000),
  // Bounded well under a lease: a received queue message waits at most a few yields.
  OUTBOX_YIELD_MS: intInRange(DEFAULT_DISPATCHER_OPTIONS.yieldMs, 0, 10_000),
  RATE_LIMIT_PER_THREAD: z
    .preprocess(
      emptyToUndefined,
      z.string().regex(RATE_RULES, 'must be count/milliseconds pairs, e.g. 7/1000,8/2000,60/30000').optional(),
    )
    .transform((v) => v ?? '7/1000,8/2000,60/30000'),
  RATE_LIMIT_PER_TENANT: z
    .preprocess(
      emptyToUndefined,
      z.string().regex(RATE_RULES, 'must be count/milliseconds pairs, e.g. 50/1000').optional(),
    )
    .transform((v) => v ?? '50/1000'),
  SCHEDULER_INTERVAL_MS: intInRange(60_000, 100, 86_400_000),
  NOTIFY_ENTRA_MANAGER: booleanFlag(false),
  TEAMS_APP_CATALOG_ID: z.preprocess(
    emptyToUndefined,
    z.string().regex(guid, 'must be a GUID (the app id in the Teams app catalog)').optional(),
  ),

  // --- Security: tenant allow-list --------------------------------------------------
  // ALLOWED_TENANTS: comma-separated Entra tenant ids (GUIDs) the bot serves. Empty or
  // unset: every tenant. Activities naming any other tenant are refused politely.
  ALLOWED_TENANTS: z.preprocess(emptyToUndefined, z.string().optional()).transform((v, ctx) => {
    const entries = (v ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad = entries.find((e) => !guid.test(e));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of tenant ids (GUIDs); "${bad.slice(0, 60)}" is not one`,
      });
      return z.NEVER;
    }
    return [...new Set(entries.map((e) => e.toLowerCase()))];
  }),
  // --- end of security block ---------------------------------------------------------

  // Companies that register in Teams: the operator's reviewers, as <tenant id>/<object id>
  // of Entra users, comma-separated. Unset: registration is closed (in anonymous local
  // mode with the demo data, the demo's reviewer reviews).
  REGISTRATION_REVIEWERS: z.preprocess(emptyToUndefined, z.string().optional()).transform((v, ctx) => {
    const entries = (v ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad = entries.find(
      (e) => !/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/i.test(e) || !e.split('/').every((id) => guid.test(id)),
    );
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of <tenant id>/<object id> pairs of Entra users; "${bad.slice(0, 80)}" is not one`,
      });
      return z.NEVER;
    }
    return entries.map((e) => {
      const [tenantId = '', aadObjectId = ''] = e.toLowerCase().split('/');
      return { tenantId, aadObjectId };
    });
  }),
  REGISTRATIONS_PER_TENANT_PER_DAY: intInRange(3, 1, 100),
});

/** Raw environment schema: variable names exactly as operators set them; then the rules across variables. */
const EnvSchema = EnvFieldsSchema.superRefine((env, ctx) => {
  checkBotIdentity(env, ctx);
  checkStorage(env, ctx);
  checkGraphAndNotifications(env, ctx);
});

type EnvFields = z.output<typeof EnvFieldsSchema>;

/** The bot signs in one way, and knows its tenant when its type needs one. */
function checkBotIdentity(env: EnvFields, ctx: z.RefinementCtx): void {
  if (
    env.MicrosoftAppId &&
    !env.MicrosoftAppPassword &&
    env.MicrosoftAppType !== 'UserAssignedMSI' &&
    !env.BOT_MANAGED_IDENTITY_CLIENT_ID
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['MicrosoftAppPassword'],
      message:
        'is required when MicrosoftAppId is set (unless BOT_MANAGED_IDENTITY_CLIENT_ID or MicrosoftAppType=UserAssignedMSI)',
    });
  }
  if (env.MicrosoftAppPassword && env.BOT_MANAGED_IDENTITY_CLIENT_ID) {
    ctx.addIssue({
      code: 'custom',
      path: ['BOT_MANAGED_IDENTITY_CLIENT_ID'],
      message: 'set either MicrosoftAppPassword or BOT_MANAGED_IDENTITY_CLIENT_ID, not both',
    });
  }
  if (env.MicrosoftAppType === 'UserAssignedMSI' && !env.MicrosoftAppTenantId) {
    ctx.addIssue({
      code: 'custom',
      path: ['MicrosoftAppTenantId'],
      message: "is required when MicrosoftAppType=UserAssignedMSI (the identity's tenant)",
    });
  }
  if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
    ctx.addIssue({
      code: 'custom',
      path: ['MicrosoftAppTenantId'],
      message: 'is required when MicrosoftAppType=SingleTenant',
    });
  }
}

/** Azure Storage is reached one way: a connection string, or the account (name or URLs) with a token. */
function checkStorage(env: EnvFields, ctx: z.RefinementCtx): void {
  const storageUrls = [env.AZURE_STORAGE_TABLE_URL, env.AZURE_STORAGE_QUEUE_URL, env.AZURE_STORAGE_BLOB_URL];
  if (
    env.STORE === 'azure' &&
    !env.AZURE_STORAGE_CONNECTION_STRING &&
    !env.AZURE_STORAGE_ACCOUNT_NAME &&
    !storageUrls.every((url) => url !== undefined)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['AZURE_STORAGE_CONNECTION_STRING'],
      message:
        'is required when STORE=azure (or AZURE_STORAGE_ACCOUNT_NAME, or AZURE_STORAGE_TABLE_URL, _QUEUE_URL and _BLOB_URL, with an Entra token credential)',
    });
  }
  if (
    env.AZURE_STORAGE_CONNECTION_STRING &&
    (env.AZURE_STORAGE_ACCOUNT_NAME || storageUrls.some((url) => url !== undefined))
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['AZURE_STORAGE_ACCOUNT_NAME'],
      message: 'set either AZURE_STORAGE_CONNECTION_STRING or the storage account (name or URLs), not both',
    });
  }
}

/** Graph has what it needs and one credential; notifications can reach Teams; the reminder comes before expiry. */
function checkGraphAndNotifications(env: EnvFields, ctx: z.RefinementCtx): void {
  if (env.GRAPH_ENABLED === 'true' && !(env.GRAPH_CLIENT_ID ?? env.MicrosoftAppId)) {
    ctx.addIssue({
      code: 'custom',
      path: ['GRAPH_CLIENT_ID'],
      message: 'is required when GRAPH_ENABLED=true (or set MicrosoftAppId)',
    });
  }
  const graphCredentials = (
    ['GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_CERTIFICATE_PATH', 'GRAPH_MANAGED_IDENTITY_CLIENT_ID'] as const
  ).filter((name) => env[name] !== undefined);
  if (graphCredentials.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [graphCredentials[1] ?? 'GRAPH_CLIENT_SECRET'],
      message: `set only one Graph credential (${graphCredentials.join(', ')} are all set)`,
    });
  }
  if (CLOUD_PRESETS[env.MICROSOFT_CLOUD].teamsServiceUrl === undefined && env.NOTIFY_SERVICE_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['NOTIFY_SERVICE_URL'],
      message: `is required when MICROSOFT_CLOUD=${env.MICROSOFT_CLOUD} (the Teams connector URL of that cloud)`,
    });
  }
  if (env.NOTIFY_ENTRA_MANAGER && env.GRAPH_ENABLED === 'false') {
    ctx.addIssue({
      code: 'custom',
      path: ['NOTIFY_ENTRA_MANAGER'],
      message: 'needs Microsoft Graph (GRAPH_ENABLED is false)',
    });
  }
  if (env.MERGE_REMINDER_DAYS_BEFORE >= env.MERGE_INVITATION_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['MERGE_REMINDER_DAYS_BEFORE'],
      message: 'must be smaller than MERGE_INVITATION_DAYS',
    });
  }
}

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every environment variable the bot reads (infra/ and the Toolkit files may set only these). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);
export type ConfigVariable = keyof typeof EnvSchema.shape;

/** What each variable becomes when it is not set (for the generated docs/configuration.md). */
export function configDefaults(): Readonly<Partial<Record<ConfigVariable, unknown>>> {
  return EnvSchema.parse({});
}

export interface BotAuthConfig {
  /** Undefined in anonymous local mode (Bot Framework Emulator, Agents Playground). */
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly appTenantId: string | undefined;
  /** botbuilder's channel endpoint keys: the MICROSOFT_CLOUD preset, with explicit variables winning. */
  readonly channel: ChannelSettings;
  /** A user-assigned managed identity whose token is the bot app's federated credential (no secret). */
  readonly managedIdentityClientId: string | undefined;
  /** The audience of that token the app's federated credential accepts (the cloud's: public, US Government, China). */
  readonly tokenExchangeAudience: string;
}

export type { GraphConfig } from '../services/graph/config.js';

export interface AppConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly log: { readonly level: LogLevel; readonly pretty: boolean };
  readonly bot: BotAuthConfig;
  readonly anonymous: boolean;
  readonly store: {
    readonly kind: 'lowdb' | 'memory' | 'azure';
    readonly path: string;
    readonly azureConnectionString: string | undefined;
    /** STORE=azure without a connection string: the service URLs, reached with an Entra token credential. */
    readonly azureEndpoints: AzureStorageEndpoints | undefined;
    readonly azureNames: { readonly table: string; readonly queue: string; readonly container: string };
    readonly seedDemoData: boolean;
  };
  readonly merge: { readonly invitationDays: number; readonly reminderDaysBefore: number };
  readonly graph: GraphConfig;
  /** Azure Monitor telemetry (OpenTelemetry), when APPLICATIONINSIGHTS_CONNECTION_STRING is set. */
  readonly telemetry: { readonly connectionString: string | undefined };
  /** The Microsoft cloud (MICROSOFT_CLOUD); its endpoints are in `bot.channel` and `graph`. */
  readonly cloud: MicrosoftCloud;
  readonly shutdownTimeoutMs: number;
  readonly notifications: {
    /** Connector endpoint for creating conversations with people never seen before. */
    readonly serviceUrl: string;
    readonly maxAttempts: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
    readonly concurrency: number;
    readonly pollIntervalMs: number;
    /** How long a claimed entry (and its queue message) is one instance's. */
    readonly leaseMs: number;
    /** STORE=azure: a queue message received more often than this is poison. */
    readonly maxDequeue: number;
    /** STORE=azure: how often entries overdue by more than a lease are queued again. */
    readonly sweepIntervalMs: number;
    /** How long a delivery may wait for a moment when no request is being answered (0: never waits). */
    readonly yieldMs: number;
    /** `count/ms` rules, e.g. `7/1000,8/2000,60/30000`. */
    readonly perThread: string;
    readonly perTenant: string;
    readonly schedulerIntervalMs: number;
    /** Notify the Entra manager of the admin who acted (Graph `GET /users/{id}/manager`). */
    readonly entraManager: boolean;
    /** When set: install the app for people who do not have it (Graph), so notifications reach them. */
    readonly teamsAppCatalogId: string | undefined;
  };
  /** Who may talk to the bot (see SECURITY.md). */
  readonly security: SecurityConfig;
  /** Companies that register in Teams (docs/registration.md). */
  readonly registration: {
    /** The operator's reviewers (Entra users); empty: registration is closed. */
    readonly reviewers: ReadonlyArray<{
      readonly tenantId: string;
      readonly aadObjectId: string;
      readonly displayName?: string;
    }>;
    readonly perTenantPerDay: number;
  };
}

export interface SecurityConfig {
  /** Lower-case tenant ids the bot serves; empty means every tenant. */
  readonly allowedTenants: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Defaults to the process environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `.env` file to merge under the environment (real variables win). Defaults to `./.env` if present. */
  readonly dotenvPath?: string | false;
  /** Whether stdout is a terminal (decides pretty logs in `auto`). */
  readonly isTty?: boolean;
  /** Values under the `.env` file and the environment (an operator command's `--env <name>`). */
  readonly defaults?: Readonly<Record<string, string>>;
}

function readDotenv(path: string | false | undefined): Record<string, string> {
  if (path === false) return {};
  const file = resolve(path ?? '.env');
  if (!existsSync(file)) {
    if (path !== undefined) throw new ConfigError([`DOTENV: file ${file} does not exist`]);
    return {};
  }
  return parseDotenv(readFileSync(file));
}

type Env = z.output<typeof EnvSchema>;

/** The environment, validated; every problem named at once (secrets' values hidden). */
function parseEnv(options: LoadConfigOptions): Env {
  const fromFile = readDotenv(options.dotenvPath);
  const env = { ...options.defaults, ...fromFile, ...(options.env ?? process.env) };
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const raw = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
      const secret = /PASSWORD|SECRET|CONNECTION_STRING/i.test(name);
      const shown = raw === undefined ? '' : secret ? ' (value hidden)' : ` (got "${raw.slice(0, 80)}")`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}

export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const e = parseEnv(options);
  const environment = e.NODE_ENV ?? 'development';
  const isTty = options.isTty ?? process.stdout.isTTY === true;
  const pretty = e.LOG_PRETTY === 'auto' ? isTty && environment !== 'production' : e.LOG_PRETTY === 'true';
  const preset = CLOUD_PRESETS[e.MICROSOFT_CLOUD];
  return {
    environment,
    port: e.PORT,
    // Anonymous mode authenticates nothing, so by default it is reachable from this machine only.
    host: e.HOST ?? (e.MicrosoftAppId === undefined ? '127.0.0.1' : '0.0.0.0'),
    log: { level: e.LOG_LEVEL ?? (environment === 'test' ? 'silent' : 'info'), pretty },
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? 'MultiTenant',
      appTenantId: e.MicrosoftAppTenantId,
      channel: channelSettings(e, preset.channel),
      managedIdentityClientId: e.BOT_MANAGED_IDENTITY_CLIENT_ID,
      tokenExchangeAudience: preset.tokenExchangeAudience,
    },
    cloud: e.MICROSOFT_CLOUD,
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    anonymous: e.MicrosoftAppId === undefined,
    store: {
      kind: e.STORE,
      path: e.STORE_PATH,
      azureConnectionString: e.AZURE_STORAGE_CONNECTION_STRING,
      azureEndpoints: storageEndpoints(preset.storageSuffix, e),
      azureNames: { table: e.AZURE_TABLE_NAME, queue: e.AZURE_QUEUE_NAME, container: e.AZURE_BLOB_CONTAINER },
      seedDemoData: e.SEED_DEMO_DATA,
    },
    merge: { invitationDays: e.MERGE_INVITATION_DAYS, reminderDaysBefore: e.MERGE_REMINDER_DAYS_BEFORE },
    graph: graphConfigOf(e, preset),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    notifications: notificationsConfigOf(e, preset),
    security: { allowedTenants: e.ALLOWED_TENANTS },
    registration: {
      // Locally, with the demo data and no reviewers named, one person can play every part.
      reviewers:
        e.REGISTRATION_REVIEWERS.length > 0 || !(e.MicrosoftAppId === undefined && e.SEED_DEMO_DATA)
          ? e.REGISTRATION_REVIEWERS
          : [DEMO_REVIEWER],
      perTenantPerDay: e.REGISTRATIONS_PER_TENANT_PER_DAY,
    },
  };
}

function graphConfigOf(e: Env, preset: (typeof CLOUD_PRESETS)[MicrosoftCloud]): GraphConfig {
  const clientId = e.GRAPH_CLIENT_ID ?? e.MicrosoftAppId;
  const credential = graphCredentialOf(e);
  return {
    enabled:
      e.GRAPH_ENABLED === 'auto' ? clientId !== undefined && credential !== undefined : e.GRAPH_ENABLED === 'true',
    baseUrl: e.GRAPH_BASE_URL ?? preset.graphBaseUrl,
    authorityHost: e.GRAPH_AUTHORITY_HOST ?? preset.loginHost,
    tenantId: e.GRAPH_TENANT_ID ?? e.MicrosoftAppTenantId,
    clientId,
    credential,
    timeoutMs: e.GRAPH_TIMEOUT_MS,
    maxRetries: e.GRAPH_MAX_RETRIES,
    cacheTtlSeconds: e.GRAPH_CACHE_TTL_SECONDS,
    openIdAuthorityHost: e.OPENID_AUTHORITY_HOST ?? preset.loginHost,
    tokenExchangeAudience: preset.tokenExchangeAudience,
    homeTenantId: e.MicrosoftAppTenantId,
  };
}

function notificationsConfigOf(e: Env, preset: (typeof CLOUD_PRESETS)[MicrosoftCloud]): AppConfig['notifications'] {
  return {
    // The schema refuses a cloud without a Teams URL unless NOTIFY_SERVICE_URL is set.
    serviceUrl: `${e.NOTIFY_SERVICE_URL ?? preset.teamsServiceUrl ?? ''}/`,
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    baseDelayMs: e.OUTBOX_BASE_DELAY_MS,
    maxDelayMs: e.OUTBOX_MAX_DELAY_MS,
    concurrency: e.OUTBOX_CONCURRENCY,
    pollIntervalMs: e.OUTBOX_POLL_MS,
    leaseMs: e.OUTBOX_LEASE_MS,
    maxDequeue: e.OUTBOX_MAX_DEQUEUE,
    sweepIntervalMs: e.OUTBOX_SWEEP_MS,
    yieldMs: e.OUTBOX_YIELD_MS,
    perThread: e.RATE_LIMIT_PER_THREAD,
    perTenant: e.RATE_LIMIT_PER_TENANT,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    entraManager: e.NOTIFY_ENTRA_MANAGER,
    teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID,
  };
}

export interface AzureStorageEndpoints {
  readonly tableUrl: string;
  readonly queueUrl: string;
  readonly blobUrl: string;
  /** Selects a user-assigned managed identity (AZURE_CLIENT_ID); otherwise DefaultAzureCredential's own choice. */
  readonly managedIdentityClientId: string | undefined;
}

/** The service URLs: explicit ones, else the account's in the cloud's storage domain. */
function storageEndpoints(
  suffix: string,
  e: {
    AZURE_STORAGE_CONNECTION_STRING?: string | undefined;
    AZURE_STORAGE_ACCOUNT_NAME?: string | undefined;
    AZURE_STORAGE_TABLE_URL?: string | undefined;
    AZURE_STORAGE_QUEUE_URL?: string | undefined;
    AZURE_STORAGE_BLOB_URL?: string | undefined;
    AZURE_CLIENT_ID?: string | undefined;
  },
): AzureStorageEndpoints | undefined {
  if (e.AZURE_STORAGE_CONNECTION_STRING !== undefined) return undefined;
  const account = e.AZURE_STORAGE_ACCOUNT_NAME;
  const url = (explicit: string | undefined, service: 'table' | 'queue' | 'blob'): string | undefined =>
    explicit ?? (account ? `https://${account}.${service}.${suffix}` : undefined);
  const tableUrl = url(e.AZURE_STORAGE_TABLE_URL, 'table');
  const queueUrl = url(e.AZURE_STORAGE_QUEUE_URL, 'queue');
  const blobUrl = url(e.AZURE_STORAGE_BLOB_URL, 'blob');
  if (!tableUrl || !queueUrl || !blobUrl) return undefined;
  return { tableUrl, queueUrl, blobUrl, managedIdentityClientId: e.AZURE_CLIENT_ID };
}

/** botbuilder's keys: the preset's, then each one set explicitly. */
function channelSettings(
  e: Partial<Record<(typeof BOT_FRAMEWORK_KEYS)[number], string | undefined>> & {
    ValidateAuthority?: 'true' | 'false' | undefined;
  },
  preset: ChannelSettings,
): ChannelSettings {
  const explicit = Object.fromEntries(
    BOT_FRAMEWORK_KEYS.flatMap((key) => (e[key] === undefined ? [] : [[key, e[key]]])),
  );
  const validate = e.ValidateAuthority === undefined ? {} : { ValidateAuthority: e.ValidateAuthority === 'true' };
  return { ...preset, ...explicit, ...validate };
}

/** The one way Graph signs in; more than one set is refused by the schema's check. */
function graphCredentialOf(e: {
  GRAPH_CLIENT_SECRET?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  GRAPH_CLIENT_CERTIFICATE_PATH?: string | undefined;
  GRAPH_MANAGED_IDENTITY_CLIENT_ID?: string | undefined;
}): GraphCredentialConfig | undefined {
  if (e.GRAPH_CLIENT_CERTIFICATE_PATH !== undefined)
    return { kind: 'certificate', certificatePath: e.GRAPH_CLIENT_CERTIFICATE_PATH };
  if (e.GRAPH_MANAGED_IDENTITY_CLIENT_ID !== undefined) {
    return e.GRAPH_MANAGED_IDENTITY_CLIENT_ID === 'system'
      ? { kind: 'managedIdentity' }
      : { kind: 'managedIdentity', clientId: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID };
  }
  const secret = e.GRAPH_CLIENT_SECRET ?? e.MicrosoftAppPassword;
  return secret === undefined ? undefined : { kind: 'secret', clientSecret: secret };
}

/** A config for tests and tools: defaults plus overrides, without reading `.env` or the process env. */
export function configFrom(env: Readonly<Record<string, string | undefined>>): AppConfig {
  return loadConfig({ env, dotenvPath: false, isTty: false });
}
