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
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { MULTI_TENANT, type GraphConfig } from './config.js';
import { GraphNotFoundError, GraphRequestError, GraphTenantMismatchError } from './errors.js';
import { EVENTUAL, GraphTransport, GUID, type GraphServiceDeps } from './graphTransport.js';
import { TtlCache } from './ttlCache.js';

export { GraphConfigError, missingGraphSettings, type GraphServiceDeps } from './graphTransport.js';

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
  /**
   * The tenant that owns `domain`, or null when no Entra tenant has it (Graph 404); asked in `tenantId` (multi-tenant
   * mode).
   */
  findTenantByDomain(domain: string, tenantId?: string): Promise<TenantInformation | null>;
  /**
   * What Entra publishes about a tenant by its id (name, default domain), or null (404); asked
   * in the app's home tenant, so it answers for a tenant that has not consented to the app.
   */
  describeTenant(tenantId: string): Promise<TenantInformation | null>;
  /** The domains of the configured tenant (`tenantId`, if given, must be that tenant). */
  listDomains(tenantId?: string): Promise<GraphDomain[]>;
  /** Whether the user holds any of the directory roles, directly or through role-assignable groups. */
  hasAnyDirectoryRole(
    userId: string,
    roleTemplateIds: readonly string[],
    tenantId?: string,
  ): Promise<DirectoryRoleCheck>;
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

function tenantInformationOf(raw: z.infer<typeof TenantInformationSchema>): TenantInformation {
  return {
    tenantId: raw.tenantId,
    displayName: raw.displayName ?? undefined,
    defaultDomainName: raw.defaultDomainName ?? undefined,
    federationBrandName: raw.federationBrandName ?? undefined,
  };
}

export function createGraphService(config: GraphConfig, deps: GraphServiceDeps): GraphService {
  const transport = new GraphTransport(config, deps);
  return {
    tenantId: transport.configuredTenant,
    ...tenantLookups(transport, config, deps.now),
    ...directoryReads(transport),
    ...teamsApps(transport, config),
  };
}

/**
 * Who owns a domain, and what a tenant is called: cached, and a 404 ("no such tenant") is an answer cached like a hit.
 */
function tenantLookups(
  transport: GraphTransport,
  config: GraphConfig,
  now: (() => number) | undefined,
): Pick<GraphService, 'findTenantByDomain' | 'describeTenant'> {
  const cache = new TtlCache<TenantInformation | null>(config.cacheTtlSeconds * 1000, 1000, now);
  async function lookup(
    operation: 'findTenantByDomain' | 'describeTenant',
    tenant: string,
    cacheKey: string,
    path: string,
  ): Promise<TenantInformation | null> {
    const cached = cache.get(cacheKey);
    if (cached) return cached.value;
    let info: TenantInformation | null;
    try {
      info = tenantInformationOf(
        await transport.call(
          operation,
          tenant,
          (client) => client.api(path).get() as Promise<unknown>,
          TenantInformationSchema,
        ),
      );
    } catch (error: unknown) {
      if (!(error instanceof GraphNotFoundError)) throw error;
      info = null;
    }
    cache.set(cacheKey, info);
    return info;
  }
  return {
    async findTenantByDomain(domain, requestedTenant) {
      const tenant = transport.tenantFor('findTenantByDomain', requestedTenant);
      const key = domain.toLowerCase();
      const path = `/tenantRelationships/findTenantInformationByDomainName(domainName='${encodeURIComponent(key.replace(/'/g, "''"))}')`;
      return lookup('findTenantByDomain', tenant, `${tenant}|${key}`, path);
    },
    async describeTenant(tenantId) {
      const home = transport.multi ? config.homeTenantId?.toLowerCase() : transport.configuredTenant;
      if (home === undefined || !GUID.test(home))
        throw new GraphTenantMismatchError('describeTenant', MULTI_TENANT, '(no home tenant)');
      if (!GUID.test(tenantId)) return null;
      const id = tenantId.toLowerCase();
      return lookup(
        'describeTenant',
        home,
        `${home}|id:${id}`,
        `/tenantRelationships/findTenantInformationByTenantId(tenantId='${id}')`,
      );
    },
  };
}

/** The tenant's domains, a user's directory roles, users and their managers. */
function directoryReads(
  transport: GraphTransport,
): Pick<GraphService, 'listDomains' | 'hasAnyDirectoryRole' | 'getUser' | 'getManager'> {
  /** A user-shaped answer, or null for Graph's 404 (an answer, not a fault). */
  async function userOrNull(
    operation: 'getUser' | 'getManager',
    tenant: string,
    path: string,
  ): Promise<EntraUser | null> {
    try {
      const raw = await transport.call(
        operation,
        tenant,
        (client) => client.api(path).select(['id', 'displayName', 'userPrincipalName']).get() as Promise<unknown>,
        ManagerSchema,
      );
      return {
        id: raw.id,
        displayName: raw.displayName ?? undefined,
        userPrincipalName: raw.userPrincipalName ?? undefined,
      };
    } catch (error: unknown) {
      if (error instanceof GraphNotFoundError) return null;
      throw error;
    }
  }
  return {
    async listDomains(requestedTenant) {
      const tenant = transport.tenantFor('listDomains', requestedTenant);
      return transport.collect('listDomains', tenant, (client) => client.api('/domains'), DomainSchema);
    },
    async hasAnyDirectoryRole(userId, roleTemplateIds, requestedTenant) {
      const tenant = transport.tenantFor('directoryRoles', requestedTenant);
      const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
      const first = (client: Client) =>
        client
          .api(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`)
          .headers(EVENTUAL)
          .query({ $count: 'true' })
          .select(['id', 'displayName', 'roleTemplateId']);
      const roles = await transport.collect('directoryRoles', tenant, first, DirectoryRoleSchema, EVENTUAL);
      const matched = roles
        .filter((role) => role.roleTemplateId != null && wanted.has(role.roleTemplateId.toLowerCase()))
        .map((role) => ({ roleTemplateId: role.roleTemplateId ?? '', displayName: role.displayName ?? undefined }));
      return { holds: matched.length > 0, matched };
    },
    async getUser(idOrUpn, requestedTenant) {
      return userOrNull(
        'getUser',
        transport.tenantFor('getUser', requestedTenant),
        `/users/${encodeURIComponent(idOrUpn)}`,
      );
    },
    // 404: the user has no manager set (or is unknown); that is an answer, not a failure.
    async getManager(userId, requestedTenant) {
      return userOrNull(
        'getManager',
        transport.tenantFor('getManager', requestedTenant),
        `/users/${encodeURIComponent(userId)}/manager`,
      );
    },
  };
}

/** Installing the Teams app for someone the bot cannot reach yet. */
function teamsApps(transport: GraphTransport, config: GraphConfig): Pick<GraphService, 'installAppForUser'> {
  return {
    async installAppForUser(userId, catalogAppId, requestedTenant) {
      const tenant = transport.tenantFor('installApp', requestedTenant);
      const bind = `${config.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`;
      try {
        await transport.call(
          'installApp',
          tenant,
          (client) =>
            client
              .api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`)
              .post({ 'teamsApp@odata.bind': bind }) as Promise<unknown>,
          z.unknown(),
        );
      } catch (error: unknown) {
        // 409: the app is installed for this user already.
        if (error instanceof GraphRequestError && error.status === 409) return;
        throw error;
      }
    },
  };
}
