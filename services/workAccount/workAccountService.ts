/**
 * Decides whether an address or domain can serve as the company's work account for
 * Partner Center (seed 000): syntax, personal mailbox providers, whether a Microsoft Entra
 * tenant owns the domain, whether it is the admin's own tenant and a verified,
 * headquarters domain there, and whether the admin holds Global or User Administrator.
 *
 * Tenant lookup uses Microsoft Graph when it is configured and falls back to the anonymous
 * OpenID discovery document when Graph fails or is not configured. Domain and role checks
 * need Graph. `checkWorkAccount` never throws for an unavailable dependency: what could
 * not be checked is part of the report.
 */
import {
  missingGraphSettings,
  createGraphService,
  type GraphServiceDeps,
  type GraphService,
} from '../graph/graphService.js';
import type { GraphDomain } from '../graph/graphService.js';
import type { GraphConfig } from '../graph/config.js';
import type { Logger } from '../loggerPort.js';
import type { FetchLike } from '../graph/middleware.js';
import type { DemoDirectory } from '../demo/demoDirectory.js';
import type { WorkAccountMessageKey } from '../i18n/catalogs/workAccount.js';
import { consumerProviderOf } from './consumerDomains.js';
import { assessHeadquarters, type HeadquartersAssessment } from './headquarters.js';
import { MICROSOFT_ACCOUNT_TENANT_ID } from './openIdDiscovery.js';
import { parseAddress, type ParseErrorCode } from './parseAddress.js';
import {
  createDirectoryAccess,
  REQUIRED_ROLES,
  type AdminIdentity,
  type DirectoryAccess,
  type TenantLookup,
} from './directory.js';
import { NO_IDENTITY, type Failure } from './failures.js';
import type {
  CheckOutcome,
  ConsentNeeded,
  NextStep,
  ReportMessage,
  TenantSource,
  Verdict,
  WorkAccountFacts,
  WorkAccountReport,
} from './report.js';

export type { AdminIdentity } from './directory.js';

export interface CheckWorkAccountRequest {
  readonly input: string;
  readonly admin: AdminIdentity;
}

/** Who owns a domain, as far as the bot can prove it (for a company's registration). */
export type DomainOwner =
  | { readonly kind: 'tenant'; readonly tenantId: string; readonly proof: TenantSource }
  /** No Microsoft Entra tenant has verified the domain. */
  | { readonly kind: 'none' }
  /** Neither the lookup nor the person's own directory answered. */
  | { readonly kind: 'unknown' };

export interface WorkAccountService {
  /** `graph`: Graph first, OpenID discovery as fallback; `openid`: discovery only. */
  readonly mode: 'graph' | 'openid';
  checkWorkAccount(request: CheckWorkAccountRequest): Promise<WorkAccountReport>;
  /**
   * The tenant that verified the domain (Graph, OpenID discovery, the demo directory), or,
   * when that lookup cannot say, the person's own tenant if its directory lists the domain
   * as verified. Never throws for an unavailable dependency.
   */
  domainOwner(domain: string, person: AdminIdentity): Promise<DomainOwner>;
}

export interface WorkAccountServiceDeps {
  readonly graph: GraphConfig;
  readonly logger: Logger;
  /** Transport for OpenID discovery and (unless graphOptions.fetch says otherwise) Graph. */
  readonly fetch?: FetchLike;
  /** Use this Graph service instead of building one from `graph`. */
  readonly graphService?: GraphService;
  /** Passed to createGraphService (test transports, a private CA for the authority). */
  readonly graphOptions?: Omit<GraphServiceDeps, 'logger'>;
  /** The demo tenants' directory: answers for them only while Graph is not configured. */
  readonly demoDirectory?: DemoDirectory;
}

export const SYNTAX_HINT_KEYS: Readonly<Record<ParseErrorCode, WorkAccountMessageKey>> = {
  empty: 'workAccount.syntax.empty',
  'too-long': 'workAccount.syntax.tooLong',
  'multiple-at': 'workAccount.syntax.multipleAt',
  'invalid-local-part': 'workAccount.syntax.invalidLocalPart',
  'ip-address': 'workAccount.syntax.ipAddress',
  'single-label': 'workAccount.syntax.singleLabel',
  'invalid-domain': 'workAccount.syntax.invalidDomain',
};

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Graph from the config when it is enabled and complete; otherwise OpenID discovery only. */
function graphFromConfig(deps: WorkAccountServiceDeps, fetchImpl: FetchLike, logger: Logger): GraphService | undefined {
  if (!deps.graph.enabled) return undefined;
  const missing = missingGraphSettings(deps.graph);
  if (missing.length > 0) {
    logger.warn({ missing }, 'Graph is enabled but not fully configured; using OpenID discovery only');
    return undefined;
  }
  return createGraphService(deps.graph, { fetch: fetchImpl, ...deps.graphOptions, logger: deps.logger });
}

