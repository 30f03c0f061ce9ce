import assert from 'node:assert/strict';
import { parseMpnId, parseReason } from '../../services/accounts/validation.js';
import {
  describeError,
  describeStatus,
  DomainError,
  isDomainError,
  type DomainErrorCode,
  type DomainErrorParamsByCode,
} from '../../services/errors.js';
import { catalogKeys } from '../../services/i18n/index.js';

/** One sample per code; the `satisfies` makes a new code without a sample a compile error. */
const SAMPLES = {
  'invalid-mpn-id': { input: 'abc' },
  'unknown-mpn-id': { mpnId: '9999999' },
  'location-mpn-id': { mpnId: '4444444', globalMpnId: '3333333', company: 'Fabricam' },
  'self-merge': { mpnId: '1111111' },
  'open-merge-exists': { mpnId: '3333333', company: 'Fabricam', mergeId: 'm-1', side: 'invited' },
  'not-account-admin': { mpnId: '1111111', company: 'Contoso' },
  'no-admin-account': {},
  'multiple-admin-accounts': { accounts: '1111111, 7777777' },
  'not-authorized': { action: 'accept' },
  'reason-required': {},
  'reason-too-long': { length: 501, max: 500 },
  'already-decided': { status: 'rejected', mergeId: 'm-1' },
  'not-accepted-yet': { mergeId: 'm-1' },
  'acknowledgement-required': { mergeId: 'm-1' },
  'all-zero-mpn-id': { input: '0000000' },
  'own-location': { mpnId: '3333333', company: 'Contoso', mergedOn: '2026-12-15T08:58:00.000Z' },
  'invitation-expired': { expiresAt: '2020-06-15', mergeId: 'm-1' },
  'not-due': { action: 'expire', mergeId: 'm-1' },
  'account-not-active': { mpnId: '3333333', mergedInto: '1111111' },
  'version-conflict': { kind: 'merge', id: 'm-1', expected: 1, actual: 2 },
  'merge-not-found': { mergeId: 'm-1' },
  'invalid-import': { problems: 3 },
  'watcher-exists': { name: 'Megan Bowen', company: 'Contoso' },
  'watcher-limit': { company: 'Contoso', max: 50 },
  'watcher-not-found': { company: 'Contoso' },
  'not-watching': { company: 'Contoso' },
  'invalid-person-address': { input: 'megan' },
  'person-not-found': { address: 'nobody@contoso.com', company: 'Contoso' },
  'people-lookup-unavailable': { address: 'megan.bowen@contoso.com' },
  'people-lookup-consent': {
    address: 'megan.bowen@contoso.com',
    consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c',
  },
  'company-name-required': {},
  'company-name-too-long': { max: 200 },
  'domains-required': {},
  'domain-invalid': { input: 'litware' },
  'too-many-domains': { max: 10 },
  'personal-domain': { domain: 'gmail.com', provider: 'Gmail' },
  'domain-other-tenant': { domain: 'contoso.com' },
  'domain-no-tenant': { domain: 'nowhere.example' },
  'domain-unverifiable': { domain: 'litware.com' },
  'location-line-invalid': { input: 'Amsterdam' },
  'location-name-required': { mpnId: '6000002' },
  'too-many-locations': { max: 50 },
  'duplicate-mpn-id': { mpnId: '6000001' },
  'mpn-id-taken': { mpnId: '1111111' },
  'requester-address-invalid': { input: 'allan' },
  'requester-address-domain': { address: 'allan@litware.onmicrosoft.com', domains: 'litware.com' },
  'tenant-has-account': { company: 'Contoso', mpnId: '1111111' },
  'registration-waiting': { company: 'Litware', mpnId: '6000001', createdAt: '2026-12-01T09:00:00.000Z' },
  'registration-limit': { max: 3, retryAt: '2026-12-02T09:00:00.000Z' },
  'registration-not-found': {},
  'registration-decided': { status: 'approved', by: 'Rhea Reviewer', decidedAt: '2026-12-01T10:00:00.000Z' },
  'not-reviewer': {},
  'registration-reason-required': {},
  'user-exists': { name: 'Lee Gu', company: 'Contoso' },
  'user-not-found': { company: 'Contoso' },
  'user-other-tenant': { name: 'Nestor Wilke' },
  'roles-required': {},
  'role-scope-invalid': { role: 'billing-admin', mpnId: '2222222' },
  'last-account-admin': { name: 'Adele Vance', company: 'Contoso' },
  'user-limit': { company: 'Contoso', max: 500 },
  'location-exists': { mpnId: '2222222', company: 'Contoso' },
  'location-limit': { company: 'Contoso', max: 500 },
} as const satisfies { [C in DomainErrorCode]: DomainErrorParamsByCode[C] };

