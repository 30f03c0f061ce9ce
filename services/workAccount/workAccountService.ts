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
 *
 * This file runs the checks in order; each check is a module of `checks/` (mailbox, tenant,
 * headquarters, role), writing into the `Findings` of the one check under way.
 */
import {
  missingGraphSettings,
  createGraphService,
  type GraphServiceDeps,
  type GraphService,
} from '../graph/graphService.js';
import type { GraphConfig } from '../graph/config.js';
import type { Logger } from '../loggerPort.js';
import type { FetchLike } from '../graph/middleware.js';
import type { DemoDirectory } from '../demo/demoDirectory.js';
import type { WorkAccountMessageKey } from '../i18n/catalogs/workAccount.js';
import { consumerProviderOf } from './consumerDomains.js';
import { MICROSOFT_ACCOUNT_TENANT_ID } from './openIdDiscovery.js';
import { parseAddress, type ParseErrorCode } from './parseAddress.js';
import { createDirectoryAccess, type AdminIdentity, type DirectoryAccess } from './directory.js';
import { Findings } from './findings.js';
import { invalidInput, personalMailbox } from './checks/mailbox.js';
import { noTenant, ownTenantFact, tenantFound } from './checks/tenant.js';
import type { TenantSource, WorkAccountReport } from './report.js';

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