/** Several failed checks can suggest the same step; keep its first place. */
function distinctSteps(steps: readonly NextStep[]): NextStep[] {
  return [...new Map(steps.map((s) => [`${s.message.key}|${JSON.stringify(s.message.params ?? {})}`, s])).values()];
}

export function createWorkAccountService(deps: WorkAccountServiceDeps): WorkAccountService {
  const logger = deps.logger.child({ component: 'workAccount' });
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const graph = deps.graphService ?? graphFromConfig(deps, fetchImpl, logger);
  // Never mixed with real Graph: with Graph configured the demo directory is not consulted.
  const demo = graph ? undefined : deps.demoDirectory;
  const directory = createDirectoryAccess({ graphConfig: deps.graph, graph, demo, fetch: fetchImpl, logger });
  return {
    mode: graph ? 'graph' : 'openid',
    async checkWorkAccount(request) {
      const report = await check(directory, request);
      logger.info({ domain: report.facts.domain, verdict: report.verdict }, 'work account checked');
      return report;
    },
    domainOwner: (domain, person) => domainOwner(directory, domain.toLowerCase(), person),
  };
}

async function domainOwner(directory: DirectoryAccess, domain: string, person: AdminIdentity): Promise<DomainOwner> {
  const { lookup } = await directory.lookupTenant(domain, person);
  if (lookup.kind === 'found') return { kind: 'tenant', tenantId: lookup.info.tenantId, proof: lookup.source };
  const own = await directory.ownDomains(person);
  if (own.ok && person.tenantId && own.value.some((d) => d.id.toLowerCase() === domain && d.isVerified))
    return { kind: 'tenant', tenantId: person.tenantId, proof: 'ownDomains' };
  return lookup.kind === 'not-found' ? { kind: 'none' } : { kind: 'unknown' };
}

/** What one check found so far, and how it ends. */
class Findings {
  facts: WorkAccountFacts;
  readonly checks: CheckOutcome[] = [];
  readonly nextSteps: NextStep[] = [];
  private readonly failures: Failure[] = [];
  private organization: string | undefined;

  constructor(facts: WorkAccountFacts) {
    this.facts = facts;
  }

  /** A part that could not be checked: its reason, its next step, and what it says about consent and retrying. */
  couldNot(id: CheckOutcome['id'], failure: Failure): void {
    this.checks.push({ id, status: 'unknown', message: failure.message });
    this.failures.push(failure);
  }

  noteFailure(failure: Failure): void {
    this.failures.push(failure);
  }

  /** Consent missing in the admin's organization: name it (in the bot's home tenant) for the card. */
  async nameConsentOrganization(directory: DirectoryAccess): Promise<void> {
    const consent = this.failures.find((f) => f.consent)?.consent;
    if (consent)
      this.organization = this.facts.tenant?.displayName ?? (await directory.organizationName(consent.tenantId));
  }

  finish(verdict: Verdict): WorkAccountReport {
    const consentFailure = this.failures.find((f) => f.consent)?.consent;
    const consent: ConsentNeeded | undefined = consentFailure
      ? { ...consentFailure, ...(this.organization !== undefined ? { organization: this.organization } : {}) }
      : undefined;
    return {
      verdict,
      facts: this.facts,
      checks: this.checks,
      nextSteps: distinctSteps(this.nextSteps),
      ...(consent ? { consent } : {}),
      retryLater: this.failures.some((f) => f.transient === true),
    };
  }
}

async function check(
  directory: DirectoryAccess,
  { input, admin }: CheckWorkAccountRequest,
): Promise<WorkAccountReport> {
  const trimmed = input.trim();
  const parsed = parseAddress(trimmed);
  if (!parsed.ok) return invalidInput(trimmed, SYNTAX_HINT_KEYS[parsed.error]);
  const { domain } = parsed;
  const shown = parsed.unicodeDomain;
  const found = new Findings({
    input: trimmed,
    ...(parsed.address !== undefined ? { address: parsed.address } : {}),
    domain,
    ...(parsed.unicodeDomain !== domain ? { unicodeDomain: parsed.unicodeDomain } : {}),
  });
  found.checks.push({
    id: 'syntax',
    status: 'pass',
    message: {
      key: parsed.kind === 'email' ? 'workAccount.syntax.email' : 'workAccount.syntax.domain',
      params: { domain: shown },
    },
  });
  const provider = consumerProviderOf(domain);
  if (provider !== undefined)
    return personalMailbox(found, { key: 'workAccount.consumer.refused', params: { provider } }, provider);

  const [tenantResult, domains, roles] = await Promise.all([
    directory.lookupTenant(domain, admin),
    directory.ownDomains(admin),
    directory.adminRoles(admin),
  ]);
  let lookup = tenantResult.lookup;
  const entry = domains.ok ? domains.value.find((d) => d.id.toLowerCase() === domain) : undefined;
  if (lookup.kind === 'failed' && entry?.isVerified === true && admin.tenantId) {
    // The lookup failed, but the admin's own directory has the domain verified.
    lookup = {
      kind: 'found',
      info: {
        tenantId: admin.tenantId,
        displayName: undefined,
        defaultDomainName: undefined,
        federationBrandName: undefined,
      },
      source: 'ownDomains',
    };
  }
  if (domains.ok) found.facts = { ...found.facts, ownTenant: ownTenantFact(admin, domain, domains.value, entry) };
  if (lookup.kind === 'found' && lookup.info.tenantId.toLowerCase() === MICROSOFT_ACCOUNT_TENANT_ID) {
    return personalMailbox(
      found,
      { key: 'workAccount.consumer.microsoftAccount', params: { domain: shown } },
      'Microsoft account',
    );
  }
  found.checks.push({
    id: 'consumer',
    status: 'pass',
    message: { key: 'workAccount.consumer.ok', params: { domain: shown } },
  });
  for (const failure of [domains, roles].flatMap((o) => (o.ok ? [] : [o.failure]))) found.noteFailure(failure);
  if (tenantResult.graphFailure) found.noteFailure(tenantResult.graphFailure);
  const report =
    lookup.kind === 'found'
      ? tenantFound(found, lookup, { shown, admin, entry, domains, roles, graphFailure: tenantResult.graphFailure })
      : noTenant(found, lookup, shown, entry);
  if (report.verdict === 'unconfirmed' || report.verdict === 'cannot-check') {
    await found.nameConsentOrganization(directory);
    return found.finish(report.verdict);
  }
  return report;
}

