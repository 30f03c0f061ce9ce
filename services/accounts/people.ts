/**
 * The people and locations of a partner account, as pure rules: who may change them (its
 * Account admins), what a change does, and what it may not do. Each company's admins
 * manage the Partner Center roles of their own tenant's users (seed 003, step 7), an
 * account always keeps an Account admin, and every change appends one line to the
 * account's audit trail. A refusal changes nothing.
 */
import { fail, ok, type Result } from '../errors.js';
import {
  PARTNER_CENTER_ROLES,
  type LocationAuditEntry,
  type MpnId,
  type PartnerAccount,
  type PartnerCenterRole,
  type PartnerUser,
  type PersonRef,
  type PersonRefWithUpn,
  type RoleAssignment,
  type UserAuditEntry,
} from '../model.js';
import { findUser, hasAccountRole, isAccountAdmin, type UserIdentity } from './roles.js';
import { userKey } from './validation.js';

/**
 * Roles Partner Center lets an admin give for one location instead of the whole account:
 * incentives and referrals (learn.microsoft.com/partner-center/account-settings/permissions-overview,
 * "Manage incentives", "Manage referrals"; seed 003: "the incentives admin for a specific location").
 */
export const LOCATION_SCOPED_ROLES: ReadonlySet<PartnerCenterRole> = new Set([
  'incentives-admin',
  'incentives-user',
  'referrals-admin',
  'referrals-user',
]);

export const MAX_USERS = 500;
export const MAX_ACCOUNT_LOCATIONS = 500;

export type PeopleChange =
  | { readonly type: 'add-user'; readonly person: PersonRefWithUpn; readonly roles: readonly RoleAssignment[] }
  | { readonly type: 'set-roles'; readonly person: UserIdentity; readonly roles: readonly RoleAssignment[] }
  | { readonly type: 'remove-user'; readonly person: UserIdentity }
  | { readonly type: 'add-location'; readonly location: { readonly mpnId: MpnId; readonly name: string } };

export interface ChangedPeople {
  readonly account: PartnerAccount;
  readonly entry: UserAuditEntry | LocationAuditEntry;
  /** Index of `entry` in the changed account's audit trail. */
  readonly auditIndex: number;
}

export function canManagePeople(account: PartnerAccount, who: UserIdentity): boolean {
  return isAccountAdmin(account, who);
}

export function isRole(value: string): value is PartnerCenterRole {
  return (PARTNER_CENTER_ROLES as readonly string[]).includes(value);
}

/**
 * The assignments for chosen roles and an optional location: location-scoped roles for that
 * location, every other role for the whole account. Duplicates go; the order is the catalogue's.
 */
export function assignmentsFor(roles: readonly PartnerCenterRole[], scopeMpnId: MpnId | undefined): RoleAssignment[] {
  const chosen = PARTNER_CENTER_ROLES.filter((r) => roles.includes(r));
  return chosen.map((role) =>
    scopeMpnId !== undefined && LOCATION_SCOPED_ROLES.has(role) ? { role, scopeMpnId } : { role },
  );
}

