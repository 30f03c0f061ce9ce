/**
 * How the Graph service reaches Microsoft Graph: one client (credential, token cache,
 * retry and timeout middleware) per tenant, bounded, least recently used first out; the
 * tenant a call runs in; Graph's and Entra's errors mapped to the service's own; answers
 * checked against their schema; pages followed.
 */
import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  TelemetryHandler,
  type AuthenticationProvider,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { isMultiTenant, MULTI_TENANT, type GraphConfig } from './config.js';
import { credentialFactory } from './credentials.js';
import type { Logger } from '../loggerPort.js';
import {
  CONSENT_ERROR_CODES,
  GraphConsentError,
  GraphNotFoundError,
  GraphPermissionError,
  GraphRequestError,
  GraphServiceError,
  GraphTenantMismatchError,
  GraphUnavailableError,
  type GraphOperation,
} from './errors.js';
import {
  FetchHandler,
  NETWORK_ERROR_NAME,
  RetryMiddleware,
  TIMEOUT_ERROR_NAME,
  type FetchLike,
  type Sleep,
} from './middleware.js';

export interface GraphServiceDeps {
  readonly logger: Logger;
  /** Transport for Graph calls; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /** One credential for every tenant (tests); by default one per tenant from the config (credentials.ts). */
  readonly credential?: TokenCredential;
  /** The managed identity whose tokens are the app's client assertions (tests: a loopback identity endpoint). */
  readonly managedIdentity?: TokenCredential;
  /**
   * Extra CA certificate (PEM) to trust for the token authority, for authorities behind a
   * private CA (a TLS-inspecting proxy, or the loopback authority in tests).
   */
  readonly authorityCaPem?: string;
  /** Waits between retries; injectable so tests can observe the delays. */
  readonly sleep?: Sleep;
  readonly now?: () => number;
  /** Cap for any single retry wait (default 30 s). */
  readonly maxRetryDelayMs?: number;
  /** Backoff start when no Retry-After is given (default 1 s). */
  readonly retryBaseDelayMs?: number;
}

export class GraphConfigError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`Microsoft Graph is not usable: ${missing.join(', ')} not set`);
    this.name = 'GraphConfigError';
  }
}

/** The settings that must be present for app-only Graph calls, as environment names. */
export function missingGraphSettings(config: GraphConfig): string[] {
  const missing: string[] = [];
  if (!config.tenantId) missing.push('GRAPH_TENANT_ID');
  if (!config.clientId) missing.push('GRAPH_CLIENT_ID');
  if (!config.credential)
    missing.push('GRAPH_CLIENT_SECRET (or GRAPH_CLIENT_CERTIFICATE_PATH, GRAPH_MANAGED_IDENTITY_CLIENT_ID)');
  return missing;
}

/** A token provider over the credential that cannot hang longer than the Graph timeout. */
class CredentialAuthProvider implements AuthenticationProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
    private readonly timeoutMs: number,
  ) {}

  async getAccessToken(): Promise<string> {
    const abortSignal = AbortSignal.timeout(this.timeoutMs);
    const token = await Promise.race([
      this.credential.getToken(this.scopes, { abortSignal }),
      new Promise<never>((_, reject) => {
        abortSignal.addEventListener('abort', () => reject(authError(`no token within ${this.timeoutMs} ms`)), {
          once: true,
        });
      }),
    ]);
    if (!token) throw authError('the credential returned no token');
    return token.token;
  }
}

function authError(message: string): Error {
  const error = new Error(message);
  error.name = 'AuthenticationError';
  return error;
}

/** Graph error bodies: `{ error: { code, message } }`; the client keeps code and message. */
function toServiceError(operation: GraphOperation, error: unknown, tenantId: string): GraphServiceError {
  if (error instanceof GraphServiceError) return error;
  // A token the tenant refused to issue because it never granted the app.
  const aadsts = /AADSTS(\d+)/.exec(error instanceof Error ? error.message : String(error))?.[1];
  if (aadsts !== undefined && (CONSENT_ERROR_CODES as readonly string[]).includes(aadsts))
    return new GraphConsentError(operation, tenantId, aadsts, { cause: error });
  // Any other refusal of a token: the sign-in failed; the code is for the operator's log.
  if (aadsts !== undefined)
    return new GraphUnavailableError(operation, 'auth', `the tenant refused a token (AADSTS${aadsts})`, undefined, {
      cause: error,
      aadsts,
    });
  if (!(error instanceof GraphError)) {
    return new GraphUnavailableError(
      operation,
      'network',
      error instanceof Error ? error.message : String(error),
      undefined,
      { cause: error },
    );
  }
  const status = error.statusCode;
  const code = error.code ?? undefined;
  const message = error.message || undefined;
  if (status === 403) return new GraphPermissionError(operation, code, message, tenantId);
  if (status === 404) return new GraphNotFoundError(operation, code, message);
  if (status === 401)
    return new GraphUnavailableError(operation, 'auth', `${code ?? 'Unauthorized'}: ${message ?? ''}`, status, {
      cause: error,
    });
  if (status === 429)
    return new GraphUnavailableError(operation, 'throttled', message ?? 'too many requests', status, { cause: error });
  if (status >= 500)
    return new GraphUnavailableError(
      operation,
      'server-error',
      `${status} ${code ?? ''} ${message ?? ''}`.trim(),
      status,
      { cause: error },
    );
  if (status >= 400) return new GraphRequestError(operation, status, code, message);
  // statusCode -1: our middleware or the credential threw; the client keeps the name as code.
  if (code === TIMEOUT_ERROR_NAME)
    return new GraphUnavailableError(operation, 'timeout', message ?? 'timeout', undefined, { cause: error });
  if (code === NETWORK_ERROR_NAME)
    return new GraphUnavailableError(operation, 'network', message ?? 'network error', undefined, { cause: error });
  if (code !== undefined && /Authentication|Credential/i.test(code)) {
    return new GraphUnavailableError(operation, 'auth', message ?? code, undefined, { cause: error });
  }
  return new GraphUnavailableError(operation, 'network', message ?? 'unknown error', undefined, { cause: error });
}

