/**
 * Why a part of the work-account check could not be made, and what the admin can do about
 * it: a Graph or sign-in-metadata failure becomes a report message, an optional next step,
 * and whether consent is what is missing or trying again later may help.
 */
import { adminConsentUrl, type GraphConfig } from '../graph/config.js';
import {
  GRAPH_OPERATIONS,
  GraphConsentError,
  GraphNotFoundError,
  GraphPermissionError,
  GraphTenantMismatchError,
  GraphUnavailableError,
  type UnavailableReason,
} from '../graph/errors.js';
import type { WorkAccountMessageKey } from '../i18n/catalogs/workAccount.js';
import { OpenIdDiscoveryError } from './openIdDiscovery.js';
import type { NextStep, ReportMessage } from './report.js';

export interface Failure {
  readonly message: ReportMessage;
  readonly next?: NextStep;
  /** The admin's organization has not granted the app (or a permission): a Global administrator there can. */
  readonly consent?: { readonly tenantId: string; readonly url: string; readonly permissions: readonly string[] };
  /** Trying again later may help (a timeout, an outage, a refused sign-in). */
  readonly transient?: boolean;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export const NO_IDENTITY: Failure = { message: { key: 'workAccount.cannot.noIdentity' } };
export const TRY_LATER: NextStep = { message: { key: 'workAccount.next.tryLater' } };
export const GRAPH_SOURCE = 'Microsoft Graph';

const UNAVAILABLE_KEYS: Readonly<Record<UnavailableReason, WorkAccountMessageKey>> = {
  timeout: 'workAccount.cannot.timeout',
  network: 'workAccount.cannot.network',
  throttled: 'workAccount.cannot.throttled',
  'server-error': 'workAccount.cannot.serverError',
  // A partner admin cannot fix the bot's sign-in; the code is in the log for the operator.
  auth: 'workAccount.cannot.signIn',
  'bad-response': 'workAccount.cannot.badResponse',
};

/** Every application permission the work-account check uses, for the consent step. */
export const CHECK_PERMISSIONS: readonly string[] = [
  ...new Set(
    (['findTenantByDomain', 'listDomains', 'directoryRoles'] as const).flatMap(
      (op) => GRAPH_OPERATIONS[op].permissions,
    ),
  ),
];

export async function attempt<T>(run: () => Promise<T>, onError: (error: unknown) => Failure): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error: unknown) {
    return { ok: false, failure: onError(error) };
  }
}

/** Why Graph could not answer; a tenant that has not consented gets its consent link. */
export function graphFailureFor(graph: GraphConfig): (error: unknown) => Failure {
  const consent = (tenantId: string, permissions: readonly string[]): Pick<Failure, 'consent' | 'next'> => {
    const url = adminConsentUrl(graph, tenantId);
    return {
      consent: { tenantId, url, permissions },
      next: {
        message: { key: 'workAccount.next.adminConsent', params: { permissions: permissions.join(', ') } },
        link: 'adminConsent',
        url,
      },
    };
  };
  return (error): Failure => {
    if (error instanceof GraphConsentError)
      return {
        message: { key: 'workAccount.cannot.consent', params: { tenantId: error.tenantId } },
        ...consent(error.tenantId, CHECK_PERMISSIONS),
      };
    if (error instanceof GraphPermissionError) {
      const permission = error.permissions.join(' + ');
      const message: ReportMessage = { key: 'workAccount.cannot.permission', params: { permission } };
      return error.tenantId
        ? { message, ...consent(error.tenantId, error.permissions) }
        : { message, next: { message: { key: 'workAccount.next.grantPermission', params: { permission } } } };
    }
    if (error instanceof GraphTenantMismatchError) return { message: { key: 'workAccount.cannot.otherTenant' } };
    if (error instanceof GraphNotFoundError) return { message: { key: 'workAccount.cannot.userNotFound' } };
    const reason = error instanceof GraphUnavailableError ? error.reason : 'bad-response';
    return {
      message: { key: UNAVAILABLE_KEYS[reason], params: { source: GRAPH_SOURCE } },
      next: TRY_LATER,
      transient: true,
    };
  };
}

/** Why the anonymous sign-in metadata lookup could not answer. */
export function openIdFailureFor(source: string): (error: unknown) => Failure {
  return (error): Failure => {
    const reason = error instanceof OpenIdDiscoveryError ? error.reason : 'network';
    return { message: { key: UNAVAILABLE_KEYS[reason], params: { source } }, next: TRY_LATER, transient: true };
  };
}