/** Applies one change for `actor`, or says why not; the account is read fresh by the caller. */
export function changePeople(
  account: PartnerAccount,
  change: PeopleChange,
  actor: PersonRef,
  now: Date,
): Result<ChangedPeople> {
  const company = account.companyName;
  if (account.status !== 'active')
    return fail('account-not-active', { mpnId: account.globalMpnId, mergedInto: account.mergedInto ?? '' });
  if (!canManagePeople(account, actor)) return fail('not-account-admin', { mpnId: account.globalMpnId, company });
  const at = now.toISOString();
  const by: PersonRef = { aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, displayName: actor.displayName };
  const changed = (next: Omit<PartnerAccount, 'audit'>, entry: ChangedPeople['entry']): Result<ChangedPeople> => {
    const audit = [...(account.audit ?? []), entry];
    return ok({ account: { ...next, audit, updatedAt: at }, entry, auditIndex: audit.length - 1 });
  };
  if (change.type === 'add-location') return addLocation(account, change.location, by, at, changed);
  const existing = findUser(account, change.person);
  if (change.type === 'add-user') {
    if (existing) return fail('user-exists', { name: existing.displayName, company });
    const refused = refuseRoles(account, change.roles) ?? refuseOtherTenant(change.person, by);
    if (refused) return refused;
    if (account.users.length >= MAX_USERS) return fail('user-limit', { company, max: MAX_USERS });
    const person = change.person;
    const user: PartnerUser = {
      aadObjectId: person.aadObjectId,
      tenantId: person.tenantId,
      displayName: person.displayName,
      upn: person.upn ?? '',
      roles: [...change.roles],
    };
    return changed(
      { ...account, users: [...account.users, user] },
      { at, action: 'user-added', actor: by, user: trailPerson(user), roles: user.roles },
    );
  }
  if (!existing) return fail('user-not-found', { company });
  const refused =
    refuseOtherTenant(existing, by) ?? (change.type === 'set-roles' ? refuseRoles(account, change.roles) : undefined);
  if (refused) return refused;
  const roles = change.type === 'set-roles' ? [...change.roles] : [];
  const stillAdmin = roles.some((r) => r.role === 'account-admin' && r.scopeMpnId === undefined);
  if (hasAccountRole(existing, 'account-admin') && !stillAdmin && accountAdminCount(account) === 1)
    return fail('last-account-admin', { name: existing.displayName, company });
  const key = userKey(existing);
  const users =
    change.type === 'remove-user'
      ? account.users.filter((u) => userKey(u) !== key)
      : account.users.map((u) => (userKey(u) === key ? { ...u, roles } : u));
  const action = change.type === 'remove-user' ? 'user-removed' : 'user-roles-changed';
  return changed({ ...account, users }, { at, action, actor: by, user: trailPerson(existing), roles });
}

function addLocation(
  account: PartnerAccount,
  location: { readonly mpnId: MpnId; readonly name: string },
  by: PersonRef,
  at: string,
  changed: (next: Omit<PartnerAccount, 'audit'>, entry: LocationAuditEntry) => Result<ChangedPeople>,
): Result<ChangedPeople> {
  const company = account.companyName;
  if (account.globalMpnId === location.mpnId || account.locations.some((l) => l.mpnId === location.mpnId))
    return fail('location-exists', { mpnId: location.mpnId, company });
  if (account.locations.length >= MAX_ACCOUNT_LOCATIONS)
    return fail('location-limit', { company, max: MAX_ACCOUNT_LOCATIONS });
  const added = { mpnId: location.mpnId, name: location.name };
  return changed(
    { ...account, locations: [...account.locations, added] },
    { at, action: 'location-added', actor: by, location: added },
  );
}

/** Roles are required, and a location scope only for a role that has one, on a location of this account. */
function refuseRoles(account: PartnerAccount, roles: readonly RoleAssignment[]): Result<never> | undefined {
  if (roles.length === 0) return fail('roles-required', {});
  for (const r of roles) {
    if (r.scopeMpnId === undefined) continue;
    if (!LOCATION_SCOPED_ROLES.has(r.role) || !account.locations.some((l) => l.mpnId === r.scopeMpnId))
      return fail('role-scope-invalid', { role: r.role, mpnId: r.scopeMpnId });
  }
  return undefined;
}

/** Admins manage their own tenant's users only (tenants are never merged). */
function refuseOtherTenant(
  person: { readonly tenantId: string; readonly displayName?: string },
  admin: PersonRef,
): Result<never> | undefined {
  return person.tenantId.toLowerCase() === admin.tenantId.toLowerCase()
    ? undefined
    : fail('user-other-tenant', { name: person.displayName ?? '' });
}

function accountAdminCount(account: PartnerAccount): number {
  return account.users.filter((u) => hasAccountRole(u, 'account-admin')).length;
}

function trailPerson(user: PartnerUser): PersonRefWithUpn {
  return {
    aadObjectId: user.aadObjectId,
    tenantId: user.tenantId,
    displayName: user.displayName,
    ...(user.upn ? { upn: user.upn } : {}),
  };
}
