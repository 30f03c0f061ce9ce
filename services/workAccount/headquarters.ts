/**
 * Headquarters vs regional domain. The article: with more than one valid business domain,
 * use the headquarters' one (`contoso.com`, not `contoso.uk`). Heuristic: domains of one
 * company share a brand label across suffixes (`contoso.com`, `contoso.co.uk`,
 * `contoso-nl.com`, `uk.contoso.com`); the headquarters domain is the one without a
 * regional marker (country TLD, `-nl` style suffix, regional subdomain), preferring a
 * generic TLD and `.com` among those. A domain without a marker is never told to move
 * (`contoso.net` next to `contoso.com` is fine), and when no global sibling exists we do
 * not guess.
 */
import { splitDomain, type DomainParts, type RegionMarker } from './domainParts.js';

export type HeadquartersAssessment =
  /** No other domain of the same brand is known, and the name has no regional marker. */
  | { readonly kind: 'single' }
  /** Only this domain is known and its name looks regional (`contoso-nl.com`). */
  | { readonly kind: 'regional-name'; readonly region: RegionMarker }
  /** This domain is the best headquarters candidate among its siblings. */
  | { readonly kind: 'headquarters'; readonly siblings: readonly string[] }
  /** A sibling without a regional marker exists: use it. */
  | {
      readonly kind: 'regional';
      readonly suggested: string;
      readonly region: RegionMarker | undefined;
      readonly siblings: readonly string[];
    }
  /** Several regional domains and no global one: the admin must pick the headquarters one. */
  | { readonly kind: 'ambiguous'; readonly siblings: readonly string[] };

/** Ranks global candidates: a generic TLD first, `.com` before other generic ones. */
function score(parts: DomainParts): number {
  return (parts.genericSuffix ? 2 : 0) + (parts.suffix === 'com' ? 1 : 0);
}

function isGlobal(parts: DomainParts): boolean {
  return parts.region === undefined && parts.subdomains.length === 0;
}

/**
 * @param domain lower-case ASCII domain being checked.
 * @param known other domains of the same organisation (e.g. its verified domains); any
 *   order, may include `domain` itself and unrelated brands, which are ignored.
 */
export function assessHeadquarters(domain: string, known: readonly string[]): HeadquartersAssessment {
  const self = splitDomain(domain);
  const siblings = [...new Set(known.map((d) => d.toLowerCase()))]
    .filter((d) => d !== self.domain && !d.endsWith('.onmicrosoft.com'))
    .map(splitDomain)
    .filter((p) => p.brand === self.brand);

  if (siblings.length === 0) {
    return self.region !== undefined && self.region.kind !== 'country-domain'
      ? { kind: 'regional-name', region: self.region }
      : { kind: 'single' };
  }
  const names = siblings.map((p) => p.domain).sort();
  if (isGlobal(self)) return { kind: 'headquarters', siblings: names };
  const best = siblings
    .filter(isGlobal)
    .sort((a, b) => score(b) - score(a) || a.domain.length - b.domain.length || a.domain.localeCompare(b.domain))[0];
  if (best === undefined) return { kind: 'ambiguous', siblings: names };
  return { kind: 'regional', suggested: best.domain, region: self.region, siblings: names };
}
