/**
 * One real report per situation of the work-account card, from the service against the
 * loopback Microsoft cloud (Graph, the token authority answering as Entra does, the OpenID
 * sign-in metadata). Used by the card tests, the card measurements and `npm run cards:render`.
 */
import type { WorkAccountReport } from '../../services/workAccount/report.js';
import { situationOf, type Situation } from '../../services/workAccount/situation.js';
import {
  ALL_PERMISSIONS,
  CLIENT_ID,
  CLIENT_SECRET,
  CONTOSO_TENANT,
  FABRIKAM_TENANT,
  GLOBAL_ADMIN,
  PLAIN_USER,
  admin,
  startWorld,
} from './fixtures.js';

export type VerdictSamples = Readonly<Record<Situation, WorkAccountReport>>;

export async function verdictSamples(): Promise<VerdictSamples> {
  const reports: Partial<Record<Situation, WorkAccountReport>> = {};
  const keep = (report: WorkAccountReport, expected: Situation): void => {
    const situation = situationOf(report);
    if (situation !== expected) throw new Error(`expected a ${expected} report, got ${situation} (${report.verdict})`);
    reports[situation] = report;
  };
  const world = await startWorld();
  try {
    const service = world.service();
    const check = (input: string, who: { aadObjectId?: string; tenantId?: string } = admin(GLOBAL_ADMIN)) =>
      service.checkWorkAccount({ input, admin: who });
    keep(await check('jane@contoso.com'), 'ready');
    keep(await check('contoso.uk'), 'regional');
    keep(await check('fabrikam.com'), 'otherTenant');
    keep(await check('pending.example'), 'unverified');
    keep(await check('someone@gmail.com'), 'personal');
    keep(await check('info@nowhere.example'), 'noWorkAccount');
    keep(await check('contoso.com', admin(PLAIN_USER)), 'needsRole');
    keep(await check('[click](https://evil.example) *now*'), 'invalid');
    world.graph.fault('domains', { status: 503 }).fault('domains', { status: 503 }).fault('domains', { status: 503 });
    world.graph
      .fault('directoryRoles', { status: 503 })
      .fault('directoryRoles', { status: 503 })
      .fault('directoryRoles', { status: 503 });
    keep(await check('contoso.com'), 'unconfirmed');
    for (let i = 0; i < 3; i++) world.graph.fault('findTenantByDomain', { status: 500 });
    world.authority.fault({ status: 500 });
    keep(
      await check('fabrikam.onmicrosoft.com', { aadObjectId: GLOBAL_ADMIN, tenantId: FABRIKAM_TENANT }),
      'cannotCheck',
    );
  } finally {
    await world.close();
  }
  // Every partner's own tenant (organizations): the bot's home tenant (Fabrikam here) has
  // consented, Contoso has not, so Entra refuses Contoso a token and the home tenant names it.
  const partners = await startWorld({
    env: { GRAPH_TENANT_ID: 'organizations', MicrosoftAppTenantId: FABRIKAM_TENANT },
  });
  try {
    partners.issuer.registerClient(CLIENT_ID, {
      secret: CLIENT_SECRET,
      roles: ALL_PERMISSIONS,
      tenants: [FABRIKAM_TENANT],
    });
    keep(
      await partners.service().checkWorkAccount({
        input: 'jane@contoso.com',
        admin: { aadObjectId: GLOBAL_ADMIN, tenantId: CONTOSO_TENANT },
      }),
      'consent',
    );
  } finally {
    await partners.close();
  }
  const missing = (
    [
      'ready',
      'regional',
      'otherTenant',
      'unverified',
      'personal',
      'noWorkAccount',
      'needsRole',
      'consent',
      'unconfirmed',
      'cannotCheck',
      'invalid',
    ] as const
  ).filter((s) => !reports[s]);
  if (missing.length > 0) throw new Error(`no sample for ${missing.join(', ')}`);
  return reports as VerdictSamples;
}