function invalidInput(input: string, hint: ReportMessage['key']): WorkAccountReport {
  return {
    verdict: 'invalid-input',
    facts: { input },
    checks: [{ id: 'syntax', status: 'fail', message: { key: hint } }],
    nextSteps: [{ message: { key: 'workAccount.next.useWorkAddress' } }],
    retryLater: false,
  };
}

/** What the admin's own tenant says about the domain: listed, verified, default, and its other verified domains. */
function ownTenantFact(
  admin: CheckWorkAccountRequest['admin'],
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

function personalMailbox(found: Findings, message: ReportMessage, provider: string): WorkAccountReport {
  found.facts = { ...found.facts, consumerProvider: provider };
  found.checks.push({ id: 'consumer', status: 'fail', message });
  found.nextSteps.push({ message: { key: 'workAccount.next.useWorkAddress' } });
  return found.finish('not-allowed');
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
function noTenant(
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

interface TenantContext {
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
function tenantFound(
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

function roleDecides(found: Findings, { roles }: TenantContext, unknowns: Failure[]): WorkAccountReport {
  if (roles.ok) {
    const held = REQUIRED_ROLES.filter(([, id]) =>
      roles.value.matched.some((m) => m.roleTemplateId.toLowerCase() === id),
    ).map(([role]) => role);
    found.facts = { ...found.facts, role: { holds: roles.value.holds, roles: held } };
    if (!roles.value.holds) {
      found.checks.push({ id: 'role', status: 'fail', message: { key: 'workAccount.role.missing' } });
      found.nextSteps.push({ message: { key: 'workAccount.next.askAdmin' } });
      return found.finish('needs-admin-role');
    }
    found.checks.push({
      id: 'role',
      status: 'pass',
      message: {
        key: held.includes('globalAdministrator') ? 'workAccount.role.holdsGlobal' : 'workAccount.role.holdsUser',
      },
    });
  } else {
    found.checks.push({ id: 'role', status: 'unknown', message: roles.failure.message });
    unknowns.push(roles.failure);
  }
  found.nextSteps.push({ message: { key: 'workAccount.next.enroll' }, link: 'partnerCenter' });
  found.nextSteps.push({ message: { key: 'workAccount.next.considerUsers' } });
  for (const failure of unknowns) if (failure.next) found.nextSteps.push(failure.next);
  return found.finish(unknowns.length > 0 ? 'unconfirmed' : 'ready');
}

function headquartersOutcome(shown: string, assessment: HeadquartersAssessment): CheckOutcome {
  switch (assessment.kind) {
    case 'single':
      return { id: 'headquarters', status: 'pass', message: { key: 'workAccount.hq.single' } };
    case 'headquarters':
      return {
        id: 'headquarters',
        status: 'pass',
        message: {
          key: 'workAccount.hq.headquarters',
          params: { domain: shown, siblings: assessment.siblings.join(', ') },
        },
      };
    case 'regional':
      return {
        id: 'headquarters',
        status: 'fail',
        message: { key: 'workAccount.hq.regional', params: { domain: shown, suggested: assessment.suggested } },
      };
    case 'regional-name':
      return {
        id: 'headquarters',
        status: 'warn',
        message: { key: 'workAccount.hq.regionalName', params: { domain: shown, code: assessment.region.code } },
      };
    case 'ambiguous':
      return {
        id: 'headquarters',
        status: 'warn',
        message: { key: 'workAccount.hq.ambiguous', params: { siblings: assessment.siblings.join(', ') } },
      };
  }
}