function sample<C extends DomainErrorCode>(code: C): DomainError<C> {
  return new DomainError(code, SAMPLES[code]);
}

describe('domain errors', () => {
  it('every code has a filled-in English and Dutch message without leftover placeholders', () => {
    for (const code of Object.keys(SAMPLES) as DomainErrorCode[]) {
      const err = sample(code);
      const en = describeError(err, 'en-US');
      const nl = describeError(err, 'nl-NL');
      assert.doesNotMatch(en, /\{\w+\}|^merge\.error/, code);
      assert.doesNotMatch(nl, /\{\w+\}|^merge\.error/, code);
      assert.notEqual(en, nl, `${code} is not translated`);
      assert.equal(err.message, en, 'the log message is the English text');
      assert.ok(isDomainError(err));
    }
    const keys = catalogKeys();
    assert.deepEqual(
      keys.en.filter((k) => k.startsWith('merge.')),
      keys.nl.filter((k) => k.startsWith('merge.')),
    );
  });

  it('speaks Dutch to Dutch users, status words included', () => {
    assert.equal(
      describeError(sample('location-mpn-id'), 'nl'),
      '4444444 is een locatie-Partner-ID van Fabricam. Voor samenvoegen is de wereldwijde Partner-ID (MPN-ID) nodig: gebruik 3333333.',
    );
    assert.equal(
      describeError(sample('already-decided'), 'nl-BE'),
      'Deze samenvoegingsaanvraag is al afgewezen. Er is niets gewijzigd.',
    );
    assert.equal(
      describeError(sample('reason-required'), 'nl'),
      'Geef een reden op voor het afwijzen van de samenvoeging. Het uitnodigende bedrijf ziet deze reden.',
    );
    assert.equal(describeStatus('completed', 'nl'), 'voltooid');
    assert.equal(
      describeError(sample('already-decided'), 'fr'),
      'This merge request is already rejected. Nothing was changed.',
    );
  });

  it('narrows by code', () => {
    const err: DomainError = sample('reason-too-long');
    assert.ok(err.is('reason-too-long'));
    assert.equal(err.params.max, 500);
    assert.ok(!err.is('reason-required'));
  });
});

describe('input validation', () => {
  it('parses MPN IDs: trimmed ASCII digits, 6 to 10 long', () => {
    assert.deepEqual(parseMpnId(' 1111111\n'), { ok: true, value: '1111111' });
    assert.deepEqual(parseMpnId(3333333), { ok: true, value: '3333333' });
    assert.deepEqual(parseMpnId('123456'), { ok: true, value: '123456' });
    assert.deepEqual(parseMpnId('1234567890'), { ok: true, value: '1234567890' });
    for (const bad of [
      'abc',
      '-1',
      '1e9',
      '+1111111',
      '1111111.0',
      '12345',
      '12345678901',
      '',
      '١١١١١١١',
      undefined,
      {},
      Number.MAX_VALUE,
    ]) {
      const r = parseMpnId(bad);
      assert.ok(!r.ok && r.error.code === 'invalid-mpn-id', `accepted ${JSON.stringify(bad) ?? 'undefined'}`);
    }
    // All zeros has its own answer (it is the right length, but never a Partner ID).
    for (const zeros of ['0000000', '000000', ' 0000000000 ', '00000']) {
      const r = parseMpnId(zeros);
      assert.ok(!r.ok && r.error.code === 'all-zero-mpn-id', `accepted ${zeros}`);
    }
  });

  it('parses reasons: trimmed, required, at most 500 characters', () => {
    assert.deepEqual(parseReason('  ok  '), { ok: true, value: 'ok' });
    const tooLong = parseReason('é'.repeat(501));
    assert.ok(!tooLong.ok && tooLong.error.is('reason-too-long'));
    assert.deepEqual(tooLong.error.params, { length: 501, max: 500 });
    const missing = parseReason(undefined);
    assert.ok(!missing.ok && missing.error.code === 'reason-required');
  });
});

describe('Partner ID wording in typed input', () => {
  it('understands "Partner ID" and "MPN ID" before the number', () => {
    for (const typed of [
      'Partner ID 3333333',
      'partner-id: 3333333',
      'MPN ID 3333333',
      'mpnid #3333333',
      ' 3333333 ',
    ]) {
      assert.deepEqual(parseMpnId(typed), { ok: true, value: '3333333' }, typed);
    }
    assert.equal(parseMpnId('Partner ID abc').ok, false);
  });
});
