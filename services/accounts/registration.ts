/**
 * How a company joins, as pure rules: what a registration form must say, how a reviewer's
 * decision changes a registration, and the account an approval creates (the requester its
 * first Account admin). What needs the outside world (who owns a domain, which Partner IDs
 * are taken) is the registration service's; see shared/domain.md, "How a company joins".
 */
import { fail, ok, type DomainError, type Result } from '../errors.js';
import {
  newPartnerAccount,
  type MpnId,
  type PartnerAccount,
  type PersonRef,
  type PersonRefWithUpn,
  type RegistrationRequest,
} from '../model.js';
import { hasVisibleContent, visibleText } from '../text.js';
import { consumerProviderOf } from '../workAccount/consumerDomains.js';
import { parseAddress } from '../workAccount/parseAddress.js';
import { parseMpnId, parseReason } from './validation.js';

export const MAX_DOMAINS = 10;
export const MAX_LOCATIONS = 50;
export const COMPANY_NAME_MAX = 200;
const LOCATION_NAME_MAX = 200;

/** The form as the card sends it back: untrusted text. */
export interface RegistrationForm {
  readonly globalMpnId?: unknown;
  readonly companyName?: unknown;
  readonly domains?: unknown;
  readonly locations?: unknown;
  /** The requester's work e-mail, when Teams did not tell the bot (see the registration service). */
  readonly requesterAddress?: unknown;
}

export type RegistrationField = 'globalMpnId' | 'companyName' | 'domains' | 'locations' | 'requesterAddress';

/** A problem with one field of the form, said in the user's language by `describeError`. */
export interface FieldProblem {
  readonly field: RegistrationField;
  readonly error: DomainError;
}

export interface ParsedRegistration {
  readonly globalMpnId: MpnId;
  readonly companyName: string;
  /** Lower-case ASCII, distinct, in the order given. */
  readonly domains: readonly string[];
  readonly locations: ReadonlyArray<{ readonly mpnId: MpnId; readonly name: string }>;
}

/** The key of a tenant's n-th registration (lower-case tenant id). */
export function registrationId(tenantId: string, n: number): string {
  return `${tenantId.toLowerCase()}:${n}`;
}

const REGISTRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\d{1,6}$/;
export function isRegistrationId(value: unknown): value is string {
  return typeof value === 'string' && REGISTRATION_ID.test(value);
}

const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? visibleText(value.slice(0, max * 4)) : '';
const shorten = (value: string, max = 60): string =>
  [...value].length > max ? `${[...value].slice(0, max - 1).join('')}…` : value;

/** Every problem of the form at once (a person fixes them together), or the parsed form. */
export function parseRegistrationForm(
  form: RegistrationForm,
): { ok: true; value: ParsedRegistration } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: RegistrationField, result: Result<unknown>): void => {
    if (!result.ok) problems.push({ field, error: result.error });
  };
  const mpn = parseMpnId(form.globalMpnId);
  problem('globalMpnId', mpn);
  const name = parseCompanyName(form.companyName);
  problem('companyName', name);
  const domains = parseDomainList(form.domains);
  problem('domains', domains);
  const locations = parseLocations(form.locations, mpn.ok ? mpn.value : undefined);
  problem('locations', locations);
  if (!mpn.ok || !name.ok || !domains.ok || !locations.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { globalMpnId: mpn.value, companyName: name.value, domains: domains.value, locations: locations.value },
  };
}

export function parseCompanyName(input: unknown): Result<string> {
  const name = text(input, COMPANY_NAME_MAX);
  if (!hasVisibleContent(name)) return fail('company-name-required', {});
  if ([...name].length > COMPANY_NAME_MAX) return fail('company-name-too-long', { max: COMPANY_NAME_MAX });
  return ok(name);
}

/** Domains separated by commas, semicolons, spaces or lines; `@contoso.com` and addresses count as their domain. */
export function parseDomainList(input: unknown): Result<string[]> {
  const raw = typeof input === 'string' ? input.slice(0, 4000) : '';
  const parts = raw
    .split(/[\s,;]+/)
    .map((p) => p.trim().replace(/^@/, ''))
    .filter((p) => p !== '');
  if (parts.length === 0) return fail('domains-required', {});
  const domains: string[] = [];
  for (const part of parts) {
    const parsed = parseAddress(part);
    if (!parsed.ok) return fail('domain-invalid', { input: shorten(visibleText(part)) });
    const provider = consumerProviderOf(parsed.domain);
    if (provider !== undefined) return fail('personal-domain', { domain: parsed.domain, provider });
    if (!domains.includes(parsed.domain)) domains.push(parsed.domain);
  }
  if (domains.length > MAX_DOMAINS) return fail('too-many-domains', { max: MAX_DOMAINS });
  return ok(domains);
}

