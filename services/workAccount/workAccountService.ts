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
import { adminConsentUrl, MULTI_TENANT, type GraphConfig } from '../graph/config.js';
import type { Logger } from '../logger.js';
import {
  GRAPH_OPERATIONS,
  GraphConsentError,
  GraphNotFoundError,
  GraphPermissionError,
  GraphTenantMismatchError,
  GraphUnavailableError,
  type UnavailableReason,
} from '../graph/errors.js';
import {
  ROLE_TEMPLATE_IDS,
  createGraphService,
  missingGraphSettings,
  type DirectoryRoleCheck,
  type GraphDomain,
  type GraphService,
  type GraphServiceDeps,
  type TenantInformation,
} from '../graph/graphService.js';
import type { FetchLike } from '../graph/middleware.js';
import type { DemoDirectory } from '../demo/demoDirectory.js';
import type { WorkAccountMessageKey } from '../i18n/catalogs/workAccount.js';
import { consumerProviderOf } from './consumerDomains.js';
import { assessHeadquarters, type HeadquartersAssessment } from './headquarters.js';
import { MICROSOFT_ACCOUNT_TENANT_ID, OpenIdDiscoveryError, discoverTenant } from './openIdDiscovery.js';
import { parseAddress, type ParseErrorCode } from './parseAddress.js';
import type { AdminRole, CheckOutcome, NextStep, ReportMessage, TenantSource, Verdict, WorkAccountFacts, WorkAccountReport } from './report.js';

export interface AdminIdentity {
  /** `activity.from.aadObjectId` in Teams. */
  readonly aadObjectId?: string | undefined;
  /** `activity.conversation.tenantId` in Teams. */
  readonly tenantId?: string | undefined;
}

export interface CheckWorkAccountRequest {
  readonly input: string;
  readonly admin: AdminIdentity;
}

