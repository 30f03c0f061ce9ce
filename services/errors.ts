/**
 * Typed domain errors. Every refusal the user can see is a `DomainError` with a code and
 * parameters; `describeError` turns it into the English or Dutch sentence from the merge
 * catalog. A missing catalog entry for a code is a compile error.
 */
import { formatDay, t, type MessageKey } from './i18n/index.js';
import type { MergeStatus, MpnId } from './model.js';

export interface DomainErrorParamsByCode {
  'invalid-mpn-id': { input: string };
  'unknown-mpn-id': { mpnId: MpnId };
  'location-mpn-id': { mpnId: MpnId; globalMpnId: MpnId; company: string };
  'self-merge': { mpnId: MpnId };
  'open-merge-exists': { mpnId: MpnId; company: string; mergeId: string; side: 'initiator' | 'invited' };
  'not-account-admin': { mpnId: MpnId; company: string };
  'no-admin-account': Record<string, never>;
  'multiple-admin-accounts': { accounts: string };
  'not-authorized': { action: string };
  'reason-required': Record<string, never>;
  'reason-too-long': { length: number; max: number };
  'already-decided': { status: MergeStatus; mergeId: string };
  'not-accepted-yet': { mergeId: string };
  'acknowledgement-required': { mergeId: string };
  'all-zero-mpn-id': { input: string };
  'own-location': { mpnId: MpnId; company: string; mergedOn: string };
  'invitation-expired': { expiresAt: string; mergeId: string };
  'not-due': { action: string; mergeId: string };
  'account-not-active': { mpnId: MpnId; mergedInto: string };
  'version-conflict': { kind: string; id: string; expected: number; actual: number };
  'merge-not-found': { mergeId: string };
  'invalid-import': { problems: number };
  'watcher-exists': { name: string; company: string };
  'watcher-limit': { company: string; max: number };
  'watcher-not-found': { company: string };
  'not-watching': { company: string };
  'invalid-person-address': { input: string };
  'person-not-found': { address: string; company: string };
  'people-lookup-unavailable': { address: string };
  'people-lookup-consent': { address: string; consentUrl: string };
  // Registration (services/accounts/registration.ts, registrationService.ts)
  'company-name-required': Record<string, never>;
  'company-name-too-long': { max: number };
  'domains-required': Record<string, never>;
  'domain-invalid': { input: string };
  'too-many-domains': { max: number };
  'personal-domain': { domain: string; provider: string };
  'domain-other-tenant': { domain: string };
  'domain-no-tenant': { domain: string };
  'domain-unverifiable': { domain: string };
  'location-line-invalid': { input: string };
  'location-name-required': { mpnId: MpnId };
  'too-many-locations': { max: number };
  'duplicate-mpn-id': { mpnId: MpnId };
  'mpn-id-taken': { mpnId: MpnId };
  'requester-address-invalid': { input: string };
  'requester-address-domain': { address: string; domains: string };
  'tenant-has-account': { company: string; mpnId: MpnId };
  'registration-waiting': { company: string; mpnId: MpnId; createdAt: string };
  'registration-limit': { max: number; retryAt: string };
  'registration-not-found': Record<string, never>;
  'registration-decided': { status: 'pending' | 'approved' | 'rejected'; by: string; decidedAt: string };
  'not-reviewer': Record<string, never>;
  'registration-reason-required': Record<string, never>;
  // The people and locations of an account (services/accounts/people.ts)
  'user-exists': { name: string; company: string };
  'user-not-found': { company: string };
  'user-other-tenant': { name: string };
  'roles-required': Record<string, never>;
  'role-scope-invalid': { role: string; mpnId: MpnId };
  'last-account-admin': { name: string; company: string };
  'user-limit': { company: string; max: number };
  'location-exists': { mpnId: MpnId; company: string };
  'location-limit': { company: string; max: number };
}

export type DomainErrorCode = keyof DomainErrorParamsByCode;
export type DomainErrorParams<C extends DomainErrorCode = DomainErrorCode> = Readonly<DomainErrorParamsByCode[C]>;

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  override readonly name = 'DomainError';
  readonly code: C;
  readonly params: DomainErrorParams<C>;

  constructor(code: C, params: DomainErrorParams<C>) {
    // The English text doubles as the log message.
    super(renderMessage(code, params, 'en'));
    this.code = code;
    this.params = params;
  }

  is<K extends DomainErrorCode>(code: K): this is DomainError<K> {
    return (this.code as string) === code;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Result of an operation that a user can get wrong. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <C extends DomainErrorCode>(code: C, params: DomainErrorParams<C>): Result<never> => ({
  ok: false,
  error: new DomainError(code, params),
});

/** Infrastructure failures of a store (lock held, corrupt file, closed); not user mistakes. */
export type StoreErrorCode = 'store-locked' | 'store-corrupt' | 'store-schema' | 'store-closed';
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function describeStatus(status: MergeStatus, locale: string | undefined | null): string {
  return t(locale, `merge.status.${status}`);
}

function renderMessage(code: DomainErrorCode, params: object, locale: string | undefined | null): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    // Dates (expiresAt, mergedOn, …) read the same in every message of the language.
    if (typeof value === 'string' && /(?:At|On)$/.test(name) && /^\d{4}-\d{2}-\d{2}/.test(value))
      values[name] = formatDay(value, locale);
  }
  // Status words are translated too, so Dutch users don't read "already accepted".
  if ('status' in params && typeof params.status === 'string') {
    values.status =
      code === 'registration-decided'
        ? t(locale, `registration.status.${params.status as 'pending' | 'approved' | 'rejected'}`)
        : describeStatus(params.status as MergeStatus, locale);
  }
  const key: MessageKey = `merge.error.${code}`;
  return t(locale, key, values);
}

/** The user-readable message of a domain error in the user's language. */
export function describeError(err: DomainError, locale: string | undefined | null): string {
  return renderMessage(err.code, err.params, locale);
}