/** One location per line: its Partner ID, then its name (`2222222 Contoso Amsterdam`, `2222222, Amsterdam`). */
export function parseLocations(
  input: unknown,
  globalMpnId: MpnId | undefined,
): Result<Array<{ mpnId: MpnId; name: string }>> {
  const raw = typeof input === 'string' ? input.slice(0, 20_000) : '';
  const lines = raw
    .split(/\r?\n/)
    .map((l) => visibleText(l))
    .filter((l) => l !== '');
  if (lines.length > MAX_LOCATIONS) return fail('too-many-locations', { max: MAX_LOCATIONS });
  const out: Array<{ mpnId: MpnId; name: string }> = [];
  const seen = new Set<string>(globalMpnId === undefined ? [] : [globalMpnId]);
  for (const line of lines) {
    const parsed = parseLocationLine(line);
    if (!parsed.ok) return parsed;
    if (seen.has(parsed.value.mpnId)) return fail('duplicate-mpn-id', { mpnId: parsed.value.mpnId });
    seen.add(parsed.value.mpnId);
    out.push(parsed.value);
  }
  return ok(out);
}

export function parseLocationLine(line: string): Result<{ mpnId: MpnId; name: string }> {
  const match = /^(\S+?)[\s,;:–-]+(.+)$/.exec(visibleText(line));
  const mpn = parseMpnId(match?.[1] ?? line);
  if (!mpn.ok) return fail('location-line-invalid', { input: shorten(visibleText(line)) });
  const name = visibleText(match?.[2] ?? '');
  if (!hasVisibleContent(name)) return fail('location-name-required', { mpnId: mpn.value });
  return ok({ mpnId: mpn.value, name: [...name].slice(0, LOCATION_NAME_MAX).join('') });
}

/** The requester's work e-mail must be at one of the domains proven to be the tenant's. */
export function parseRequesterAddress(input: unknown, domains: readonly string[]): Result<string> {
  const raw = typeof input === 'string' ? input.slice(0, 400) : '';
  const parsed = parseAddress(raw);
  if (!parsed.ok || parsed.kind !== 'email' || parsed.address === undefined)
    return fail('requester-address-invalid', { input: shorten(visibleText(raw)) });
  if (!domains.includes(parsed.domain))
    return fail('requester-address-domain', { address: parsed.address, domains: domains.join(', ') });
  return ok(parsed.address);
}

export type RegistrationDecision = { readonly type: 'approve' } | { readonly type: 'reject'; readonly reason: unknown };

/** A reviewer's decision on a pending registration (a decided one stays as it is). */
export function decideRegistration(
  registration: RegistrationRequest,
  decision: RegistrationDecision,
  reviewer: PersonRef,
  now: Date,
): Result<RegistrationRequest> {
  if (registration.status !== 'pending') {
    return fail('registration-decided', {
      status: registration.status,
      by: registration.decidedBy?.displayName ?? '',
      decidedAt: registration.decidedAt ?? '',
    });
  }
  const decided = { decidedAt: now.toISOString(), decidedBy: personRef(reviewer) };
  if (decision.type === 'approve') return ok({ ...registration, status: 'approved', ...decided });
  const reason = parseReason(decision.reason);
  if (!reason.ok) return reason.error.is('reason-required') ? fail('registration-reason-required', {}) : reason;
  return ok({ ...registration, status: 'rejected', ...decided, reason: reason.value });
}

/** The account an approved registration creates: the requester is its first Account admin. */
export function accountFromRegistration(
  registration: RegistrationRequest,
  reviewer: PersonRef,
  now: Date,
): PartnerAccount {
  const at = now.toISOString();
  const requester: PersonRefWithUpn = registration.requester;
  return newPartnerAccount({
    globalMpnId: registration.globalMpnId,
    companyName: registration.companyName,
    tenants: [{ tenantId: registration.tenantId, domains: [...registration.domains] }],
    locations: registration.locations.map((l) => ({ mpnId: l.mpnId, name: l.name })),
    users: [
      {
        aadObjectId: requester.aadObjectId,
        tenantId: requester.tenantId,
        displayName: requester.displayName,
        upn: requester.upn ?? '',
        roles: [{ role: 'account-admin' }],
      },
    ],
    audit: [{ at, action: 'registered', actor: personRef(reviewer), user: requester, registrationId: registration.id }],
    updatedAt: at,
  });
}

function personRef(person: PersonRef): PersonRef {
  return {
    aadObjectId: person.aadObjectId,
    tenantId: person.tenantId,
    displayName: visibleText(person.displayName).slice(0, 200),
  };
}
