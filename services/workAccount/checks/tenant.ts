/**
 * Which tenant owns the domain, and whether it is the admin's own, verified and the
 * headquarters domain there; then the role check decides.
 */
import type { GraphDomain } from '../../graph/graphService.js';
import { assessHeadquarters } from '../headquarters.js';
import type { AdminIdentity, TenantLookup } from '../directory.js';
import { NO_IDENTITY, type Failure } from '../failures.js';
import type { Findings } from '../findings.js';
import type { ReportMessage, WorkAccountReport } from '../report.js';
import { headquartersOutcome } from './headquarters.js';
import { roleDecides } from './role.js';

export function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** What the admin's own tenant says about the domain: listed, verified, default, and its other verified domains. */
export function ownTenantFact(
  admin: AdminIdentity,
  domain: string,
  domains: readonly GraphDomain[],
  entry: GraphDomain | undefined,
): NonNullable<WorkAccountReport['facts']['ownTenant']> {
  return {
    tenantId: admin.tenantId ?? '',
    listed: entry !== undefined,
    verified: entry?.isVerified ?? false,
    isDefault: entry?.isDefault ?? false,
    defaultDomain: domains.find((d) => d.isDefault)?.id,
    otherVerifiedDomains: domains.filter((d) => d.isVerified && d.id.toLowerCase() !== domain).map((d) => d.id),
  };
}

/** The domain is in the admin's tenant but not verified: verify it, or use a verified one. */
function unverifiedDomain(found: Findings, shown: string): WorkAccountReport {
  const verified = found.facts.ownTenant?.otherVerifiedDomains.join(', ') ?? '';
  found.checks.push({
    id: 'ownTenant',
    status: 'fail',
    message: { key: 'workAccount.ownTenant.unverified', params: { domain: shown, verified } },
  });
  found.nextSteps.push({
    message: { key: 'workAccount.next.verifyDomain', params: { domain: shown } },
    link: 'entraDomains',
  });
  return found.finish('needs-different-domain');
}

/** No tenant was found, or the lookup failed. */
export function noTenant(
  found: Findings,
  lookup: Exclude<TenantLookup, { kind: 'found' }>,
  shown: string,
  entry: { isVerified: boolean } | undefined,
): WorkAccountReport {
  if (lookup.kind === 'failed') {
    found.couldNot('tenant', lookup.failure);
    if (lookup.failure.next) found.nextSteps.push(lookup.failure.next);
    found.nextSteps.push({ message: { key: 'workAccount.next.checkEntra' }, link: 'entraDomains' });
    return found.finish('cannot-check');
  }
  found.checks.push({
    id: 'tenant',
    status: 'fail',
    message: { key: 'workAccount.tenant.notFound', params: { domain: shown } },
  });
  // Added to the admin's tenant but not verified: verifying it is the fix.
  if (entry && !entry.isVerified) return unverifiedDomain(found, shown);
  found.nextSteps.push({ message: { key: 'workAccount.next.createDuringEnrollment' }, link: 'partnerCenter' });
  found.nextSteps.push({ message: { key: 'workAccount.next.checkEntra' }, link: 'entraDomains' });
  return found.finish('no-work-account');
}

export interface TenantContext {
  readonly shown: string;
  readonly admin: AdminIdentity;
  readonly entry: { isVerified: boolean; isDefault: boolean } | undefined;
  readonly domains:
    { ok: true; value: ReadonlyArray<{ id: string; isVerified: boolean }> } | { ok: false; failure: Failure };
  readonly roles:
    | { ok: true; value: { holds: boolean; matched: ReadonlyArray<{ roleTemplateId: string }> } }
    | { ok: false; failure: Failure };
  /** Why Graph did not answer the tenant lookup when the sign-in metadata did. */
  readonly graphFailure: Failure | undefined;
}

/** The tenant that owns the domain, in the facts and as a passed check (by name when Entra published one). */
function noteTenant(found: Findings, lookup: Extract<TenantLookup, { kind: 'found' }>): void {
  const { info } = lookup;
  found.facts = {
    ...found.facts,
    tenant: {
      tenantId: info.tenantId,
      ...(info.displayName !== undefined ? { displayName: info.displayName } : {}),
      ...(info.defaultDomainName !== undefined ? { defaultDomainName: info.defaultDomainName } : {}),
      source: lookup.source,
    },
  };
  found.checks.push(
    info.displayName !== undefined
      ? {
          id: 'tenant',
          status: 'pass',
          message: {
            key: 'workAccount.tenant.found',
            params: { tenantName: info.displayName, tenantId: info.tenantId },
          },
        }
      : {
          id: 'tenant',
          status: 'pass',
          message: { key: 'workAccount.tenant.foundId', params: { tenantId: info.tenantId } },
        },
  );
}

/** A tenant owns the domain: is it the admin's, verified, the headquarters', and may the admin link it? */
export function tenantFound(
  found: Findings,
  lookup: Extract<TenantLookup, { kind: 'found' }>,
  context: TenantContext,
): WorkAccountReport {
  const { info } = lookup;
  const { shown, admin, entry, domains } = context;
  noteTenant(found, lookup);
  if (context.graphFailure?.next) found.nextSteps.push(context.graphFailure.next);
  const unknowns: Failure[] = [];
  if (!admin.tenantId) {
    found.couldNot('ownTenant', NO_IDENTITY);
    unknowns.push(NO_IDENTITY);
  } else if (!sameTenant(info.tenantId, admin.tenantId)) {
    const tenantName = info.displayName ?? info.tenantId;
    found.checks.push({
      id: 'ownTenant',
      status: 'fail',
      message: { key: 'workAccount.ownTenant.otherTenant', params: { domain: shown, tenantName } },
    });
    found.nextSteps.push({ message: { key: 'workAccount.next.otherTenant', params: { tenantName } } });
    return found.finish('needs-different-domain');
  } else if (entry && !entry.isVerified) {
    return unverifiedDomain(found, shown);
  } else if (entry) {
    const message: ReportMessage = entry.isDefault
      ? { key: 'workAccount.ownTenant.verifiedDefault', params: { domain: shown } }
      : {
          key: 'workAccount.ownTenant.verified',
          params: { domain: shown, defaultDomain: found.facts.ownTenant?.defaultDomain ?? '' },
        };
    found.checks.push({ id: 'ownTenant', status: 'pass', message });
  } else {
    // Same tenant id is proof of ownership; details need the domain list.
    found.checks.push({
      id: 'ownTenant',
      status: 'pass',
      message: { key: 'workAccount.ownTenant.yours', params: { domain: shown } },
    });
  }

  // Headquarters vs regional, against the admin's verified domains when known.
  const known = domains.ok ? domains.value.filter((d) => d.isVerified).map((d) => d.id) : [];
  const headquarters = assessHeadquarters(found.facts.domain ?? '', known);
  found.facts = { ...found.facts, headquarters };
  if (!domains.ok && headquarters.kind === 'single') {
    // Without the tenant's domain list there was nothing to compare with.
    found.checks.push({ id: 'headquarters', status: 'unknown', message: domains.failure.message });
    unknowns.push(domains.failure);
  } else {
    found.checks.push(headquartersOutcome(shown, headquarters));
  }
  if (headquarters.kind === 'regional') {
    found.nextSteps.push({
      message: { key: 'workAccount.next.useHeadquarters', params: { suggested: headquarters.suggested } },
    });
    return found.finish('needs-different-domain');
  }
  return roleDecides(found, context, unknowns);
}
