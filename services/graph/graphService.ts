/**
 * Microsoft Graph, app-only. Built on `@microsoft/microsoft-graph-client` with a token from
 * an `@azure/identity` ClientSecretCredential (client-credentials flow against the
 * configured authority), our retry and timeout middleware, and a TTL cache for tenant
 * lookups.
 *
 * Limitation: app-only permissions are granted per tenant, and the token is issued for the
 * configured tenant (`GRAPH_TENANT_ID`). Directory reads (`listDomains`, roles) therefore
 * only work for that tenant; asking for another one raises GraphTenantMismatchError rather
 * than silently reading the wrong directory. `findTenantByDomain` works for any domain.
 */
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
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
import type { GraphConfig } from '../../bot/config.js';
import type { Logger } from '../logger.js';
import {
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
  /** The tenant app-only calls run against. */
  readonly tenantId: string;
  /** The tenant that owns `domain`, or null when no Entra tenant has it (Graph 404). */
  findTenantByDomain(domain: string): Promise<TenantInformation | null>;
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
  /** Defaults to a ClientSecretCredential built from the config. */
  readonly credential?: TokenCredential;
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
  if (!config.clientSecret) missing.push('GRAPH_CLIENT_SECRET');
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
function toServiceError(operation: GraphOperation, error: unknown): GraphServiceError {
  if (error instanceof GraphServiceError) return error;
  if (!(error instanceof GraphError)) {
    return new GraphUnavailableError(operation, 'network', error instanceof Error ? error.message : String(error), undefined, { cause: error });
  }
  const status = error.statusCode;
  const code = error.code ?? undefined;
  const message = error.message || undefined;
  if (status === 403) return new GraphPermissionError(operation, code, message);
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

/** Graph's "cast" and `$count` queries on directory objects need advanced query mode. */
const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;
const MAX_PAGES = 20;

export function createGraphService(config: GraphConfig, deps: GraphServiceDeps): GraphService {
  const missing = missingGraphSettings(config);
  const { tenantId, clientId, clientSecret } = config;
  if (!tenantId || !clientId || !clientSecret) throw new GraphConfigError(missing);
  const configuredTenant: string = tenantId;

  const logger = deps.logger.child({ component: 'graph' });
  const base = new URL(config.baseUrl);
  const credential =
    deps.credential ??
    new ClientSecretCredential(tenantId, clientId, clientSecret, {
      authorityHost: config.authorityHost,
      // Our authority comes from our own config, so MSAL need not validate it against
      // Microsoft's instance discovery (which also would make a call to the public cloud).
      disableInstanceDiscovery: true,
      ...(deps.authorityCaPem !== undefined ? { tlsOptions: { ca: deps.authorityCaPem } } : {}),
    });
  // App-only tokens use the `.default` scope of the Graph resource (national clouds differ).
  const authProvider = new CredentialAuthProvider(credential, [`${base.origin}/.default`], config.timeoutMs);

  const client = Client.initWithMiddleware({
    baseUrl: config.baseUrl,
    defaultVersion: '', // the version is part of baseUrl (…/v1.0)
    // The auth handler only attaches tokens to known Graph hosts; add ours (national
    // clouds, or an emulator in tests).
    customHosts: new Set([base.hostname]),
    middleware: [
      new AuthenticationHandler(authProvider),
      new TelemetryHandler(),
      new RetryMiddleware(
        { maxRetries: config.maxRetries, baseDelayMs: deps.retryBaseDelayMs ?? 1000, maxDelayMs: deps.maxRetryDelayMs ?? 30_000 },
        deps.sleep ?? ((ms) => delay(ms)),
        logger,
      ),
      new FetchHandler(deps.fetch ?? ((input, init) => fetch(input, init)), config.timeoutMs),
    ],
  });

  const tenantCache = new TtlCache<TenantInformation | null>(config.cacheTtlSeconds * 1000, 1000, deps.now);

  async function call<T>(operation: GraphOperation, request: () => Promise<unknown>, schema: z.ZodType<T>): Promise<T> {
    let body: unknown;
    try {
      body = await request();
    } catch (error: unknown) {
      const mapped = toServiceError(operation, error);
      // A 404 is often the answer (no tenant has the domain), not a fault.
      (mapped.kind === 'not-found' ? logger.debug : logger.warn)({ operation, kind: mapped.kind, err: mapped.message }, 'graph call failed');
      throw mapped;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new GraphUnavailableError(operation, 'bad-response', `unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  async function collect<T>(operation: GraphOperation, first: GraphRequest, item: z.ZodType<T>, headers: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let request: GraphRequest | undefined = first;
    for (let page = 0; request && page < MAX_PAGES; page++) {
      const current: GraphRequest = request;
      const result = await call(operation, () => current.get() as Promise<unknown>, pageOf(item));
      items.push(...result.value);
      const next = result['@odata.nextLink'];
      request = next ? client.api(next).headers(headers) : undefined;
    }
    return items;
  }

  function assertOwnTenant(operation: GraphOperation, requested: string | undefined): void {
    if (requested !== undefined && requested.toLowerCase() !== configuredTenant.toLowerCase()) {
      throw new GraphTenantMismatchError(operation, configuredTenant, requested);
    }
  }

  return {
    tenantId: configuredTenant,

    async findTenantByDomain(domain) {
      const key = domain.toLowerCase();
      const cached = tenantCache.get(key);
      if (cached) return cached.value;
      const path = `/tenantRelationships/findTenantInformationByDomainName(domainName='${encodeURIComponent(key.replace(/'/g, "''"))}')`;
      let info: TenantInformation | null;
      try {
        const raw = await call('findTenantByDomain', () => client.api(path).get() as Promise<unknown>, TenantInformationSchema);
        info = {
          tenantId: raw.tenantId,
          displayName: raw.displayName ?? undefined,
          defaultDomainName: raw.defaultDomainName ?? undefined,
          federationBrandName: raw.federationBrandName ?? undefined,
        };
      } catch (error: unknown) {
        // For this lookup 404 is the answer "no tenant has this domain", cached like a hit.
        if (!(error instanceof GraphNotFoundError)) throw error;
        info = null;
      }
      tenantCache.set(key, info);
      return info;
    },

    async listDomains(requestedTenant) {
      assertOwnTenant('listDomains', requestedTenant);
      return collect('listDomains', client.api('/domains'), DomainSchema);
    },

    async hasAnyDirectoryRole(userId, roleTemplateIds, requestedTenant) {
      assertOwnTenant('directoryRoles', requestedTenant);
      const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
      const first = client
        .api(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`)
        .headers(EVENTUAL)
        .query({ $count: 'true' })
        .select(['id', 'displayName', 'roleTemplateId']);
      const roles = await collect('directoryRoles', first, DirectoryRoleSchema, EVENTUAL);
      const matched = roles
        .filter((role) => role.roleTemplateId != null && wanted.has(role.roleTemplateId.toLowerCase()))
        .map((role) => ({ roleTemplateId: role.roleTemplateId ?? '', displayName: role.displayName ?? undefined }));
      return { holds: matched.length > 0, matched };
    },

    async installAppForUser(userId, catalogAppId, requestedTenant) {
      assertOwnTenant('installApp', requestedTenant);
      const bind = `${config.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`;
      try {
        await call('installApp', () => client.api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`).post({ 'teamsApp@odata.bind': bind }) as Promise<unknown>, z.unknown());
      } catch (error: unknown) {
        // 409: the app is installed for this user already.
        if (error instanceof GraphRequestError && error.status === 409) return;
        throw error;
      }
    },

    async getUser(idOrUpn, requestedTenant) {
      assertOwnTenant('getUser', requestedTenant);
      try {
        const raw = await call(
          'getUser',
          () => client.api(`/users/${encodeURIComponent(idOrUpn)}`).select(['id', 'displayName', 'userPrincipalName']).get() as Promise<unknown>,
          ManagerSchema,
        );
        return { id: raw.id, displayName: raw.displayName ?? undefined, userPrincipalName: raw.userPrincipalName ?? undefined };
      } catch (error: unknown) {
        if (error instanceof GraphNotFoundError) return null;
        throw error;
      }
    },

    async getManager(userId, requestedTenant) {
      assertOwnTenant('getManager', requestedTenant);
      try {
        const raw = await call(
          'getManager',
          () => client.api(`/users/${encodeURIComponent(userId)}/manager`).select(['id', 'displayName', 'userPrincipalName']).get() as Promise<unknown>,
          ManagerSchema,
        );
        return { id: raw.id, displayName: raw.displayName ?? undefined, userPrincipalName: raw.userPrincipalName ?? undefined };
      } catch (error: unknown) {
        // 404: the user has no manager set (or is unknown); that is an answer, not a failure.
        if (error instanceof GraphNotFoundError) return null;
        throw error;
      }
    },
  };
}
