/**
 * Where the work-account check gets its answers: who owns a domain (Graph, falling back to
 * the anonymous OpenID sign-in metadata; the demo tenants' directory while Graph is off),
 * the admin's own tenant's domains and roles (Graph in that tenant, or the demo directory),
 * and an organization's name. Every answer is an Outcome: nothing here throws for an
 * unavailable dependency.
 */
import { MULTI_TENANT, type GraphConfig } from '../graph/config.js';
import {
  ROLE_TEMPLATE_IDS,
  type DirectoryRoleCheck,
  type GraphDomain,
  type GraphService,
  type TenantInformation,
} from '../graph/graphService.js';
import type { FetchLike } from '../graph/middleware.js';
import type { DemoDirectory } from '../demo/demoDirectory.js';
import type { Logger } from '../loggerPort.js';
import { discoverTenant } from './openIdDiscovery.js';
import type { AdminRole, TenantSource } from './report.js';
import { NO_IDENTITY, attempt, graphFailureFor, openIdFailureFor, type Failure, type Outcome } from './failures.js';

export interface AdminIdentity {
  /** `activity.from.aadObjectId` in Teams. */
  readonly aadObjectId?: string | undefined;
  /** `activity.conversation.tenantId` in Teams. */
  readonly tenantId?: string | undefined;
}

export type TenantLookup =
  | { readonly kind: 'found'; readonly info: TenantInformation; readonly source: TenantSource }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'failed'; readonly failure: Failure };

export const REQUIRED_ROLES: ReadonlyArray<readonly [AdminRole, string]> = [
  ['globalAdministrator', ROLE_TEMPLATE_IDS.globalAdministrator],
  ['userAdministrator', ROLE_TEMPLATE_IDS.userAdministrator],
];

export interface DirectoryAccess {
  /** Who owns the domain; `graphFailure` says why Graph did not answer when the fallback did. */
  lookupTenant(domain: string, admin: AdminIdentity): Promise<{ lookup: TenantLookup; graphFailure?: Failure }>;
  ownDomains(admin: AdminIdentity): Promise<Outcome<GraphDomain[]>>;
  adminRoles(admin: AdminIdentity): Promise<Outcome<DirectoryRoleCheck>>;
  /** The organization's published name, when it can be known (never throws). */
  organizationName(tenantId: string): Promise<string | undefined>;
}

export interface DirectoryDeps {
  readonly graphConfig: GraphConfig;
  readonly graph: GraphService | undefined;
  readonly demo: DemoDirectory | undefined;
  readonly fetch: FetchLike;
  readonly logger: Logger;
}

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The tenant of a domain from OpenID discovery (anonymous): no name, only the id. */
async function viaOpenId(deps: DirectoryDeps, domain: string): Promise<TenantLookup> {
  const { graphConfig } = deps;
  const openIdFailure = openIdFailureFor(new URL(graphConfig.openIdAuthorityHost).host);
  const result = await attempt(
    () =>
      discoverTenant(domain, {
        authorityHost: graphConfig.openIdAuthorityHost,
        timeoutMs: graphConfig.timeoutMs,
        fetch: deps.fetch,
      }),
    openIdFailure,
  );
  if (!result.ok) return { kind: 'failed', failure: result.failure };
  if (!result.value.found) return { kind: 'not-found' };
  return {
    kind: 'found',
    info: {
      tenantId: result.value.tenantId,
      displayName: undefined,
      defaultDomainName: undefined,
      federationBrandName: undefined,
    },
    source: 'openid',
  };
}

/**
 * The directory for checks in the admin's own tenant (Graph, or the demo tenants'), or why those checks cannot run.
 */
function ownTenant(
  deps: DirectoryDeps,
  multiTenant: boolean,
  admin: AdminIdentity,
  needsUser: boolean,
): Outcome<Pick<GraphService, 'listDomains' | 'hasAnyDirectoryRole'>> {
  const { graph, demo } = deps;
  if (demo && admin.tenantId && demo.serves(admin.tenantId) && (!needsUser || admin.aadObjectId)) {
    return {
      ok: true,
      value: {
        listDomains: (tenantId) => Promise.resolve(demo.listDomains(tenantId ?? '')),
        hasAnyDirectoryRole: (userId, roleIds, tenantId) =>
          Promise.resolve(demo.hasAnyDirectoryRole(userId, roleIds, tenantId ?? '')),
      },
    };
  }
  if (!graph)
    return {
      ok: false,
      failure: {
        message: { key: 'workAccount.cannot.graphDisabled' },
        next: { message: { key: 'workAccount.next.setUpGraph' } },
      },
    };
  if (!admin.tenantId || (needsUser && !admin.aadObjectId)) return { ok: false, failure: NO_IDENTITY };
  // One tenant's Graph answers for that tenant only; multi-tenant Graph asks each admin's own.
  if (!multiTenant && !sameTenant(graph.tenantId, admin.tenantId))
    return { ok: false, failure: { message: { key: 'workAccount.cannot.otherTenant' } } };
  return { ok: true, value: graph };
}

export function createDirectoryAccess(deps: DirectoryDeps): DirectoryAccess {
  const { graph, demo, graphConfig, logger } = deps;
  const multiTenant = graph !== undefined && graph.tenantId.toLowerCase() === MULTI_TENANT;
  const graphFailure = graphFailureFor(graphConfig);

  return {
    async lookupTenant(domain, admin) {
      const demoTenant = demo?.findTenantByDomain(domain);
      if (demoTenant) return { lookup: { kind: 'found', info: demoTenant, source: 'demo' } };
      if (!graph) return { lookup: await viaOpenId(deps, domain) };
      // Multi-tenant Graph asks in the admin's own tenant (which must have consented).
      const result = await attempt(
        () => graph.findTenantByDomain(domain, multiTenant ? admin.tenantId : undefined),
        graphFailure,
      );
      if (result.ok)
        return {
          lookup: result.value ? { kind: 'found', info: result.value, source: 'graph' } : { kind: 'not-found' },
        };
      logger.info({ domain }, 'Graph tenant lookup failed; falling back to OpenID discovery');
      const fallback = await viaOpenId(deps, domain);
      // When both fail, Graph's reason is the more useful one (e.g. a missing permission).
      return fallback.kind === 'failed'
        ? { lookup: { kind: 'failed', failure: result.failure } }
        : { lookup: fallback, graphFailure: result.failure };
    },

    async ownDomains(admin) {
      const service = ownTenant(deps, multiTenant, admin, false);
      return service.ok ? attempt(() => service.value.listDomains(admin.tenantId), graphFailure) : service;
    },

    async adminRoles(admin) {
      const service = ownTenant(deps, multiTenant, admin, true);
      const userId = admin.aadObjectId;
      if (!service.ok) return service;
      if (!userId) return { ok: false, failure: NO_IDENTITY };
      return attempt(
        () =>
          service.value.hasAnyDirectoryRole(
            userId,
            REQUIRED_ROLES.map(([, id]) => id),
            admin.tenantId,
          ),
        graphFailure,
      );
    },

    async organizationName(tenantId) {
      if (!graph) return undefined;
      const result = await attempt(() => graph.describeTenant(tenantId), graphFailure);
      return result.ok ? (result.value?.displayName ?? undefined) : undefined;
    },
  };
}
