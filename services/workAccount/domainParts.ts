/**
 * Splits an ASCII domain into subdomain labels, the brand label and the public suffix,
 * and spots regional markers. A full Public Suffix List is deliberately not shipped:
 * the checks only need "which label is the company" and "is this a country domain",
 * and country second-level registries (`co.uk`, `com.au`) follow one simple pattern.
 */

/** ISO 3166-1 alpha-2 codes, plus `uk` and `eu` which are used as ccTLDs. */
const COUNTRY_CODES = new Set(
  (
    'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ' +
    'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ' +
    'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ' +
    'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt ' +
    'mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw ' +
    'sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug ' +
    'um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw uk eu'
  ).split(' '),
);

/** Region words companies put in domain names besides country codes. */
const REGION_WORDS = new Set([
  'emea',
  'apac',
  'latam',
  'amer',
  'americas',
  'europe',
  'asia',
  'benelux',
  'dach',
  'nordic',
  'nordics',
  'mea',
  'anz',
]);

/** TLDs (and a few ccTLDs) used by companies worldwide rather than for one country. */
const GENERIC_TLDS = new Set([
  'com',
  'net',
  'org',
  'biz',
  'info',
  'io',
  'co',
  'ai',
  'app',
  'dev',
  'cloud',
  'tech',
  'global',
  'group',
  'company',
  'inc',
  'ltd',
  'llc',
  'solutions',
  'services',
  'systems',
  'digital',
  'online',
  'site',
  'world',
  'consulting',
  'software',
]);

/** Second-level labels that country registries sell under (`co.uk`, `com.au`, `or.jp`). */
const COUNTRY_SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'ac',
  'gov',
  'edu',
  'ltd',
  'plc',
  'ne',
  'or',
  'gv',
  'go',
  'gob',
  'nom',
  'biz',
  'info',
]);

export interface DomainParts {
  readonly domain: string;
  /** Labels left of the brand (`sales` in `sales.contoso.com`). */
  readonly subdomains: readonly string[];
  /** The label the company registered (`contoso-nl` in `contoso-nl.com`). */
  readonly label: string;
  /** `label` without a regional prefix or suffix (`contoso`). */
  readonly brand: string;
  /** `com`, `co.uk`, `nl`, … */
  readonly suffix: string;
  readonly genericSuffix: boolean;
  /** Why the domain looks regional, if it does. */
  readonly region: RegionMarker | undefined;
}

export type RegionMarker =
  | { readonly kind: 'country-domain'; readonly code: string }
  | { readonly kind: 'name-suffix'; readonly code: string }
  | { readonly kind: 'subdomain'; readonly code: string };

export function isRegionCode(value: string): boolean {
  return COUNTRY_CODES.has(value) || REGION_WORDS.has(value);
}

export function splitDomain(domain: string): DomainParts {
  const labels = domain.toLowerCase().split('.');
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2];
  const countrySecondLevel =
    labels.length >= 3 && tld.length === 2 && second !== undefined && COUNTRY_SECOND_LEVEL.has(second);
  const suffixLength = countrySecondLevel ? 2 : 1;
  const suffix = labels.slice(-suffixLength).join('.');
  const label = labels[labels.length - suffixLength - 1] ?? '';
  const subdomains = labels.slice(0, Math.max(0, labels.length - suffixLength - 1));
  const genericSuffix = suffixLength === 1 && GENERIC_TLDS.has(tld);

  let brand = label;
  let region: RegionMarker | undefined;
  const affix = /^(.+)-([a-z]+)$/.exec(label) ?? /^([a-z]+)-(.+)$/.exec(label);
  if (affix?.[1] !== undefined && affix[2] !== undefined) {
    // `contoso-nl` or `nl-contoso`: the region part is whichever side is a region code.
    const [, left, right] = affix;
    if (isRegionCode(right)) {
      brand = left;
      region = { kind: 'name-suffix', code: right };
    } else if (isRegionCode(left)) {
      brand = right;
      region = { kind: 'name-suffix', code: left };
    }
  }
  const regionalSub = subdomains.find((sub) => isRegionCode(sub));
  if (region === undefined && regionalSub !== undefined) region = { kind: 'subdomain', code: regionalSub };
  if (region === undefined && !genericSuffix && COUNTRY_CODES.has(tld)) region = { kind: 'country-domain', code: tld };
  return { domain, subdomains, label, brand, suffix, genericSuffix, region };
}

/** `contoso.co.uk` → `contoso.co.uk`; `mail.contoso.co.uk` → `contoso.co.uk`. */
export function registrableDomain(parts: DomainParts): string {
  return `${parts.label}.${parts.suffix}`;
}
