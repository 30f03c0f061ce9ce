/**
 * The pure rules of a company's registration (services/accounts/registration.ts) and of an
 * account's people (services/accounts/people.ts): what a form must say, what a reviewer's
 * decision does, what an Account admin may change, and what every refusal says.
 */
import assert from 'node:assert/strict';
import {
  accountFromRegistration,
  decideRegistration,
  isRegistrationId,
  parseDomainList,
  parseLocations,
  parseRegistrationForm,
  parseRequesterAddress,
  registrationId,
} from '../../services/accounts/registration.js';
import { assignmentsFor, changePeople } from '../../services/accounts/people.js';
import { demoAccounts, DEMO } from '../../services/demo/demoData.js';
import { litwareRegistration, REVIEWER } from '../cards/registrationFixtures.js';

const NOW = new Date('2026-12-06T10:00:00Z');
const codes = (result: { ok: boolean; problems?: ReadonlyArray<{ field: string; error: { code: string } }> }) =>
  result.ok ? [] : (result.problems ?? []).map((p) => `${p.field}:${p.error.code}`);

describe('registration rules', () => {
  it('reads a form: Partner ID, name, distinct lower-case domains, locations with names', () => {
    const parsed = parseRegistrationForm({
      globalMpnId: ' Partner ID 6666666 ',
      companyName: '  Litware,\u200b Inc. ',
      domains: 'Litware.COM; @litware.nl\nlitware.com, allan@litware.com',
      locations: '6666667 Litware Utrecht\n\n6666668, Litware Gent',
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, {
      globalMpnId: '6666666',
      companyName: 'Litware, Inc.',
      domains: ['litware.com', 'litware.nl'],
      locations: [
        { mpnId: '6666667', name: 'Litware Utrecht' },
        { mpnId: '6666668', name: 'Litware Gent' },
      ],
    });
  });

  it('says every problem of a form at once', () => {
    assert.deepEqual(
      codes(parseRegistrationForm({ globalMpnId: '12', companyName: ' \u200b ', domains: '', locations: 'Utrecht' })),
      [
        'globalMpnId:invalid-mpn-id',
        'companyName:company-name-required',
        'domains:domains-required',
        'locations:location-line-invalid',
      ],
    );
    assert.deepEqual(
      codes(
        parseRegistrationForm({
          globalMpnId: '6666666',
          companyName: 'x'.repeat(201),
          domains: 'litware.com',
          locations: '6666666 Same as global',
        }),
      ),
      ['companyName:company-name-too-long', 'locations:duplicate-mpn-id'],
    );
    assert.deepEqual(
      codes(parseRegistrationForm({ globalMpnId: 42, companyName: ['a'], domains: { a: 1 }, locations: null })),
      ['globalMpnId:invalid-mpn-id', 'companyName:company-name-required', 'domains:domains-required'],
    );
  });

  it('refuses personal mailbox domains, non-domains and too many domains or locations', () => {
    const personal = parseDomainList('litware.com, outlook.com');
    assert.ok(!personal.ok && personal.error.is('personal-domain') && personal.error.params.provider.length > 0);
    const notDomain = parseDomainList('litware');
    assert.ok(!notDomain.ok && notDomain.error.is('domain-invalid'));
    const many = parseDomainList(Array.from({ length: 11 }, (_, i) => `d${i}.example`).join(','));
    assert.ok(!many.ok && many.error.is('too-many-domains'));
    const locations = parseLocations(
      Array.from({ length: 51 }, (_, i) => `${6000000 + i} L${i}`).join('\n'),
      undefined,
    );
    assert.ok(!locations.ok && locations.error.is('too-many-locations'));
    const unnamed = parseLocations('6666667', '6666666');
    assert.ok(!unnamed.ok && unnamed.error.is('location-name-required'));
  });

  it("wants the requester's work e-mail at one of the domains registered", () => {
    assert.deepEqual(parseRequesterAddress('Allan.Deyoung@Litware.com', ['litware.com']), {
      ok: true,
      value: 'Allan.Deyoung@litware.com',
    });
    const other = parseRequesterAddress('allan@litware.onmicrosoft.com', ['litware.com']);
    assert.ok(!other.ok && other.error.is('requester-address-domain'));
    const none = parseRequesterAddress('allan', ['litware.com']);
    assert.ok(!none.ok && none.error.is('requester-address-invalid'));
  });

  it("keys a tenant's requests by tenant and number, and knows such ids from card data", () => {
    const id = registrationId(DEMO.litware.tenantId.toUpperCase(), 3);
    assert.equal(id, `${DEMO.litware.tenantId}:3`);
    assert.ok(isRegistrationId(id));
    for (const bad of ['', 'x:1', `${DEMO.litware.tenantId}:`, `${DEMO.litware.tenantId}:1/../2`, 7, undefined])
      assert.ok(!isRegistrationId(bad), String(bad));
  });

  it('decides a pending registration once: approve, or reject with a reason', () => {
    const pending = litwareRegistration('pending');
    const approved = decideRegistration(pending, { type: 'approve' }, REVIEWER, NOW);
    assert.ok(approved.ok);
    assert.equal(approved.value.status, 'approved');
    assert.deepEqual(approved.value.decidedBy, REVIEWER);
    const noReason = decideRegistration(pending, { type: 'reject', reason: ' \u200b ' }, REVIEWER, NOW);
    assert.ok(!noReason.ok && noReason.error.is('registration-reason-required'));
    const rejected = decideRegistration(pending, { type: 'reject', reason: ' Not the Account admin. ' }, REVIEWER, NOW);
    assert.ok(rejected.ok && rejected.value.reason === 'Not the Account admin.');
    const again = decideRegistration(approved.value, { type: 'reject', reason: 'too late' }, REVIEWER, NOW);
    assert.ok(
      !again.ok &&
        again.error.is('registration-decided') &&
        again.error.params.status === 'approved' &&
        again.error.params.by === 'Rhea Reviewer',
    );
  });

  it('creates the account with the requester as its first Account admin and one audit line', () => {
    const account = accountFromRegistration(litwareRegistration('approved'), REVIEWER, NOW);
    assert.equal(account.status, 'active');
    assert.deepEqual(account.users, [{ ...DEMO.litware.admin, roles: [{ role: 'account-admin' }] }]);
    assert.deepEqual(account.tenants, [{ tenantId: DEMO.litware.tenantId, domains: ['litware.com', 'litware.nl'] }]);
    assert.deepEqual(account.audit, [
      {
        at: NOW.toISOString(),
        action: 'registered',
        actor: REVIEWER,
        user: litwareRegistration().requester,
        registrationId: litwareRegistration().id,
      },
    ]);
  });
});

describe('people rules', () => {
  const contoso = demoAccounts()[0]!;
  const adele = DEMO.contoso.admin;
  const lee = DEMO.contoso.incentivesAdmin;
  const patti = {
    aadObjectId: `${DEMO.contoso.tenantId.slice(0, 8)}-0000-4000-8000-000000000005`,
    tenantId: DEMO.contoso.tenantId,
    displayName: 'Patti Fernandez',
    upn: 'patti.fernandez@contoso.com',
  };

  it('gives location-scoped roles the location chosen, every other role the whole account', () => {
    assert.deepEqual(
      assignmentsFor(['billing-admin', 'incentives-admin', 'referrals-user', 'incentives-admin'], '2222222'),
      [
        { role: 'incentives-admin', scopeMpnId: '2222222' },
        { role: 'referrals-user', scopeMpnId: '2222222' },
        { role: 'billing-admin' },
      ],
    );
  });

  it('lets only an Account admin change people, of their own organization only', () => {
    const byLee = changePeople(
      contoso,
      { type: 'add-user', person: patti, roles: [{ role: 'billing-admin' }] },
      lee,
      NOW,
    );
    assert.ok(!byLee.ok && byLee.error.is('not-account-admin'));
    const fabricamPerson = { ...DEMO.fabricam.user };
    const other = changePeople(
      contoso,
      { type: 'add-user', person: fabricamPerson, roles: [{ role: 'billing-admin' }] },
      adele,
      NOW,
    );
    assert.ok(!other.ok && other.error.is('user-other-tenant'));
    const added = changePeople(
      contoso,
      { type: 'add-user', person: patti, roles: [{ role: 'billing-admin' }] },
      adele,
      NOW,
    );
    assert.ok(added.ok);
    assert.deepEqual(added.value.entry, {
      at: NOW.toISOString(),
      action: 'user-added',
      actor: { aadObjectId: adele.aadObjectId, tenantId: adele.tenantId, displayName: adele.displayName },
      user: patti,
      roles: [{ role: 'billing-admin' }],
    });
    assert.equal(added.value.auditIndex, 0);
  });

  it('keeps an Account admin, and refuses roles and scopes that do not exist here', () => {
    const lastRemoved = changePeople(contoso, { type: 'remove-user', person: adele }, adele, NOW);
    assert.ok(!lastRemoved.ok && lastRemoved.error.is('last-account-admin'));
    const lastDemoted = changePeople(
      contoso,
      { type: 'set-roles', person: adele, roles: [{ role: 'account-admin', scopeMpnId: '2222222' }] },
      adele,
      NOW,
    );
    assert.ok(!lastDemoted.ok && lastDemoted.error.is('role-scope-invalid'));
    const noRoles = changePeople(contoso, { type: 'set-roles', person: lee, roles: [] }, adele, NOW);
    assert.ok(!noRoles.ok && noRoles.error.is('roles-required'));
    const wrongScope = changePeople(
      contoso,
      { type: 'set-roles', person: lee, roles: [{ role: 'incentives-admin', scopeMpnId: '4444444' }] },
      adele,
      NOW,
    );
    assert.ok(!wrongScope.ok && wrongScope.error.is('role-scope-invalid'));
    // With a second Account admin, the first may go.
    const promoted = changePeople(
      contoso,
      { type: 'set-roles', person: lee, roles: [{ role: 'account-admin' }] },
      adele,
      NOW,
    );
    assert.ok(promoted.ok);
    const gone = changePeople(promoted.value.account, { type: 'remove-user', person: adele }, adele, NOW);
    assert.ok(gone.ok);
    assert.deepEqual(
      gone.value.account.users.map((u) => u.displayName),
      ['Lee Gu', 'Pradeep Gupta'],
    );
    assert.deepEqual(
      gone.value.account.audit?.map((e) => e.action),
      ['user-roles-changed', 'user-removed'],
    );
  });

  it('adds a location once', () => {
    const added = changePeople(
      contoso,
      { type: 'add-location', location: { mpnId: '2222223', name: 'Contoso Redmond' } },
      adele,
      NOW,
    );
    assert.ok(added.ok);
    const twice = changePeople(
      added.value.account,
      { type: 'add-location', location: { mpnId: '2222223', name: 'Again' } },
      adele,
      NOW,
    );
    assert.ok(!twice.ok && twice.error.is('location-exists'));
    const global = changePeople(
      contoso,
      { type: 'add-location', location: { mpnId: '1111111', name: 'Itself' } },
      adele,
      NOW,
    );
    assert.ok(!global.ok && global.error.is('location-exists'));
  });
});
