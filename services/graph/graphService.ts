/**
 * Microsoft Graph, app-only. Built on `@microsoft/microsoft-graph-client` with tokens from
 * `@azure/identity` (client-credentials flow against the configured authority; see
 * credentials.ts), our retry and timeout middleware, and a TTL cache for tenant lookups.
 *
 * App-only permissions are granted per tenant and a token is issued for one tenant. With
 * `GRAPH_TENANT_ID=organizations` every call runs in the tenant it is about, with a client
 * and token cache of its own for that tenant (bounded, least recently used first out): a
 * token for tenant A is never sent with a question about tenant B. With a tenant GUID, calls
 * about any other tenant raise GraphTenantMismatchError rather than read the wrong directory.
 * A tenant that has not granted the app raises GraphConsentError (no token is issued there).
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
import { FetchHandler, NETWORK_ERROR_NAME, RetryMiddleware, TIMEOUT_ERROR_NAME, type FetchLike, type Sleep } from './middleware.js';
import { TtlCache } from './ttlCache.js';

/** Directory role template ids (the same in every tenant). */
export const ROLE_TEMPLATE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

const TenantInformationSchema = z.object({
  tenantId: z.string(),
  displayName: z.string().nullish(),
  defaultDomainName: z.string().nullish(),
  federationBrandName: z.string().nullish(),
});

const DomainSchema = z.object({
  id: z.string(),
  isDefault: z.boolean().default(false),
  isVerified: z.boolean().default(false),
  isInitial: z.boolean().default(false),
  authenticationType: z.string().nullish(),
  supportedServices: z.array(z.string()).default([]),
});

const DirectoryRoleSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  roleTemplateId: z.string().nullish(),
});

/** A user as `GET /users/{id}` and `/manager` return it, selected fields only. */
const ManagerSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

export interface TenantInformation {
  readonly tenantId: string;
  readonly displayName: string | undefined;
  readonly defaultDomainName: string | undefined;
  readonly federationBrandName: string | undefined;
}

export type GraphDomain = z.infer<typeof DomainSchema>;

export interface DirectoryRoleCheck {
  readonly holds: boolean;
  /** The matching roles the user holds (directly or through groups). */
  readonly matched: ReadonlyArray<{ readonly roleTemplateId: string; readonly displayName: string | undefined }>;
}

export interface GraphService {
  /** The tenant app-only calls run against, or `organizations`: the tenant each call is about. */
  readonly tenantId: string;
  /** The tenant that owns `domain`, or null when no Entra tenant has it (Graph 404); asked in `tenantId` (multi-tenant mode). */
  findTenantByDomain(domain: string, tenantId?: string): Promise<TenantInformation | null>;
  /**
   * What Entra publishes about a tenant by its id (name, default domain), or null (404); asked
   * in the app's home tenant, so it answers for a tenant that has not consented to the app.
   */
  describeTenant(tenantId: string): Promise<TenantInformation | null>;
  /** The domains of the configured tenant (`tenantId`, if given, must be that tenant). */
  listDomains(tenantId?: string): Promise<GraphDomain[]>;
  /** Whether the user holds any of the directory roles, directly or through role-assignable groups. */
  hasAnyDirectoryRole(userId: string, roleTemplateIds: readonly string[], tenantId?: string): Promise<DirectoryRoleCheck>;
  /** A user by object id or user principal name (`GET /users/{id}`), or null when there is none (404). */
  getUser(idOrUpn: string, tenantId?: string): Promise<EntraUser | null>;
  /** The user's manager in Entra (`GET /users/{id}/manager`), or null when none is set (404). */
  getManager(userId: string, tenantId?: string): Promise<EntraUser | null>;
  /**
   * Installs the Teams app (by its app catalog id) in the user's personal scope
   * (`POST /users/{id}/teamwork/installedApps`); already installed (409) counts as done.
   */
  installAppForUser(userId: string, catalogAppId: string, tenantId?: string): Promise<void>;
}

