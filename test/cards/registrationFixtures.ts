/**
 * Registrations and an account's people as the cards show them: Litware's registration
 * pending, approved and rejected, and Contoso's people, built from the demo data with the
 * real rules (registration.ts, people.ts), for card tests and the pictures.
 */
import { accountFromRegistration, registrationId } from '../../services/accounts/registration.js';
import { changePeople } from '../../services/accounts/people.js';
import { DEMO, demoAccounts } from '../../services/demo/demoData.js';
import type { PartnerAccount, RegistrationRequest } from '../../services/model.js';

export const REVIEWER = {
  aadObjectId: '0be0be00-0000-4000-8000-0000000000e1',
  tenantId: '0be0be00-0000-4000-8000-000000000001',
  displayName: 'Rhea Reviewer',
};
const AT = new Date('2026-12-01T09:30:00Z');
const LATER = new Date('2026-12-01T14:05:00Z');

export function litwareRegistration(status: RegistrationRequest['status'] = 'pending'): RegistrationRequest {
  const l = DEMO.litware;
  const pending: RegistrationRequest = {
    id: registrationId(l.tenantId, 1),
    tenantId: l.tenantId,
    requester: {
      aadObjectId: l.admin.aadObjectId,
      tenantId: l.tenantId,
      displayName: l.admin.displayName,
      upn: l.admin.upn,
    },
    globalMpnId: l.globalMpnId,
    companyName: l.companyName,
    domains: [l.domain, 'litware.nl'],
    locations: [{ mpnId: l.locationMpnId, name: 'Litware Utrecht' }],
    checks: {
      domains: [
        { domain: l.domain, proof: 'openid' },
        { domain: 'litware.nl', proof: 'openid' },
      ],
      competing: status === 'pending' ? [`${'0'.repeat(8)}-0000-4000-8000-000000000009:1`] : [],
    },
    status: 'pending',
    createdAt: AT.toISOString(),
    version: 1,
  };
  if (status === 'pending') return pending;
  const decided = { decidedAt: LATER.toISOString(), decidedBy: REVIEWER };
  return status === 'approved'
    ? { ...pending, status, ...decided }
    : { ...pending, status, ...decided, reason: 'Partner Center shows another Account admin for 6666666.' };
}

export function litwareAccount(): PartnerAccount {
  return accountFromRegistration(litwareRegistration('approved'), REVIEWER, LATER);
}

/** Contoso with one more user added by its admin (Patti, Incentives user for Seattle). */
export function contosoPeople(): PartnerAccount {
  const contoso = demoAccounts()[0]!;
  const admin = DEMO.contoso.admin;
  const patti = {
    aadObjectId: `${DEMO.contoso.tenantId.slice(0, 8)}-0000-4000-8000-000000000005`,
    tenantId: DEMO.contoso.tenantId,
    displayName: 'Patti Fernandez',
    upn: 'patti.fernandez@contoso.com',
  };
  const added = changePeople(
    contoso,
    { type: 'add-user', person: patti, roles: [{ role: 'incentives-user', scopeMpnId: DEMO.contoso.locationMpnId }] },
    admin,
    LATER,
  );
  if (!added.ok) throw added.error;
  return added.value.account;
}