/** Graph's "cast" and `$count` queries on directory objects need advanced query mode. */
export const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;
const MAX_PAGES = 20;

/** Tenants with a client (and token cache) of their own at once; the least recently used goes first. */
const MAX_TENANT_CLIENTS = 200;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

export class GraphTransport {
  /** The configured tenant (lower case), or `organizations`. */
  readonly configuredTenant: string;
  readonly multi: boolean;
  readonly logger: Logger;
  private readonly base: URL;
  private readonly scopes: string[];
  private readonly credentialFor: (tenant: string) => TokenCredential;
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly config: GraphConfig,
    private readonly deps: GraphServiceDeps,
  ) {
    const missing = missingGraphSettings(config);
    if (!config.tenantId || missing.length > 0) throw new GraphConfigError(missing);
    this.configuredTenant = config.tenantId.toLowerCase();
    this.multi = isMultiTenant(config);
    this.logger = deps.logger.child({ component: 'graph' });
    this.base = new URL(config.baseUrl);
    const shared = deps.credential;
    this.credentialFor = shared
      ? () => shared
      : credentialFactory(config, {
          ...(deps.authorityCaPem !== undefined ? { authorityCaPem: deps.authorityCaPem } : {}),
          ...(deps.managedIdentity ? { managedIdentity: deps.managedIdentity } : {}),
        });
    // App-only tokens use the `.default` scope of the Graph resource (national clouds differ).
    this.scopes = [`${this.base.origin}/.default`];
  }

  /** The tenant a call runs in: the configured one, or in multi-tenant mode the one it is about. */
  tenantFor(operation: GraphOperation, requested: string | undefined): string {
    if (!this.multi) {
      if (requested !== undefined && requested.toLowerCase() !== this.configuredTenant)
        throw new GraphTenantMismatchError(operation, this.configuredTenant, requested);
      return this.configuredTenant;
    }
    if (requested === undefined || !GUID.test(requested))
      throw new GraphTenantMismatchError(operation, MULTI_TENANT, requested ?? '(no tenant)');
    return requested.toLowerCase();
  }

  /** One request in `tenant`, its failure mapped and logged once, its answer checked against `schema`. */
  async call<T>(
    operation: GraphOperation,
    tenant: string,
    request: (client: Client) => Promise<unknown>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    let body: unknown;
    try {
      body = await request(this.clientFor(tenant));
    } catch (error: unknown) {
      const mapped = toServiceError(operation, error, tenant);
      // A 404 is often the answer (no tenant has the domain), not a fault.
      const aadsts =
        mapped instanceof GraphUnavailableError || mapped instanceof GraphConsentError ? mapped.aadsts : undefined;
      (mapped.kind === 'not-found' ? this.logger.debug : this.logger.warn)(
        { operation, tenant, kind: mapped.kind, ...(aadsts ? { aadsts: `AADSTS${aadsts}` } : {}), err: mapped.message },
        'graph call failed',
      );
      throw mapped;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new GraphUnavailableError(
        operation,
        'bad-response',
        `unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    return parsed.data;
  }

  /** Every item of a paged list (at most MAX_PAGES pages). */
  async collect<T>(
    operation: GraphOperation,
    tenant: string,
    first: (client: Client) => GraphRequest,
    item: z.ZodType<T>,
    headers: Record<string, string> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let request: ((client: Client) => GraphRequest) | undefined = first;
    for (let page = 0; request && page < MAX_PAGES; page++) {
      const current: (client: Client) => GraphRequest = request;
      const result = await this.call(
        operation,
        tenant,
        (client) => current(client).get() as Promise<unknown>,
        pageOf(item),
      );
      items.push(...result.value);
      const next = result['@odata.nextLink'];
      request = next ? (client) => client.api(next).headers(headers) : undefined;
    }
    return items;
  }

  /** The Graph client of one tenant: its own credential, so its own tokens. */
  private clientFor(tenant: string): Client {
    const known = this.clients.get(tenant);
    if (known) {
      this.clients.delete(tenant);
      this.clients.set(tenant, known);
      return known;
    }
    const client = Client.initWithMiddleware({
      baseUrl: this.config.baseUrl,
      defaultVersion: '', // the version is part of baseUrl (…/v1.0)
      // The auth handler only attaches tokens to known Graph hosts; add ours (national
      // clouds, or an emulator in tests).
      customHosts: new Set([this.base.hostname]),
      middleware: [
        new AuthenticationHandler(
          new CredentialAuthProvider(this.credentialFor(tenant), this.scopes, this.config.timeoutMs),
        ),
        new TelemetryHandler(),
        new RetryMiddleware(
          {
            maxRetries: this.config.maxRetries,
            baseDelayMs: this.deps.retryBaseDelayMs ?? 1000,
            maxDelayMs: this.deps.maxRetryDelayMs ?? 30_000,
          },
          this.deps.sleep ?? ((ms) => delay(ms)),
          this.logger,
        ),
        new FetchHandler(this.deps.fetch ?? ((input, init) => fetch(input, init)), this.config.timeoutMs),
      ],
    });
    this.clients.set(tenant, client);
    const oldest = this.clients.keys().next().value;
    if (this.clients.size > MAX_TENANT_CLIENTS && oldest !== undefined) this.clients.delete(oldest);
    return client;
  }
}
