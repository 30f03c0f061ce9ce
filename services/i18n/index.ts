/**
 * Localized text. `t(locale, key, params)` picks Dutch for `nl*` locales and falls back
 * to English for everything else. Parameters are substituted as plain text; callers that
 * put user-provided values into markdown-rendering places must escape them first.
 */
import { SUPPORTED_LANGUAGES, type Catalog, type Language } from './catalog.js';
import { core } from './catalogs/core.js';
import { merge } from './catalogs/merge.js';
import { workAccount } from './catalogs/workAccount.js';
import { workAccountCard } from './catalogs/workAccountCard.js';
import { mergeCards } from './catalogs/mergeCards.js';
import { mergeFlow } from './catalogs/mergeFlow.js';
import { notify } from './catalogs/notify.js';
import { watchers } from './catalogs/watchers.js';
import { registration } from './catalogs/registration.js';
import { people } from './catalogs/people.js';

// Register every feature catalog here (one line each).
const catalogs = [
  core,
  merge,
  workAccount,
  workAccountCard,
  mergeCards,
  mergeFlow,
  notify,
  watchers,
  registration,
  people,
] as const;

type KeysOf<C> = C extends Catalog<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof catalogs)[number]>;
export type { Language } from './catalog.js';
export { SUPPORTED_LANGUAGES } from './catalog.js';

const tables: Record<Language, Record<string, string>> = { en: {}, nl: {} };
for (const catalog of catalogs) {
  for (const lang of SUPPORTED_LANGUAGES) Object.assign(tables[lang], catalog[lang]);
}

export function languageOf(locale: string | undefined | null): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' ? 'nl' : 'en';
}

const DAY_FORMATS = {
  en: new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  nl: new Intl.DateTimeFormat('nl-NL', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }),
} as const;

/**
 * The one date format per language for texts and cards: "Tue, Dec 15, 2026" /
 * "di 15 dec 2026", the shape Adaptive Cards' DATE(…, SHORT) shows in Teams.
 */
export function formatDay(isoDateOrTime: string, locale: string | undefined | null): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoDateOrTime) ? `${isoDateOrTime}T00:00:00Z` : isoDateOrTime);
  return Number.isNaN(date.getTime()) ? isoDateOrTime : DAY_FORMATS[languageOf(locale)].format(date);
}

export type MessageParams = Readonly<Record<string, string | number>>;

export function t(locale: string | undefined | null, key: MessageKey, params: MessageParams = {}): string {
  const template = tables[languageOf(locale)][key] ?? tables.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** For tests: every key of every catalog, per language. */
export function catalogKeys(): Record<Language, string[]> {
  return { en: Object.keys(tables.en).sort(), nl: Object.keys(tables.nl).sort() };
}
