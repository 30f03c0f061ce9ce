/**
 * Free text people give the bot (a rejection reason, display names) as it will be shown:
 * NFC, without format characters (zero-width spaces and joiners, bidi controls, BOM,
 * soft hyphens: Unicode category Cf) and other invisible controls, whitespace collapsed
 * to single spaces, trimmed. Checks such as "a reason is required" run on this form, so
 * text made only of invisible characters counts as empty.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]/gu;

export function visibleText(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Whether the text says anything: at least one letter or digit once normalised. */
export function hasVisibleContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
