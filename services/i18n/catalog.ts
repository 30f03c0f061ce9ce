/**
 * Message catalogs: every user-facing string exists in English and Dutch (the source
 * articles are Dutch). A catalog is defined per feature area so areas do not collide;
 * the Dutch half must have exactly the English keys (checked by the type system and
 * by test/i18n.test.ts).
 */
export const SUPPORTED_LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export interface Catalog<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly nl: Readonly<Record<K, string>>;
}

export function defineCatalog<K extends string>(catalog: {
  en: Record<K, string>;
  nl: NoInfer<Record<K, string>>;
}): Catalog<K> {
  return catalog;
}