export interface WorkAccountService {
  /** `graph`: Graph first, OpenID discovery as fallback; `openid`: discovery only. */
  readonly mode: 'graph' | 'openid';
  checkWorkAccount(request: CheckWorkAccountRequest): Promise<WorkAccountReport>;
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

const UNAVAILABLE_KEYS: Readonly<Record<UnavailableReason, WorkAccountMessageKey>> = {
  timeout: 'workAccount.cannot.timeout',
  network: 'workAccount.cannot.network',
  throttled: 'workAccount.cannot.throttled',
  'server-error': 'workAccount.cannot.serverError',
  auth: 'workAccount.cannot.auth',
  'bad-response': 'workAccount.cannot.badResponse',
};

const REQUIRED_ROLES: ReadonlyArray<readonly [AdminRole, string]> = [
  ['globalAdministrator', ROLE_TEMPLATE_IDS.globalAdministrator],
  ['userAdministrator', ROLE_TEMPLATE_IDS.userAdministrator],
];

/** Why something could not be checked, and what the admin can do about it. */
interface Failure {
  readonly message: ReportMessage;
  readonly next?: NextStep;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

type TenantLookup =
  | { readonly kind: 'found'; readonly info: TenantInformation; readonly source: TenantSource }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'failed'; readonly failure: Failure };

const GRAPH_SOURCE = 'Microsoft Graph';
const NO_IDENTITY: Failure = { message: { key: 'workAccount.cannot.noIdentity' } };
const TRY_LATER: NextStep = { message: { key: 'workAccount.next.tryLater' } };

/** Every application permission the work-account check uses, for the consent step. */
const CHECK_PERMISSIONS = [...new Set(['findTenantByDomain', 'listDomains', 'directoryRoles'].flatMap((op) => GRAPH_OPERATIONS[op as keyof typeof GRAPH_OPERATIONS].permissions))];

/** Why Graph could not answer, and what the admin can do; a tenant that has not consented gets its consent link. */
function graphFailureFor(graph: GraphConfig): (error: unknown) => Failure {
  const consentStep = (tenantId: string, permissions: readonly string[]): NextStep => ({
    message: { key: 'workAccount.next.adminConsent', params: { permissions: permissions.join(', ') } },
    link: 'adminConsent',
    url: adminConsentUrl(graph, tenantId),
  });
  return (error): Failure => {
    if (error instanceof GraphConsentError) {
      return { message: { key: 'workAccount.cannot.consent', params: { tenantId: error.tenantId } }, next: consentStep(error.tenantId, CHECK_PERMISSIONS) };
    }
    if (error instanceof GraphPermissionError) {
      const permission = error.permissions.join(' + ');
      const next: NextStep = error.tenantId ? consentStep(error.tenantId, error.permissions) : { message: { key: 'workAccount.next.grantPermission', params: { permission } } };
      return { message: { key: 'workAccount.cannot.permission', params: { permission } }, next };
    }
    if (error instanceof GraphTenantMismatchError) return { message: { key: 'workAccount.cannot.otherTenant' } };
    if (error instanceof GraphNotFoundError) return { message: { key: 'workAccount.cannot.userNotFound' } };
    const reason = error instanceof GraphUnavailableError ? error.reason : 'bad-response';
    return { message: { key: UNAVAILABLE_KEYS[reason], params: { source: GRAPH_SOURCE } }, next: TRY_LATER };
  };
}

async function attempt<T>(run: () => Promise<T>, onError: (error: unknown) => Failure): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error: unknown) {
    return { ok: false, failure: onError(error) };
  }
}

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
  const authoritySource = new URL(deps.graph.openIdAuthorityHost).host;
  const multiTenant = graph !== undefined && graph.tenantId.toLowerCase() === MULTI_TENANT;
  const graphFailure = graphFailureFor(deps.graph);

  function openIdFailure(error: unknown): Failure {
    const reason = error instanceof OpenIdDiscoveryError ? error.reason : 'network';
    return { message: { key: UNAVAILABLE_KEYS[reason], params: { source: authoritySource } }, next: TRY_LATER };
  }

  async function viaOpenId(domain: string): Promise<TenantLookup> {
    const result = await attempt(
      () => discoverTenant(domain, { authorityHost: deps.graph.openIdAuthorityHost, timeoutMs: deps.graph.timeoutMs, fetch: fetchImpl }),
      openIdFailure,
    );
    if (!result.ok) return { kind: 'failed', failure: result.failure };
    if (!result.value.found) return { kind: 'not-found' };
    const info = { tenantId: result.value.tenantId, displayName: undefined, defaultDomainName: undefined, federationBrandName: undefined };
    return { kind: 'found', info, source: 'openid' };
  }

  async function lookupTenant(domain: string, admin: AdminIdentity): Promise<{ lookup: TenantLookup; graphFailure?: Failure }> {
    const demoTenant = demo?.findTenantByDomain(domain);
    if (demoTenant) return { lookup: { kind: 'found', info: demoTenant, source: 'demo' } };
    if (!graph) return { lookup: await viaOpenId(domain) };
    const service = graph;
    // Multi-tenant Graph asks in the admin's own tenant (which must have consented).
    const result = await attempt(() => service.findTenantByDomain(domain, multiTenant ? admin.tenantId : undefined), graphFailure);
    if (result.ok) return { lookup: result.value ? { kind: 'found', info: result.value, source: 'graph' } : { kind: 'not-found' } };
    logger.info({ domain }, 'Graph tenant lookup failed; falling back to OpenID discovery');
    const fallback = await viaOpenId(domain);
    // When both fail, Graph's reason is the more useful one (e.g. a missing permission).
    return fallback.kind === 'failed' ? { lookup: { kind: 'failed', failure: result.failure } } : { lookup: fallback, graphFailure: result.failure };
  }

  /** The directory for checks in the admin's own tenant (Graph, or the demo tenants'), or why those checks cannot run. */
  function ownTenantGraph(admin: AdminIdentity, needsUser: boolean): Outcome<Pick<GraphService, 'listDomains' | 'hasAnyDirectoryRole'>> {
    if (demo && admin.tenantId && demo.serves(admin.tenantId) && (!needsUser || admin.aadObjectId)) {
      return {
        ok: true,
        value: {
          listDomains: (tenantId) => Promise.resolve(demo.listDomains(tenantId ?? '')),
          hasAnyDirectoryRole: (userId, roleIds, tenantId) => Promise.resolve(demo.hasAnyDirectoryRole(userId, roleIds, tenantId ?? '')),
        },
      };
    }
    if (!graph) return { ok: false, failure: { message: { key: 'workAccount.cannot.graphDisabled' }, next: { message: { key: 'workAccount.next.setUpGraph' } } } };
    if (!admin.tenantId || (needsUser && !admin.aadObjectId)) return { ok: false, failure: NO_IDENTITY };
    // One tenant's Graph answers for that tenant only; multi-tenant Graph asks each admin's own.
    if (!multiTenant && !sameTenant(graph.tenantId, admin.tenantId)) return { ok: false, failure: { message: { key: 'workAccount.cannot.otherTenant' } } };
    return { ok: true, value: graph };
  }

  async function ownDomains(admin: AdminIdentity): Promise<Outcome<GraphDomain[]>> {
    const service = ownTenantGraph(admin, false);
    return service.ok ? attempt(() => service.value.listDomains(admin.tenantId), graphFailure) : service;
  }

  async function adminRoles(admin: AdminIdentity): Promise<Outcome<DirectoryRoleCheck>> {
    const service = ownTenantGraph(admin, true);
    const userId = admin.aadObjectId;
    if (!service.ok) return service;
    if (!userId) return { ok: false, failure: NO_IDENTITY };
    return attempt(() => service.value.hasAnyDirectoryRole(userId, REQUIRED_ROLES.map(([, id]) => id), admin.tenantId), graphFailure);
  }

  return {
    mode: graph ? 'graph' : 'openid',

    async checkWorkAccount({ input, admin }) {
      const trimmed = input.trim();
      const parsed = parseAddress(trimmed);
      if (!parsed.ok) {
        return {
          verdict: 'invalid-input',
          facts: { input: trimmed },
          checks: [{ id: 'syntax', status: 'fail', message: { key: SYNTAX_HINT_KEYS[parsed.error] } }],
          nextSteps: [{ message: { key: 'workAccount.next.useWorkAddress' } }],
        };
      }
      const { domain } = parsed;
      let facts: WorkAccountFacts = {
        input: trimmed,
        ...(parsed.address !== undefined ? { address: parsed.address } : {}),
        domain,
        ...(parsed.unicodeDomain !== domain ? { unicodeDomain: parsed.unicodeDomain } : {}),
      };
      const shown = parsed.unicodeDomain;
      const checks: CheckOutcome[] = [
        { id: 'syntax', status: 'pass', message: { key: parsed.kind === 'email' ? 'workAccount.syntax.email' : 'workAccount.syntax.domain', params: { domain: shown } } },
      ];
      const notAllowed = (message: ReportMessage, provider: string): WorkAccountReport => ({
        verdict: 'not-allowed',
        facts: { ...facts, consumerProvider: provider },
        checks: [...checks, { id: 'consumer', status: 'fail', message }],
        nextSteps: [{ message: { key: 'workAccount.next.useWorkAddress' } }],
      });

      const provider = consumerProviderOf(domain);
      if (provider !== undefined) {
        logger.info({ domain, verdict: 'not-allowed' }, 'work account checked');
        return notAllowed({ key: 'workAccount.consumer.refused', params: { provider } }, provider);
      }

      const [tenantResult, domains, roles] = await Promise.all([lookupTenant(domain, admin), ownDomains(admin), adminRoles(admin)]);
      let lookup = tenantResult.lookup;
      const entry = domains.ok ? domains.value.find((d) => d.id.toLowerCase() === domain) : undefined;
      if (lookup.kind === 'failed' && entry?.isVerified === true && admin.tenantId) {
        // The lookup failed, but the admin's own directory has the domain verified.
        lookup = { kind: 'found', info: { tenantId: admin.tenantId, displayName: undefined, defaultDomainName: undefined, federationBrandName: undefined }, source: 'ownDomains' };
      }
      if (domains.ok) {
        const defaultDomain = domains.value.find((d) => d.isDefault)?.id;
        facts = {
          ...facts,
          ownTenant: {
            tenantId: admin.tenantId ?? '',
            listed: entry !== undefined,
            verified: entry?.isVerified ?? false,
            isDefault: entry?.isDefault ?? false,
            defaultDomain,
            otherVerifiedDomains: domains.value.filter((d) => d.isVerified && d.id.toLowerCase() !== domain).map((d) => d.id),
          },
        };
      }

      const nextSteps: NextStep[] = [];
      const finish = (verdict: Verdict): WorkAccountReport => {
        logger.info({ domain, verdict }, 'work account checked');
        return { verdict, facts, checks, nextSteps: distinctSteps(nextSteps) };
      };

      if (lookup.kind === 'found' && lookup.info.tenantId.toLowerCase() === MICROSOFT_ACCOUNT_TENANT_ID) {
        return notAllowed({ key: 'workAccount.consumer.microsoftAccount', params: { domain: shown } }, 'Microsoft account');
      }
      checks.push({ id: 'consumer', status: 'pass', message: { key: 'workAccount.consumer.ok', params: { domain: shown } } });

      if (lookup.kind === 'failed') {
        checks.push({ id: 'tenant', status: 'unknown', message: lookup.failure.message });
        if (lookup.failure.next) nextSteps.push(lookup.failure.next);
        nextSteps.push({ message: { key: 'workAccount.next.checkEntra' }, link: 'entraDomains' });
        return finish('cannot-check');
      }

      if (lookup.kind === 'not-found') {
        checks.push({ id: 'tenant', status: 'fail', message: { key: 'workAccount.tenant.notFound', params: { domain: shown } } });
        if (entry && !entry.isVerified) {
          // Added to the admin's tenant but not verified: verifying it is the fix.
          const verified = facts.ownTenant?.otherVerifiedDomains.join(', ') ?? '';
          checks.push({ id: 'ownTenant', status: 'fail', message: { key: 'workAccount.ownTenant.unverified', params: { domain: shown, verified } } });
          nextSteps.push({ message: { key: 'workAccount.next.verifyDomain', params: { domain: shown } }, link: 'entraDomains' });
          return finish('needs-different-domain');
        }
        nextSteps.push({ message: { key: 'workAccount.next.createDuringEnrollment' }, link: 'partnerCenter' });
        nextSteps.push({ message: { key: 'workAccount.next.checkEntra' }, link: 'entraDomains' });
        return finish('no-work-account');
      }

      const { info } = lookup;
      facts = {
        ...facts,
        tenant: {
          tenantId: info.tenantId,
          ...(info.displayName !== undefined ? { displayName: info.displayName } : {}),
          ...(info.defaultDomainName !== undefined ? { defaultDomainName: info.defaultDomainName } : {}),
          source: lookup.source,
        },
      };
      checks.push(
        info.displayName !== undefined
          ? { id: 'tenant', status: 'pass', message: { key: 'workAccount.tenant.found', params: { tenantName: info.displayName, tenantId: info.tenantId } } }
          : { id: 'tenant', status: 'pass', message: { key: 'workAccount.tenant.foundId', params: { tenantId: info.tenantId } } },
      );
      if (tenantResult.graphFailure?.next) nextSteps.push(tenantResult.graphFailure.next);

      // Is it the admin's tenant, and how does the domain stand there?
      const ownsIt = sameTenant(info.tenantId, admin.tenantId);
      const unknowns: Failure[] = [];
      if (!admin.tenantId) {
        checks.push({ id: 'ownTenant', status: 'unknown', message: NO_IDENTITY.message });
        unknowns.push(NO_IDENTITY);
      } else if (!ownsIt) {
        const tenantName = info.displayName ?? info.tenantId;
        checks.push({ id: 'ownTenant', status: 'fail', message: { key: 'workAccount.ownTenant.otherTenant', params: { domain: shown, tenantName } } });
        nextSteps.push({ message: { key: 'workAccount.next.otherTenant', params: { tenantName } } });
        return finish('needs-different-domain');
      } else if (entry && !entry.isVerified) {
        const verified = facts.ownTenant?.otherVerifiedDomains.join(', ') ?? '';
        checks.push({ id: 'ownTenant', status: 'fail', message: { key: 'workAccount.ownTenant.unverified', params: { domain: shown, verified } } });
        nextSteps.push({ message: { key: 'workAccount.next.verifyDomain', params: { domain: shown } }, link: 'entraDomains' });
        return finish('needs-different-domain');
      } else if (entry) {
        const message: ReportMessage = entry.isDefault
          ? { key: 'workAccount.ownTenant.verifiedDefault', params: { domain: shown } }
          : { key: 'workAccount.ownTenant.verified', params: { domain: shown, defaultDomain: facts.ownTenant?.defaultDomain ?? '' } };
        checks.push({ id: 'ownTenant', status: 'pass', message });
      } else {
        // Same tenant id is proof of ownership; details need the domain list.
        checks.push({ id: 'ownTenant', status: 'pass', message: { key: 'workAccount.ownTenant.yours', params: { domain: shown } } });
      }

      // Headquarters vs regional, against the admin's verified domains when known.
      const known = domains.ok ? domains.value.filter((d) => d.isVerified).map((d) => d.id) : [];
      const headquarters = assessHeadquarters(domain, known);
      facts = { ...facts, headquarters };
      if (!domains.ok && headquarters.kind === 'single') {
        // Without the tenant's domain list there was nothing to compare with.
        checks.push({ id: 'headquarters', status: 'unknown', message: domains.failure.message });
        unknowns.push(domains.failure);
      } else {
        checks.push(headquartersOutcome(shown, headquarters));
      }
      if (headquarters.kind === 'regional') {
        nextSteps.push({ message: { key: 'workAccount.next.useHeadquarters', params: { suggested: headquarters.suggested } } });
        return finish('needs-different-domain');
      }

      if (roles.ok) {
        const held = REQUIRED_ROLES.filter(([, id]) => roles.value.matched.some((m) => m.roleTemplateId.toLowerCase() === id)).map(([role]) => role);
        facts = { ...facts, role: { holds: roles.value.holds, roles: held } };
        if (!roles.value.holds) {
          checks.push({ id: 'role', status: 'fail', message: { key: 'workAccount.role.missing' } });
          nextSteps.push({ message: { key: 'workAccount.next.askAdmin' } });
          return finish('needs-admin-role');
        }
        const key = held.includes('globalAdministrator') ? 'workAccount.role.holdsGlobal' : 'workAccount.role.holdsUser';
        checks.push({ id: 'role', status: 'pass', message: { key } });
      } else {
        checks.push({ id: 'role', status: 'unknown', message: roles.failure.message });
        unknowns.push(roles.failure);
      }

      nextSteps.push({ message: { key: 'workAccount.next.enroll' }, link: 'partnerCenter' });
      nextSteps.push({ message: { key: 'workAccount.next.considerUsers' } });
      for (const failure of unknowns) if (failure.next) nextSteps.push(failure.next);
      return finish(unknowns.length > 0 ? 'unconfirmed' : 'ready');
    },
  };
}

function headquartersOutcome(shown: string, assessment: HeadquartersAssessment): CheckOutcome {
  switch (assessment.kind) {
    case 'single':
      return { id: 'headquarters', status: 'pass', message: { key: 'workAccount.hq.single' } };
    case 'headquarters':
      return { id: 'headquarters', status: 'pass', message: { key: 'workAccount.hq.headquarters', params: { domain: shown, siblings: assessment.siblings.join(', ') } } };
    case 'regional':
      return { id: 'headquarters', status: 'fail', message: { key: 'workAccount.hq.regional', params: { domain: shown, suggested: assessment.suggested } } };
    case 'regional-name':
      return { id: 'headquarters', status: 'warn', message: { key: 'workAccount.hq.regionalName', params: { domain: shown, code: assessment.region.code } } };
    case 'ambiguous':
      return { id: 'headquarters', status: 'warn', message: { key: 'workAccount.hq.ambiguous', params: { siblings: assessment.siblings.join(', ') } } };
  }
}
