/**
 * The one typed render function for every card. Templates are JSON files in this folder,
 * each paired with a data interface (`cards/<name>.ts`). User-provided text is bound as
 * data, never spliced into the template, and is markdown-escaped first so a company name
 * or reason can never become a link, formatting, a DATE() function or extra card elements.
 * The bot's own catalog texts are not escaped.
 */
import * as ACData from 'adaptivecards-templating';
import { visibleText } from '../services/text.js';

export interface AdaptiveCardJson {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

declare const dataBrand: unique symbol;
/** A card template whose `${...}` expressions are bound to data of type T. */
export interface CardDefinition<T> {
  readonly name: string;
  readonly template: object;
  readonly [dataBrand]?: T;
}

export function defineCard<T>(name: string, template: object): CardDefinition<T> {
  return { name, template };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * What Teams' markdown subset interprets inside a TextBlock or fact: emphasis (`*`, `_`),
 * code (`` ` ``), links and images (`[...]`), HTML-ish tags (`<`, `>`), strikethrough (`~`),
 * DATE()/TIME() functions (`{{`), and the backslash itself. Ordinary punctuation (`.`, `-`,
 * `(`, `!`) is left alone: escaping it only shows stray backslashes in some clients.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>~]/g;
/** Block markup counts only at the start of a text: headings, quotes, list items. */
const BLOCK_START = /^(\s*)([#>+-]|\d+\.)/;

/** Escapes user text for TextBlock/FactSet values (which render markdown in Teams). */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(
      BLOCK_START,
      (_whole, space: string, mark: string) =>
        `${space}${mark.replace(/^(\d+)\.$/, '$1\\.').replace(/^([#>+-])$/, '\\$1')}`,
    );
}

/** User text for a card: normalised as it is stored (no invisible characters), capped, escaped. */
export function userText(value: string, maxLength = 500): string {
  const visible = visibleText(value);
  const trimmed = visible.length > maxLength ? `${visible.slice(0, maxLength - 1)}…` : visible;
  return escapeMarkdown(trimmed);
}

/**
 * Parsed templates, one per card definition. Parsing every `${...}` (an ANTLR parse each)
 * was about a third of the bot's CPU per decision; a Template is reusable (`expand` is
 * synchronous and builds a new payload each time), so it is parsed once, on first use.
 */
const parsed = new WeakMap<CardDefinition<object>, ACData.Template>();

function templateOf(card: CardDefinition<object>): ACData.Template {
  let template = parsed.get(card);
  if (template === undefined) {
    template = new ACData.Template(card.template);
    parsed.set(card, template);
  }
  return template;
}

export function renderCard<T extends object>(card: CardDefinition<T>, data: T): AdaptiveCardJson {
  const template = templateOf(card);
  // `$root` only: data is bound, never evaluated as template text.
  const expanded: unknown = template.expand({ $root: data });
  if (!isAdaptiveCard(expanded)) throw new Error(`card template ${card.name} did not expand to an AdaptiveCard`);
  return expanded;
}

export function cardAttachment(card: AdaptiveCardJson): { contentType: string; content: AdaptiveCardJson } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

function isAdaptiveCard(value: unknown): value is AdaptiveCardJson {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard';
}
