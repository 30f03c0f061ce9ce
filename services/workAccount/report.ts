/**
 * The result of a work-account check: data, not text. Messages are catalog keys with
 * parameters so the dialog renders them in the admin's language; parameters hold raw
 * values (domains, names) that the renderer escapes.
 */
import type { WorkAccountMessageKey } from '../i18n/catalogs/workAccount.js';
import type { HeadquartersAssessment } from './headquarters.js';

export type Verdict =
  /** A tenant owns the domain, it is the admin's, not regional, and the admin holds a required role. */
  | 'ready'
  /** A tenant owns the domain and nothing failed, but some checks could not be made. */
  | 'unconfirmed'
  /** A personal mailbox (consumer provider or Microsoft personal accounts). */
  | 'not-allowed'
  /** No Entra tenant owns the domain: create a work account during enrollment. */
  | 'no-work-account'
  /** Regional domain with a headquarters sibling, unverified domain, or another tenant's domain. */
  | 'needs-different-domain'
  /** The admin lacks Global Administrator and User Administrator. */
  | 'needs-admin-role'
  /** The tenant lookup itself failed (Graph and the sign-in metadata both unavailable). */
  | 'cannot-check'
  /** The input is no e-mail address or domain. */
  | 'invalid-input';

/** The directory roles the article requires ("Global administrator | User administrator"). */
export type AdminRole = 'globalAdministrator' | 'userAdministrator';

export type CheckId = 'syntax' | 'consumer' | 'tenant' | 'ownTenant' | 'headquarters' | 'role';

/** `unknown`: could not be checked (the message says why); `skipped`: not needed for the result. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown' | 'skipped';

export type MessageParamValue = string | number;

export interface ReportMessage {
  readonly key: WorkAccountMessageKey;
  readonly params?: Readonly<Record<string, MessageParamValue>>;
}

export interface CheckOutcome {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly message: ReportMessage;
}

export type LinkId = 'partnerCenter' | 'entraDomains' | 'adminConsent' | 'createWorkAccount' | 'entraRoles';

export interface NextStep {
  readonly message: ReportMessage;
  readonly link?: LinkId;
  /** The link's address when it depends on the case (the admin-consent link names the tenant). */
  readonly url?: string;
}

/** `demo`: the demo tenants' directory (Graph not configured, demo accounts loaded). */
export type TenantSource = 'graph' | 'openid' | 'ownDomains' | 'demo';

export interface WorkAccountFacts {
  /** What the admin typed, trimmed. */
  readonly input: string;
  readonly address?: string;
  /** Lower-case ASCII (punycode) domain. */
  readonly domain?: string;
  /** Unicode form, when it differs from `domain` (IDN). */
  readonly unicodeDomain?: string;
  readonly consumerProvider?: string;
  readonly tenant?: {
    readonly tenantId: string;
    readonly displayName?: string;
    readonly defaultDomainName?: string;
    readonly source: TenantSource;
  };
  /** From `GET /domains` of the admin's tenant. */
  readonly ownTenant?: {
    readonly tenantId: string;
    readonly listed: boolean;
    readonly verified: boolean;
    readonly isDefault: boolean;
    readonly defaultDomain: string | undefined;
    readonly otherVerifiedDomains: readonly string[];
  };
  readonly headquarters?: HeadquartersAssessment;
  readonly role?: { readonly holds: boolean; readonly roles: readonly AdminRole[] };
}

/** The admin's organization has not granted the app what the check needs; a Global administrator there can. */
export interface ConsentNeeded {
  readonly tenantId: string;
  /** The organization's published name (asked in the bot's home tenant), when it could be known. */
  readonly organization?: string;
  /** The admin-consent link for that tenant. */
  readonly url: string;
  /** The application permissions the consent grants. */
  readonly permissions: readonly string[];
}

export interface WorkAccountReport {
  readonly verdict: Verdict;
  readonly facts: WorkAccountFacts;
  readonly checks: readonly CheckOutcome[];
  readonly nextSteps: readonly NextStep[];
  /** Set when missing consent is why something could not be checked. */
  readonly consent?: ConsentNeeded;
  /**
   * Something could not be checked for a passing reason (timeout, outage, refused sign-in): checking again later may
   * help.
   */
  readonly retryLater: boolean;
}

export const LINKS: Readonly<Record<Exclude<LinkId, 'adminConsent'>, string>> = {
  partnerCenter: 'https://partner.microsoft.com/dashboard/account/v3/enrollment/introduction/partnership',
  entraDomains: 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/DomainsManagement.ReactView',
  // Partner Center, "Create work account": what a work account is and how one is created.
  createWorkAccount: 'https://learn.microsoft.com/partner-center/enroll/create-work-account',
  // Entra admin center, Roles and administrators: who holds Global or User administrator.
  entraRoles: 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/RolesManagementMenuBlade/~/AllRoles',
};
