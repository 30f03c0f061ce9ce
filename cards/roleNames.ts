/** Partner Center roles as people read them: "Account admin, Incentives admin (Amsterdam)". */
import { t } from '../services/i18n/index.js';
import type { Location, RoleAssignment } from '../services/model.js';
import { name } from './mergeShared.js';

export function roleText(
  assignment: RoleAssignment,
  locations: readonly Pick<Location, 'mpnId' | 'name'>[],
  locale: string | undefined,
): string {
  const role = t(locale, `people.role.${assignment.role}`);
  if (assignment.scopeMpnId === undefined) return role;
  const location = locations.find((l) => l.mpnId === assignment.scopeMpnId);
  return t(locale, 'people.role.scoped', {
    role,
    location: location ? `${name(location.name)} ${assignment.scopeMpnId}` : assignment.scopeMpnId,
  });
}

/** Every role, comma-separated; "No role" when there is none. */
export function rolesText(
  roles: readonly RoleAssignment[],
  locations: readonly Pick<Location, 'mpnId' | 'name'>[],
  locale: string | undefined,
): string {
  return roles.length === 0
    ? t(locale, 'people.card.noRoles')
    : roles.map((r) => roleText(r, locations, locale)).join(', ');
}
