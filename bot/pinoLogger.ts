/**
 * Structured logging (pino): JSON lines in production, pretty in a terminal.
 * Secrets are redacted so a careless `log.info({ config })` cannot leak them:
 * - by path (`REDACTED_PATHS`, pino's fast redaction),
 * - by key name at any depth (`SECRET_KEYS`: passwords, secrets, tokens, Authorization
 *   headers, connection strings, cookies),
 * - by shape inside any logged string, messages and error messages included: JWTs,
 *   `Bearer …` credentials and `AccountKey=`/`password=`-style connection string parts.
 */
import { pino, type Logger as PinoLogger, type DestinationStream, type LoggerOptions } from 'pino';
import type { AppConfig } from './config.js';

export type AppLogger = PinoLogger;

export const REDACTION_CENSOR = '[redacted]';

export const REDACTED_PATHS = [
  'password',
  'appPassword',
  'clientSecret',
  'token',
  'accessToken',
  'authorization',
  'connectionString',
  'azureConnectionString',
  '*.password',
  '*.appPassword',
  '*.clientSecret',
  '*.token',
  '*.accessToken',
  '*.authorization',
  '*.connectionString',
  '*.azureConnectionString',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  // The config as a whole (`log.info({ config })`), two levels down.
  'config.bot.appPassword',
  'config.graph.credential.clientSecret',
  'config.store.azureConnectionString',
  'GRAPH_CLIENT_SECRET',
  'AZURE_STORAGE_CONNECTION_STRING',
  'config.telemetry.connectionString',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];

/** Keys whose values are never logged, compared without case, `_` or `-`. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(
  [
    'password',
    'appPassword',
    'MicrosoftAppPassword',
    'clientSecret',
    'client_secret',
    'GRAPH_CLIENT_SECRET',
    'secret',
    'token',
    'accessToken',
    'access_token',
    'refreshToken',
    'idToken',
    'authorization',
    'authHeader',
    'proxyAuthorization',
    'cookie',
    'setCookie',
    'connectionString',
    'azureConnectionString',
    'AZURE_STORAGE_CONNECTION_STRING',
    'accountKey',
    'sharedAccessSignature',
    'apiKey',
    'privateKey',
  ].map(normalizeKey),
);

function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

const TEXT_SECRETS: ReadonlyArray<readonly [RegExp, string]> = [
  // A JWT (header and payload are base64url JSON, so they start with "eyJ").
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTION_CENSOR],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTION_CENSOR}`],
  [
    /\b(AccountKey|SharedAccessSignature|SharedAccessKey|sig|password|pwd|client_secret)=([^;&\s"]+)/gi,
    `$1=${REDACTION_CENSOR}`,
  ],
];

/** Removes token- and key-shaped parts from free text. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_SCRUB_DEPTH = 8;

/** A copy of `value` with secret keys censored and strings redacted; plain data only. */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null || depth >= MAX_SCRUB_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubSecrets(item, depth + 1));
  if (value instanceof Error) return value; // the `err` serializer below handles errors
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Dates, Buffers, class instances
  // fromEntries defines properties: a hostile "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(normalizeKey(key)) ? REDACTION_CENSOR : scrubSecrets(item, depth + 1),
    ]),
  );
}

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return scrubSecrets(err);
  // pino's serializer returns an object with its own prototype: copy it to plain data.
  return scrubSecrets({ ...pino.stdSerializers.err(err) });
}

/** `logFields`: fields for every line, read as it is written (the active trace and span ids with telemetry on). */
export function createLogger(
  config: Pick<AppConfig, 'log'>,
  destination?: DestinationStream,
  logFields?: () => Record<string, string>,
): AppLogger {
  const options: LoggerOptions = {
    ...(logFields ? { mixin: logFields } : {}),
    level: config.log.level,
    base: { app: 'partner-merge-bot' },
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: (object) => scrubSecrets(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((arg: unknown) => (typeof arg === 'string' ? redactText(arg) : arg));
        method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  };
  if (destination) return pino(options, destination);
  if (config.log.pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' },
      },
    });
  }
  return pino(options);
}