export interface EntraUser {
  readonly id: string;
  readonly displayName: string | undefined;
  readonly userPrincipalName: string | undefined;
}

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
  if (!config.credential) missing.push('GRAPH_CLIENT_SECRET (or GRAPH_CLIENT_CERTIFICATE_PATH, GRAPH_MANAGED_IDENTITY_CLIENT_ID)');
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
        abortSignal.addEventListener('abort', () => reject(authError(`no token within ${this.timeoutMs} ms`)), { once: true });
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
  if (aadsts !== undefined && (CONSENT_ERROR_CODES as readonly string[]).includes(aadsts)) return new GraphConsentError(operation, tenantId, aadsts, { cause: error });
  // Any other refusal of a token: the sign-in failed; the code is for the operator's log.
  if (aadsts !== undefined) return new GraphUnavailableError(operation, 'auth', `the tenant refused a token (AADSTS${aadsts})`, undefined, { cause: error, aadsts });
  if (!(error instanceof GraphError)) {
    return new GraphUnavailableError(operation, 'network', error instanceof Error ? error.message : String(error), undefined, { cause: error });
  }
  const status = error.statusCode;
  const code = error.code ?? undefined;
  const message = error.message || undefined;
  if (status === 403) return new GraphPermissionError(operation, code, message, tenantId);
  if (status === 404) return new GraphNotFoundError(operation, code, message);
  if (status === 401) return new GraphUnavailableError(operation, 'auth', `${code ?? 'Unauthorized'}: ${message ?? ''}`, status, { cause: error });
  if (status === 429) return new GraphUnavailableError(operation, 'throttled', message ?? 'too many requests', status, { cause: error });
  if (status >= 500) return new GraphUnavailableError(operation, 'server-error', `${status} ${code ?? ''} ${message ?? ''}`.trim(), status, { cause: error });
  if (status >= 400) return new GraphRequestError(operation, status, code, message);
  // statusCode -1: our middleware or the credential threw; the client keeps the name as code.
  if (code === TIMEOUT_ERROR_NAME) return new GraphUnavailableError(operation, 'timeout', message ?? 'timeout', undefined, { cause: error });
  if (code === NETWORK_ERROR_NAME) return new GraphUnavailableError(operation, 'network', message ?? 'network error', undefined, { cause: error });
  if (code !== undefined && /Authentication|Credential/i.test(code)) {
    return new GraphUnavailableError(operation, 'auth', message ?? code, undefined, { cause: error });
  }
  return new GraphUnavailableError(operation, 'network', message ?? 'unknown error', undefined, { cause: error });
}

function tenantInformationOf(raw: z.infer<typeof TenantInformationSchema>): TenantInformation {
  return { tenantId: raw.tenantId, displayName: raw.displayName ?? undefined, defaultDomainName: raw.defaultDomainName ?? undefined, federationBrandName: raw.federationBrandName ?? undefined };
}

/** Graph's "cast" and `$count` queries on directory objects need advanced query mode. */
const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;
const MAX_PAGES = 20;

