/**
 * Demo accounts: the article's worked example (Contoso 1111111 invites Fabricam 3333333)
 * plus Northwind as a third party, with stable ids that tests and demos can refer to.
 */
import {
  newPartnerAccount,
  type PartnerAccount,
  type PartnerCenterRole,
  type PartnerUser,
  type RoleAssignment,
  type Watcher,
} from '../model.js';
import { put, type Store } from '../store/types.js';

interface DemoPerson {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly upn: string;
  readonly displayName: string;
}

const person = (tenantId: string, n: number, upn: string, displayName: string): DemoPerson => ({
  aadObjectId: `${tenantId.slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId,
  upn,
  displayName,
});

const CONTOSO_TENANT = 'c0c0c0c0-0000-4000-8000-000000000001';
const FABRICAM_TENANT = 'fabfab00-0000-4000-8000-000000000002';
const NORTHWIND_TENANT = 'a0a0a0a0-0000-4000-8000-000000000003';
/** A company with no account yet: it registers in Teams (and its admin is the demo's reviewer). */
const LITWARE_TENANT = 'b1b1b1b1-0000-4000-8000-000000000004';

export const DEMO = {
  contoso: {
    globalMpnId: '1111111',
    locationMpnId: '2222222',
    companyName: 'Contoso',
    tenantId: CONTOSO_TENANT,
    domain: 'contoso.com',
    admin: person(CONTOSO_TENANT, 1, 'adele.vance@contoso.com', 'Adele Vance'),
    incentivesAdmin: person(CONTOSO_TENANT, 2, 'lee.gu@contoso.com', 'Lee Gu'),
    user: person(CONTOSO_TENANT, 3, 'pradeep.gupta@contoso.com', 'Pradeep Gupta'),
    manager: person(CONTOSO_TENANT, 4, 'megan.bowen@contoso.com', 'Megan Bowen'),
  },
  fabricam: {
    globalMpnId: '3333333',
    locationMpnIds: ['4444444', '5555555'] as const,
    companyName: 'Fabricam',
    tenantId: FABRICAM_TENANT,
    domain: 'fabricam.com',
    admin: person(FABRICAM_TENANT, 1, 'nestor.wilke@fabricam.com', 'Nestor Wilke'),
    incentivesAdmin: person(FABRICAM_TENANT, 2, 'irvin.sayers@fabricam.com', 'Irvin Sayers'),
    user: person(FABRICAM_TENANT, 3, 'joni.sherman@fabricam.com', 'Joni Sherman'),
    manager: person(FABRICAM_TENANT, 4, 'lynne.robbins@fabricam.com', 'Lynne Robbins'),
  },
  northwind: {
    globalMpnId: '7777777',
    locationMpnId: '8888888',
    companyName: 'Northwind Traders',
    tenantId: NORTHWIND_TENANT,
    domain: 'northwindtraders.com',
    admin: person(NORTHWIND_TENANT, 1, 'alex.wilber@northwindtraders.com', 'Alex Wilber'),
    user: person(NORTHWIND_TENANT, 3, 'diego.siciliani@northwindtraders.com', 'Diego Siciliani'),
    manager: person(NORTHWIND_TENANT, 4, 'isaiah.langer@northwindtraders.com', 'Isaiah Langer'),
  },
  /** Not an account: Allan registers Litware in the demo, and reviews it as the operator's demo reviewer. */
  litware: {
    globalMpnId: '6666666',
    locationMpnId: '6666667',
    companyName: 'Litware, Inc.',
    tenantId: LITWARE_TENANT,
    domain: 'litware.com',
    admin: person(LITWARE_TENANT, 1, 'allan.deyoung@litware.com', 'Allan Deyoung'),
    incentivesAdmin: person(LITWARE_TENANT, 2, 'christie.cline@litware.com', 'Christie Cline'),
    user: person(LITWARE_TENANT, 3, 'enrico.cattaneo@litware.com', 'Enrico Cattaneo'),
    manager: person(LITWARE_TENANT, 4, 'lidia.holloway@litware.com', 'Lidia Holloway'),
  },
} as const;

/** The operator's reviewer in the demo (anonymous local mode with the demo data): Litware's Allan. */
export const DEMO_REVIEWER = DEMO.litware.admin;

/**
 * Everyone in the demo tenants' directories: the people above, and colleagues who are not
 * Partner Center users (so an admin can add them as managers in the demo).
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  ...[DEMO.contoso, DEMO.fabricam, DEMO.northwind, DEMO.litware].flatMap((company) =>
    Object.values(company).filter(isPerson),
  ),
  person(CONTOSO_TENANT, 5, 'patti.fernandez@contoso.com', 'Patti Fernandez'),
  person(CONTOSO_TENANT, 6, 'johanna.lorenz@contoso.com', 'Johanna Lorenz'),
  person(FABRICAM_TENANT, 5, 'miriam.graham@fabricam.com', 'Miriam Graham'),
  person(NORTHWIND_TENANT, 5, 'grady.archie@northwindtraders.com', 'Grady Archie'),
  person(LITWARE_TENANT, 5, 'henrietta.mueller@litware.com', 'Henrietta Mueller'),
  person(LITWARE_TENANT, 6, 'pradeep.gupta@litware.com', 'Pradeep Gupta'),
];

function isPerson(value: unknown): value is DemoPerson {
  return typeof value === 'object' && value !== null && 'aadObjectId' in value && 'upn' in value;
}

function user(p: DemoPerson, ...roles: (PartnerCenterRole | RoleAssignment)[]): PartnerUser {
  return { ...p, roles: roles.map((r) => (typeof r === 'string' ? { role: r } : r)) };
}

function watcher(p: DemoPerson): Watcher {
  return { aadObjectId: p.aadObjectId, tenantId: p.tenantId, displayName: p.displayName, upn: p.upn };
}

export function demoAccounts(): PartnerAccount[] {
  const { contoso: c, fabricam: f, northwind: n } = DEMO;
  return [
    newPartnerAccount({
      globalMpnId: c.globalMpnId,
      companyName: c.companyName,
      locations: [{ mpnId: c.locationMpnId, name: 'Contoso Seattle', country: 'US' }],
      tenants: [{ tenantId: c.tenantId, domains: [c.domain] }],
      users: [
        user(c.admin, 'account-admin'),
        user(c.incentivesAdmin, { role: 'incentives-admin', scopeMpnId: c.locationMpnId }),
        user(c.user, 'referrals-user'),
      ],
      competencies: [{ name: 'Cloud Platform', level: 'gold', benefitsExpireOn: '2020-10-01' }],
      actionPackAnniversary: '2020-06',
      azureExpertMsp: [{ originGlobalMpnId: c.globalMpnId, benefitsExpireOn: '2021-03-31' }],
      advancedSpecializations: [{ name: 'Windows Server and SQL Server Migration to Microsoft Azure' }],
      softwareAssuranceVouchers: [{ voucherId: 'SA-C-0001', product: 'Planning services', expiresOn: '2021-01-31' }],
      mcpIds: [{ mcpId: '900001', displayName: 'Adele Vance', associatedMpnId: c.globalMpnId }],
      offers: [{ offerId: 'contoso-backup', name: 'Contoso Backup for Azure' }],
      coSellPipelineCount: 5,
      watchers: [watcher(c.manager)],
    }),
    newPartnerAccount({
      globalMpnId: f.globalMpnId,
      companyName: f.companyName,
      locations: [
        { mpnId: f.locationMpnIds[0], name: 'Fabricam Amsterdam', country: 'NL' },
        { mpnId: f.locationMpnIds[1], name: 'Fabricam Brussels', country: 'BE' },
      ],
      tenants: [{ tenantId: f.tenantId, domains: [f.domain] }],
      users: [
        user(f.admin, 'account-admin'),
        user(f.incentivesAdmin, { role: 'incentives-admin', scopeMpnId: f.locationMpnIds[0] }),
        user(f.user, 'sales-agent'),
      ],
      competencies: [
        { name: 'Data Analytics', level: 'gold', benefitsExpireOn: '2020-12-01' },
        { name: 'Application Development', level: 'gold', benefitsExpireOn: '2020-12-01' },
      ],
      actionPackAnniversary: '2020-10',
      advancedSpecializations: [{ name: 'Kubernetes on Microsoft Azure' }],
      softwareAssuranceVouchers: [{ voucherId: 'SA-F-0001', product: 'Deployment planning', expiresOn: '2021-02-28' }],
      mcpIds: [{ mcpId: '900002', displayName: 'Nestor Wilke', associatedMpnId: f.globalMpnId }],
      offers: [
        { offerId: 'fabricam-insights', name: 'Fabricam Insights' },
        { offerId: 'fabricam-devops', name: 'Fabricam DevOps Kit' },
      ],
      coSellPipelineCount: 3,
      watchers: [watcher(f.manager)],
    }),
    newPartnerAccount({
      globalMpnId: n.globalMpnId,
      companyName: n.companyName,
      locations: [{ mpnId: n.locationMpnId, name: 'Northwind Traders Oslo', country: 'NO' }],
      tenants: [{ tenantId: n.tenantId, domains: [n.domain] }],
      users: [user(n.admin, 'account-admin'), user(n.user, 'referrals-admin')],
      competencies: [{ name: 'Data Analytics', level: 'silver', benefitsExpireOn: '2021-04-01' }],
      watchers: [watcher(n.manager)],
    }),
  ];
}

/** Inserts the demo accounts into an empty store; returns how many were inserted. */
export async function seedDemoData(store: Store): Promise<number> {
  if ((await store.accounts.count()) > 0) return 0;
  const accounts = demoAccounts();
  await store.commit(accounts.map((a) => put('account', a, 0)));
  return accounts.length;
}
