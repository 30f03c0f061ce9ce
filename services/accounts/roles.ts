/** Who may do what inside a partner account (pure; callers pass fresh records). */
import type { PartnerAccount, PartnerUser, PartnerCenterRole, Watcher } from '../model.js';
import { findPerson } from './validation.js';

export interface UserIdentity {
  readonly aadObjectId: string;
  readonly tenantId: string;
}

export function findUser(account: PartnerAccount, who: UserIdentity): PartnerUser | undefined {
  return findPerson(account.users, who);
}

/** Account-wide role (a role scoped to one location does not count). */
export function hasAccountRole(user: PartnerUser, role: PartnerCenterRole): boolean {
  return user.roles.some((r) => r.role === role && r.scopeMpnId === undefined);
}

export function isAccountAdmin(account: PartnerAccount, who: UserIdentity): boolean {
  if (account.status !== 'active') return false;
  const user = findUser(account, who);
  return user !== undefined && hasAccountRole(user, 'account-admin');
}

export function accountAdmins(account: PartnerAccount): PartnerUser[] {
  return account.users.filter((u) => hasAccountRole(u, 'account-admin'));
}

/**
 * Tenants are not merged, so an admin manages the Partner Center roles of users in their
 * own tenant only. Administering another tenant's users needs a guest identity in that
 * tenant, which appears as its own user entry (same tenant) and passes this check.
 */
export function canManageUserRoles(account: PartnerAccount, admin: UserIdentity, target: UserIdentity): boolean {
  const user = findUser(account, admin);
  if (user === undefined) return false;
  const isAdmin = hasAccountRole(user, 'account-admin') || hasAccountRole(user, 'user-management-admin');
  return (
    isAdmin && user.tenantId.toLowerCase() === target.tenantId.toLowerCase() && findUser(account, target) !== undefined
  );
}

export function asWatcher(user: PartnerUser): Watcher {
  return { aadObjectId: user.aadObjectId, tenantId: user.tenantId, displayName: user.displayName, upn: user.upn };
}
