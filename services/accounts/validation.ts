/** Input validation shared by the merge flow and the account import. */
import { fail, ok, type Result } from '../errors.js';
import type { MpnId } from '../model.js';
import { hasVisibleContent, visibleText } from '../text.js';

export const MPN_ID_MIN_DIGITS = 6;
export const MPN_ID_MAX_DIGITS = 10;
const MPN_ID_PATTERN = new RegExp(`^[0-9]{${MPN_ID_MIN_DIGITS},${MPN_ID_MAX_DIGITS}}$`);

/** Whether a stored/imported value is a well-formed MPN ID (no trimming). */
export function isMpnId(value: string): boolean {
  return MPN_ID_PATTERN.test(value) && !/^0+$/.test(value);
}

/**
 * Parses what a user typed as an MPN ID: trimmed ASCII digits, 6–10 long, not all zeros.
 * Refuses `abc`, `-1`, `1e9`, `12 34`, 50-digit strings and the empty string.
 */
export function parseMpnId(input: unknown): Result<MpnId> {
  const raw = typeof input === 'number' && Number.isSafeInteger(input) ? String(input) : input;
  // "Partner ID 3333333", "MPN ID: 3333333", "partner-id 3333333": people type the name too.
  const text = typeof raw === 'string' ? raw.trim().replace(/^(?:partner|mpn)[\s-]?id\s*[:#]?\s*/i, '') : '';
  if (/^0+$/.test(text)) return fail('all-zero-mpn-id', { input: shorten(text) });
  if (!isMpnId(text))
    return fail('invalid-mpn-id', { input: shorten(typeof raw === 'string' ? raw.trim() : String(raw)) });
  return ok(text);
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Merge request ids (UUIDs here; any id-safe text up to 100 characters is accepted back from a card). */
export function isMergeId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(value);
}

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

export const REASON_MAX_LENGTH = 500;

/**
 * A reject reason as stored and shown: normalised (see services/text.ts), with at least
 * one letter or digit, 1..500 characters (counted as code points, so emoji count once).
 */
export function parseReason(input: unknown): Result<string> {
  const text = typeof input === 'string' ? visibleText(input) : '';
  const length = [...text].length;
  if (length === 0 || !hasVisibleContent(text)) return fail('reason-required', {});
  if (length > REASON_MAX_LENGTH) return fail('reason-too-long', { length, max: REASON_MAX_LENGTH });
  return ok(text);
}

/** Keeps echoed user input short in messages. */
function shorten(text: string, max = 40): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Identity key of a user or watcher: Entra object ids are unique only within a tenant. */
export function userKey(person: { readonly tenantId: string; readonly aadObjectId: string }): string {
  return `${person.tenantId.toLowerCase()}|${person.aadObjectId.toLowerCase()}`;
}

/** The entry of `people` that is `who` (same tenant and Entra object id, any case). */
export function findPerson<P extends { readonly tenantId: string; readonly aadObjectId: string }>(
  people: readonly P[],
  who: { readonly tenantId: string; readonly aadObjectId: string },
): P | undefined {
  const key = userKey(who);
  return people.find((p) => userKey(p) === key);
}