/** Tenants with a client (and token cache) of their own at once; the least recently used goes first. */
const MAX_TENANT_CLIENTS = 200;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createGraphService(config: GraphConfig, deps: GraphServiceDeps): GraphService {
  const missing = missingGraphSettings(config);
  const { tenantId } = config;
  if (!tenantId || missing.length > 0) throw new GraphConfigError(missing);
  const configuredTenant: string = tenantId.toLowerCase();
  const multi = isMultiTenant(config);

  const logger = deps.logger.child({ component: 'graph' });
  const base = new URL(config.baseUrl);
  const shared = deps.credential;
  const credentialFor = shared ? () => shared : credentialFactory(config, { ...(deps.authorityCaPem !== undefined ? { authorityCaPem: deps.authorityCaPem } : {}), ...(deps.managedIdentity ? { managedIdentity: deps.managedIdentity } : {}) });
  // App-only tokens use the `.default` scope of the Graph resource (national clouds differ).
  const scopes = [`${base.origin}/.default`];
  const clients = new Map<string, Client>();

  /** The Graph client of one tenant: its own credential, so its own tokens. */
  function clientFor(tenant: string): Client {
    const known = clients.get(tenant);
    if (known) {
      clients.delete(tenant);
      clients.set(tenant, known);
      return known;
    }
    const client = Client.initWithMiddleware({
      baseUrl: config.baseUrl,
      defaultVersion: '', // the version is part of baseUrl (…/v1.0)
      // The auth handler only attaches tokens to known Graph hosts; add ours (national
      // clouds, or an emulator in tests).
      customHosts: new Set([base.hostname]),
      middleware: [
        new AuthenticationHandler(new CredentialAuthProvider(credentialFor(tenant), scopes, config.timeoutMs)),
        new TelemetryHandler(),
        new RetryMiddleware(
          { maxRetries: config.maxRetries, baseDelayMs: deps.retryBaseDelayMs ?? 1000, maxDelayMs: deps.maxRetryDelayMs ?? 30_000 },
          deps.sleep ?? ((ms) => delay(ms)),
          logger,
        ),
        new FetchHandler(deps.fetch ?? ((input, init) => fetch(input, init)), config.timeoutMs),
      ],
    });
    clients.set(tenant, client);
    const oldest = clients.keys().next().value;
    if (clients.size > MAX_TENANT_CLIENTS && oldest !== undefined) clients.delete(oldest);
    return client;
  }

  /** The tenant a call runs in: the configured one, or in multi-tenant mode the one it is about. */
  function tenantFor(operation: GraphOperation, requested: string | undefined): string {
    if (!multi) {
      if (requested !== undefined && requested.toLowerCase() !== configuredTenant) throw new GraphTenantMismatchError(operation, configuredTenant, requested);
      return configuredTenant;
    }
    if (requested === undefined || !GUID.test(requested)) throw new GraphTenantMismatchError(operation, MULTI_TENANT, requested ?? '(no tenant)');
    return requested.toLowerCase();
  }

  const tenantCache = new TtlCache<TenantInformation | null>(config.cacheTtlSeconds * 1000, 1000, deps.now);

  async function call<T>(operation: GraphOperation, tenant: string, request: (client: Client) => Promise<unknown>, schema: z.ZodType<T>): Promise<T> {
    let body: unknown;
    try {
      body = await request(clientFor(tenant));
    } catch (error: unknown) {
      const mapped = toServiceError(operation, error, tenant);
      // A 404 is often the answer (no tenant has the domain), not a fault.
      const aadsts = mapped instanceof GraphUnavailableError || mapped instanceof GraphConsentError ? mapped.aadsts : undefined;
      (mapped.kind === 'not-found' ? logger.debug : logger.warn)({ operation, tenant, kind: mapped.kind, ...(aadsts ? { aadsts: `AADSTS${aadsts}` } : {}), err: mapped.message }, 'graph call failed');
      throw mapped;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new GraphUnavailableError(operation, 'bad-response', `unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  /** What Entra publishes about a tenant (by domain or id), cached; Graph's 404 ("no such tenant") is an answer, cached like a hit. */
  async function tenantInformation(operation: 'findTenantByDomain' | 'describeTenant', tenant: string, cacheKey: string, path: string): Promise<TenantInformation | null> {
    const cached = tenantCache.get(cacheKey);
    if (cached) return cached.value;
    let info: TenantInformation | null;
    try {
      info = tenantInformationOf(await call(operation, tenant, (client) => client.api(path).get() as Promise<unknown>, TenantInformationSchema));
    } catch (error: unknown) {
      if (!(error instanceof GraphNotFoundError)) throw error;
      info = null;
    }
    tenantCache.set(cacheKey, info);
    return info;
  }

  async function collect<T>(operation: GraphOperation, tenant: string, first: (client: Client) => GraphRequest, item: z.ZodType<T>, headers: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let request: ((client: Client) => GraphRequest) | undefined = first;
    for (let page = 0; request && page < MAX_PAGES; page++) {
      const current: (client: Client) => GraphRequest = request;
      const result = await call(operation, tenant, (client) => current(client).get() as Promise<unknown>, pageOf(item));
      items.push(...result.value);
      const next = result['@odata.nextLink'];
      request = next ? (client) => client.api(next).headers(headers) : undefined;
    }
    return items;
  }

  /** A user-shaped answer, or null for Graph's 404 (an answer, not a fault). */
  async function userOrNull(operation: 'getUser' | 'getManager', tenant: string, path: string): Promise<EntraUser | null> {
    try {
      const raw = await call(operation, tenant, (client) => client.api(path).select(['id', 'displayName', 'userPrincipalName']).get() as Promise<unknown>, ManagerSchema);
      return { id: raw.id, displayName: raw.displayName ?? undefined, userPrincipalName: raw.userPrincipalName ?? undefined };
    } catch (error: unknown) {
      if (error instanceof GraphNotFoundError) return null;
      throw error;
    }
  }

  return {
    tenantId: configuredTenant,

    async findTenantByDomain(domain, requestedTenant) {
      const tenant = tenantFor('findTenantByDomain', requestedTenant);
      const key = domain.toLowerCase();
      const path = `/tenantRelationships/findTenantInformationByDomainName(domainName='${encodeURIComponent(key.replace(/'/g, "''"))}')`;
      return tenantInformation('findTenantByDomain', tenant, `${tenant}|${key}`, path);
    },

    async describeTenant(tenantId) {
      const home = multi ? config.homeTenantId?.toLowerCase() : configuredTenant;
      if (home === undefined || !GUID.test(home)) throw new GraphTenantMismatchError('describeTenant', MULTI_TENANT, '(no home tenant)');
      if (!GUID.test(tenantId)) return null;
      const id = tenantId.toLowerCase();
      return tenantInformation('describeTenant', home, `${home}|id:${id}`, `/tenantRelationships/findTenantInformationByTenantId(tenantId='${id}')`);
    },

    async listDomains(requestedTenant) {
      const tenant = tenantFor('listDomains', requestedTenant);
      return collect('listDomains', tenant, (client) => client.api('/domains'), DomainSchema);
    },

    async hasAnyDirectoryRole(userId, roleTemplateIds, requestedTenant) {
      const tenant = tenantFor('directoryRoles', requestedTenant);
      const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
      const first = (client: Client) =>
        client
          .api(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`)
          .headers(EVENTUAL)
          .query({ $count: 'true' })
          .select(['id', 'displayName', 'roleTemplateId']);
      const roles = await collect('directoryRoles', tenant, first, DirectoryRoleSchema, EVENTUAL);
      const matched = roles
        .filter((role) => role.roleTemplateId != null && wanted.has(role.roleTemplateId.toLowerCase()))
        .map((role) => ({ roleTemplateId: role.roleTemplateId ?? '', displayName: role.displayName ?? undefined }));
      return { holds: matched.length > 0, matched };
    },

    async installAppForUser(userId, catalogAppId, requestedTenant) {
      const tenant = tenantFor('installApp', requestedTenant);
      const bind = `${config.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`;
      try {
        await call('installApp', tenant, (client) => client.api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`).post({ 'teamsApp@odata.bind': bind }) as Promise<unknown>, z.unknown());
      } catch (error: unknown) {
        // 409: the app is installed for this user already.
        if (error instanceof GraphRequestError && error.status === 409) return;
        throw error;
      }
    },

    async getUser(idOrUpn, requestedTenant) {
      return userOrNull('getUser', tenantFor('getUser', requestedTenant), `/users/${encodeURIComponent(idOrUpn)}`);
    },

    // 404: the user has no manager set (or is unknown); that is an answer, not a failure.
    async getManager(userId, requestedTenant) {
      return userOrNull('getManager', tenantFor('getManager', requestedTenant), `/users/${encodeURIComponent(userId)}/manager`);
    },
  };
}
