import assert from 'node:assert/strict';
import { splitDomain } from '../../services/workAccount/domainParts.js';
import { assessHeadquarters } from '../../services/workAccount/headquarters.js';

const CONTOSO = [
  'contoso.com',
  'contoso.uk',
  'contoso.co.uk',
  'contoso-nl.com',
  'uk.contoso.com',
  'contoso.onmicrosoft.com',
  'fabrikam.com',
];

describe('domain parts', () => {
  it('finds the brand under generic, country and country second-level suffixes', () => {
    assert.deepEqual(
      [
        'contoso.com',
        'contoso.co.uk',
        'contoso.com.au',
        'contoso.nl',
        'sales.contoso.de',
        'contoso-nl.com',
        'nl-contoso.com',
        'contoso.io',
      ].map((d) => {
        const p = splitDomain(d);
        return [p.brand, p.suffix, p.region?.kind ?? null, p.region?.code ?? null];
      }),
      [
        ['contoso', 'com', null, null],
        ['contoso', 'co.uk', 'country-domain', 'uk'],
        ['contoso', 'com.au', 'country-domain', 'au'],
        ['contoso', 'nl', 'country-domain', 'nl'],
        ['contoso', 'de', 'country-domain', 'de'],
        ['contoso', 'com', 'name-suffix', 'nl'],
        ['contoso', 'com', 'name-suffix', 'nl'],
        ['contoso', 'io', null, null],
      ],
    );
  });

  it('sees region words and regional subdomains, but not ordinary hyphenated names', () => {
    assert.deepEqual(splitDomain('contoso-emea.com').region, { kind: 'name-suffix', code: 'emea' });
    assert.deepEqual(splitDomain('uk.contoso.com').region, { kind: 'subdomain', code: 'uk' });
    assert.equal(splitDomain('blue-yonder.com').region, undefined);
    assert.equal(splitDomain('blue-yonder.com').brand, 'blue-yonder');
  });
});

describe('headquarters vs regional domain', () => {
  it('suggests the generic-TLD domain over country domains (the article: contoso.com, not contoso.uk)', () => {
    for (const regional of ['contoso.uk', 'contoso.co.uk', 'contoso-nl.com', 'uk.contoso.com']) {
      const result = assessHeadquarters(regional, CONTOSO);
      assert.equal(result.kind, 'regional', regional);
      assert.ok(result.kind === 'regional' && result.suggested === 'contoso.com', regional);
    }
  });

  it('names the regional marker and the sibling domains it compared with', () => {
    assert.deepEqual(assessHeadquarters('contoso-nl.com', CONTOSO), {
      kind: 'regional',
      suggested: 'contoso.com',
      region: { kind: 'name-suffix', code: 'nl' },
      siblings: ['contoso.co.uk', 'contoso.com', 'contoso.uk', 'uk.contoso.com'],
    });
  });

  it('recognises the headquarters domain itself, ignoring other brands and the initial onmicrosoft.com domain', () => {
    assert.deepEqual(assessHeadquarters('contoso.com', CONTOSO), {
      kind: 'headquarters',
      siblings: ['contoso-nl.com', 'contoso.co.uk', 'contoso.uk', 'uk.contoso.com'],
    });
  });

  it('prefers .com over other generic TLDs, but never moves a domain that has no regional marker', () => {
    assert.deepEqual(assessHeadquarters('contoso.de', ['contoso.net', 'contoso.com']), {
      kind: 'regional',
      suggested: 'contoso.com',
      region: { kind: 'country-domain', code: 'de' },
      siblings: ['contoso.com', 'contoso.net'],
    });
    assert.equal(assessHeadquarters('contoso.net', ['contoso.com']).kind, 'headquarters');
  });

  it('does not guess between country domains when no global one exists', () => {
    assert.deepEqual(assessHeadquarters('contoso.nl', ['contoso.be', 'contoso.de']), {
      kind: 'ambiguous',
      siblings: ['contoso.be', 'contoso.de'],
    });
  });

  it('treats a lone country domain as a company domain (a Dutch company may only have .nl)', () => {
    assert.deepEqual(assessHeadquarters('bakkerij-jansen.nl', []), { kind: 'single' });
    assert.deepEqual(assessHeadquarters('contoso.com', ['fabrikam.com']), { kind: 'single' });
  });

  it('flags a lone domain whose name itself looks regional', () => {
    assert.deepEqual(assessHeadquarters('contoso-uk.com', []), {
      kind: 'regional-name',
      region: { kind: 'name-suffix', code: 'uk' },
    });
  });
});
