/**
 * The Entra directory of the demo tenants (Contoso, Fabricam, Northwind Traders, and Litware, which has no account
 * yet): who owns
 * which verified domain and who holds which Entra role. With Microsoft Graph not configured
 * and the demo accounts loaded, the work-account check answers for these tenants from here,
 * so a fresh `npm start` can reach every verdict offline; every other domain still goes to
 * the real anonymous OpenID lookup, and with Graph configured this is never used.
 */
import {
  ROLE_TEMPLATE_IDS,
  type DirectoryRoleCheck,
  type GraphDomain,
  type TenantInformation,
} from '../graph/graphService.js';
import type { DirectoryPerson, PeopleDirectory } from '../people/directory.js';
import { DEMO, DEMO_PEOPLE } from './demoData.js';

/** The part of a directory the work-account check reads. */
export interface DemoDirectory {
  /** Whether `tenantId` is one of the demo tenants. */
  serves(tenantId: string): boolean;
  findTenantByDomain(domain: string): TenantInformation | null;
  listDomains(tenantId: string): GraphDomain[];
  hasAnyDirectoryRole(userId: string, roleTemplateIds: readonly string[], tenantId: string): DirectoryRoleCheck;
}

interface DemoTenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domains: readonly GraphDomain[];
  /** Entra object id → directory roles held. */
  readonly roles: ReadonlyMap<string, ReadonlyArray<{ readonly roleTemplateId: string; readonly displayName: string }>>;
}

const domain = (id: string, flags: Partial<Pick<GraphDomain, 'isDefault' | 'isInitial'>> = {}): GraphDomain => ({
  id,
  isDefault: flags.isDefault ?? false,
  isVerified: true,
  isInitial: flags.isInitial ?? false,
  supportedServices: ['Email', 'OfficeCommunicationsOnline'],
});
const GLOBAL_ADMIN = { roleTemplateId: ROLE_TEMPLATE_IDS.globalAdministrator, displayName: 'Global Administrator' };
const USER_ADMIN = { roleTemplateId: ROLE_TEMPLATE_IDS.userAdministrator, displayName: 'User Administrator' };

const TENANTS: readonly DemoTenant[] = [
  {
    tenantId: DEMO.contoso.tenantId,
    displayName: 'Contoso',
    // contoso.uk is the regional domain of the seed's example: the check points to contoso.com.
    domains: [
      domain('contoso.com', { isDefault: true }),
      domain('contoso.uk'),
      domain('contoso.onmicrosoft.com', { isInitial: true }),
    ],
    roles: new Map([[DEMO.contoso.admin.aadObjectId, [GLOBAL_ADMIN]]]),
  },
  {
    tenantId: DEMO.fabricam.tenantId,
    displayName: 'Fabricam',
    domains: [domain('fabricam.com', { isDefault: true }), domain('fabricam.onmicrosoft.com', { isInitial: true })],
    roles: new Map([[DEMO.fabricam.admin.aadObjectId, [GLOBAL_ADMIN]]]),
  },
  {
    tenantId: DEMO.northwind.tenantId,
    displayName: 'Northwind Traders',
    domains: [
      domain('northwindtraders.com', { isDefault: true }),
      domain('northwindtraders.onmicrosoft.com', { isInitial: true }),
    ],
    roles: new Map([[DEMO.northwind.admin.aadObjectId, [USER_ADMIN]]]),
  },
  {
    tenantId: DEMO.litware.tenantId,
    displayName: 'Litware, Inc.',
    domains: [domain('litware.com', { isDefault: true }), domain('litware.onmicrosoft.com', { isInitial: true })],
    roles: new Map([[DEMO.litware.admin.aadObjectId, [GLOBAL_ADMIN]]]),
  },
];

const byTenant = (tenantId: string): DemoTenant | undefined =>
  TENANTS.find((t) => t.tenantId === tenantId.toLowerCase());

export const demoDirectory: DemoDirectory = {
  serves: (tenantId) => byTenant(tenantId) !== undefined,
  findTenantByDomain(name) {
    const lower = name.toLowerCase();
    const tenant = TENANTS.find((t) => t.domains.some((d) => d.id === lower));
    if (!tenant) return null;
    const defaultDomain = tenant.domains.find((d) => d.isDefault)?.id;
    return {
      tenantId: tenant.tenantId,
      displayName: tenant.displayName,
      defaultDomainName: defaultDomain,
      federationBrandName: undefined,
    };
  },
  listDomains: (tenantId) => [...(byTenant(tenantId)?.domains ?? [])],
  hasAnyDirectoryRole(userId, roleTemplateIds, tenantId) {
    const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
    const matched = (byTenant(tenantId)?.roles.get(userId) ?? []).filter((r) => wanted.has(r.roleTemplateId));
    return { holds: matched.length > 0, matched };
  },
};

/**
 * The people of the demo tenants (every demo person, plus colleagues who are in the
 * directory but not in Partner Center), for the managers list while Graph is off.
 */
export const demoPeople: PeopleDirectory = {
  find(tenantId, query) {
    const tenant = tenantId.toLowerCase();
    const found = DEMO_PEOPLE.find(
      (p) =>
        p.tenantId === tenant &&
        ('objectId' in query ? p.aadObjectId === query.objectId.toLowerCase() : p.upn === query.address.toLowerCase()),
    );
    return Promise.resolve(found ? ({ ...found } satisfies DirectoryPerson) : null);
  },
};
