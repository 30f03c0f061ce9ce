/** Whether the admin holds a role that may link the domain (Global or User Administrator). */
import { REQUIRED_ROLES } from '../directory.js';
import type { Failure } from '../failures.js';
import type { Findings } from '../findings.js';
import type { WorkAccountReport } from '../report.js';
import type { TenantContext } from './tenant.js';

export function roleDecides(found: Findings, { roles }: TenantContext, unknowns: Failure[]): WorkAccountReport {
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
