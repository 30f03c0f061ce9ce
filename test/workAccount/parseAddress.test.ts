import assert from 'node:assert/strict';
import { parseAddress, type ParseErrorCode, type ParseResult } from '../../services/workAccount/parseAddress.js';

function ok(result: ParseResult): Extract<ParseResult, { ok: true }> {
  assert.ok(result.ok, `expected a valid address, got ${JSON.stringify(result)}`);
  return result;
}

describe('parseAddress', () => {
  it('parses an e-mail address, lower-casing the domain only', () => {
    const parsed = ok(parseAddress('  Jane.Doe@Contoso.COM  '));
    assert.equal(parsed.kind, 'email');
    assert.equal(parsed.address, 'Jane.Doe@contoso.com');
    assert.equal(parsed.domain, 'contoso.com');
    assert.equal(parsed.unicodeDomain, 'contoso.com');
  });

  it('parses a bare domain, with or without a trailing dot', () => {
    for (const input of ['contoso.com', 'CONTOSO.com.', 'sub.contoso.co.uk']) {
      const parsed = ok(parseAddress(input));
      assert.equal(parsed.kind, 'domain');
      assert.equal(parsed.address, undefined);
      assert.equal(parsed.domain, input.toLowerCase().replace(/\.$/, ''));
    }
  });

  it('converts IDN domains to punycode and keeps the Unicode form for display', () => {
    const parsed = ok(parseAddress('jürgen@Müller-Bau.de'));
    assert.equal(parsed.domain, 'xn--mller-bau-q9a.de');
    assert.equal(parsed.unicodeDomain, 'müller-bau.de');
    assert.equal(parsed.address, 'jürgen@xn--mller-bau-q9a.de');
    assert.equal(ok(parseAddress('例え.jp')).domain, 'xn--r8jz45g.jp');
    // Full-width characters and the ideographic full stop map to ASCII (UTS #46).
    assert.equal(ok(parseAddress('ｃｏｎｔｏｓｏ。com')).domain, 'contoso.com');
  });

  it('unwraps what chat clients and mail programs put around an address', () => {
    assert.equal(ok(parseAddress('<a href="mailto:you@contoso.com">you@contoso.com</a>')).address, 'you@contoso.com');
    assert.equal(ok(parseAddress('Jane Doe <jane@contoso.com>')).address, 'jane@contoso.com');
    assert.equal(ok(parseAddress('mailto:jane@contoso.com')).address, 'jane@contoso.com');
    const fromUrl = ok(parseAddress('https://www.Contoso.com/about'));
    assert.equal(fromUrl.kind, 'domain');
    assert.equal(fromUrl.domain, 'contoso.com');
  });

  it('accepts RFC 5322 local parts: dot-atoms with specials, and quoted strings', () => {
    assert.equal(ok(parseAddress("o'brien+partners@contoso.com")).address, "o'brien+partners@contoso.com");
    assert.equal(ok(parseAddress('"john smith"@contoso.com')).domain, 'contoso.com');
  });

  const invalid: ReadonlyArray<readonly [string, ParseErrorCode]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['contoso', 'single-label'],
    ['you@localhost', 'single-label'],
    ['a@b@contoso.com', 'multiple-at'],
    ['@contoso.com', 'invalid-local-part'],
    ['.you@contoso.com', 'invalid-local-part'],
    ['you..me@contoso.com', 'invalid-local-part'],
    [`${'a'.repeat(65)}@contoso.com`, 'invalid-local-part'],
    ['you@', 'invalid-domain'],
    ['you@-contoso.com', 'invalid-domain'],
    ['you@contoso-.com', 'invalid-domain'],
    ['you@cont_oso.com', 'invalid-domain'],
    ['you@contoso..com', 'invalid-domain'],
    ['contoso.123', 'invalid-domain'],
    ['contoso.c', 'invalid-domain'],
    ['hello world', 'invalid-domain'],
    ['###', 'invalid-domain'],
    [`${'a'.repeat(64)}.com`, 'invalid-domain'],
    ['you@[192.168.0.1]', 'ip-address'],
    ['10.0.0.1', 'ip-address'],
    ['x'.repeat(400), 'too-long'],
  ];
  for (const [input, error] of invalid) {
    it(`rejects ${JSON.stringify(input.length > 40 ? `${input.slice(0, 20)}…` : input)} as ${error}`, () => {
      assert.deepEqual(parseAddress(input), { ok: false, error });
    });
  }

  it('rejects addresses longer than 254 characters even when the parts are valid', () => {
    const label = 'a'.repeat(63);
    const domain = [label, label, label, 'com'].join('.');
    assert.equal(ok(parseAddress(domain)).domain, domain);
    assert.deepEqual(parseAddress(`${'b'.repeat(64)}@${domain}`), { ok: false, error: 'too-long' });
  });
});
