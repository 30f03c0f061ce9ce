/**
 * Parses what an admin types when asked for a work e-mail address or a domain.
 * Accepts `you@contoso.com`, `contoso.com`, `<you@contoso.com>`, `mailto:` links, the HTML
 * anchor Teams makes of an auto-linked address, and a web address (`https://www.contoso.com/`).
 * Domains are normalised to lower-case ASCII (IDN → punycode, RFC 5891) so lookups compare
 * like with like; the Unicode form is kept for display.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

export type ParseErrorCode =
  'empty' | 'too-long' | 'multiple-at' | 'invalid-local-part' | 'ip-address' | 'single-label' | 'invalid-domain';

export interface ParsedAddress {
  readonly ok: true;
  readonly kind: 'email' | 'domain';
  /** `local@asciiDomain` for e-mail input; undefined for a bare domain. */
  readonly address: string | undefined;
  /** Lower-case ASCII (punycode) domain, no trailing dot. */
  readonly domain: string;
  /** The same domain for display (Unicode labels). */
  readonly unicodeDomain: string;
}

export interface ParseFailure {
  readonly ok: false;
  readonly error: ParseErrorCode;
}

export type ParseResult = ParsedAddress | ParseFailure;

/** RFC 5321: 254 octets for a whole path, 64 for a local part, 253 for a domain. */
const MAX_INPUT = 320;
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// RFC 5322 dot-atom (plus UTF-8 letters and digits, RFC 6531) or a quoted string.
const DOT_ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const QUOTED = /^"(?:[^"\\\r\n]|\\.)+"$/;
const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Strips the wrappers chat clients and mail programs put around an address. */
function unwrap(raw: string): string {
  let text = raw.trim();
  // Teams sends auto-linked text as `<a href="mailto:x">x</a>`: keep the visible text.
  const anchor = /^<a\b[^>]*>([\s\S]*?)<\/a>$/i.exec(text);
  if (anchor?.[1] !== undefined) text = anchor[1].trim();
  const angled = /<([^<>]+)>\s*$/.exec(text); // "Name <you@contoso.com>"
  if (angled?.[1] !== undefined) text = angled[1].trim();
  text = text.replace(/^mailto:/i, '');
  if (/^https?:\/\//i.test(text)) {
    try {
      text = new URL(text).hostname.replace(/^www\./, '');
    } catch {
      // Not a URL after all; validated as typed below.
    }
  }
  return text.trim();
}

function parseDomain(raw: string): { ascii: string } | { error: ParseErrorCode } {
  const typed = raw.replace(/\.$/, '');
  if (typed === '') return { error: 'invalid-domain' };
  if (/^\[.*\]$/.test(typed) || DOTTED_QUAD.test(typed)) return { error: 'ip-address' };
  if (/[\s/\\@:?#]/.test(typed)) return { error: 'invalid-domain' };
  // WHATWG domain-to-ASCII: lower-cases, maps full-width dots, converts IDN labels.
  const ascii = domainToASCII(typed).replace(/\.$/, '');
  if (ascii === '' || ascii.length > MAX_DOMAIN) return { error: 'invalid-domain' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { error: 'single-label' };
  if (!labels.every((label) => LDH_LABEL.test(label))) return { error: 'invalid-domain' };
  if (!TLD.test(labels[labels.length - 1] ?? '')) return { error: 'invalid-domain' };
  return { ascii };
}

export function parseAddress(input: string): ParseResult {
  if (input.length > MAX_INPUT * 4) return { ok: false, error: 'too-long' };
  const text = unwrap(input);
  if (text === '') return { ok: false, error: 'empty' };
  if (text.length > MAX_INPUT) return { ok: false, error: 'too-long' };

  const at = text.lastIndexOf('@');
  if (at === -1) {
    const domain = parseDomain(text);
    if ('error' in domain) return { ok: false, error: domain.error };
    return {
      ok: true,
      kind: 'domain',
      address: undefined,
      domain: domain.ascii,
      unicodeDomain: domainToUnicode(domain.ascii),
    };
  }

  const local = text.slice(0, at);
  const domainPart = text.slice(at + 1);
  if (!local.startsWith('"') && local.includes('@')) return { ok: false, error: 'multiple-at' };
  if (local === '' || local.length > MAX_LOCAL || !(DOT_ATOM.test(local) || QUOTED.test(local))) {
    return { ok: false, error: 'invalid-local-part' };
  }
  const domain = parseDomain(domainPart);
  if ('error' in domain) return { ok: false, error: domain.error };
  const address = `${local}@${domain.ascii}`;
  if (address.length > MAX_ADDRESS) return { ok: false, error: 'too-long' };
  return { ok: true, kind: 'email', address, domain: domain.ascii, unicodeDomain: domainToUnicode(domain.ascii) };
}
