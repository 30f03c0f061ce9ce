/** Structural queries over rendered Adaptive Card JSON, for the card tests. */
import type { AdaptiveCardJson } from '../../cards/render.js';

export interface CardNode {
  readonly type?: string;
  readonly id?: string;
  readonly [key: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object below `value` (depth first, document order), `skip`ped properties left out. */
export function nodes(value: unknown, skip: readonly string[] = []): CardNode[] {
  const found: CardNode[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      found.push(v);
      for (const [key, child] of Object.entries(v)) if (!skip.includes(key)) visit(child);
    }
  };
  visit(value);
  return found;
}

export const ofType = (card: unknown, type: string, skip: readonly string[] = []): CardNode[] =>
  nodes(card, skip).filter((n) => n.type === type);

export const byId = (card: unknown, id: string): CardNode | undefined => nodes(card).find((n) => n.id === id);

/** The card's buttons, wherever they are (card actions, ActionSets, ShowCards); not the refresh action. */
export const executeActions = (card: AdaptiveCardJson): CardNode[] => ofType(card, 'Action.Execute', ['refresh']);

export interface TextBlockNode extends CardNode {
  readonly text: string;
  readonly wrap?: boolean;
  readonly color?: string;
}
export const textBlocks = (card: unknown): TextBlockNode[] => ofType(card, 'TextBlock') as TextBlockNode[];
export const texts = (card: unknown): string[] => textBlocks(card).map((b) => b.text);

export interface Fact {
  readonly title: string;
  readonly value: string;
}
export const facts = (card: unknown): Fact[] => ofType(card, 'FactSet').flatMap((f) => f.facts as Fact[]);
export const fact = (card: unknown, title: string): string | undefined =>
  facts(card).find((f) => f.title === title)?.value;

/** What the body shows, hidden parts included: every TextBlock's text and every fact's value. */
export const bodyTexts = (card: AdaptiveCardJson): string[] => [
  ...texts(card.body),
  ...facts(card.body).map((f) => f.value),
];

/** Every string value in the card (texts, fact titles and values, button titles, data). */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** The element tree as types and ids only: equal for cards that differ in text alone. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (!isObject(value)) return null;
  const children = Object.entries(value)
    .filter(([, child]) => typeof child === 'object' && child !== null)
    .map(([key, child]) => [key, shape(child)] as const);
  return { type: value.type, id: value.id, ...Object.fromEntries(children) };
}

/** A stand-in for Teams' card width: narrow column sets, short fact titles, wrapping text. */
export function widthProblems(card: unknown, maxFactTitle = 30): string[] {
  const problems: string[] = [];
  for (const set of ofType(card, 'ColumnSet')) {
    const columns = set.columns as unknown[];
    if (columns.length > 3) problems.push(`ColumnSet with ${columns.length} columns`);
  }
  for (const f of facts(card))
    if ([...f.title].length > maxFactTitle) problems.push(`fact title longer than ${maxFactTitle}: ${f.title}`);
  for (const block of textBlocks(card)) if (block.wrap !== true) problems.push(`TextBlock without wrap: ${block.text}`);
  return problems;
}

/** The Adaptive Card date/time functions as the renderers accept them (strict RFC 3339, no milliseconds). */
export const DATE_FUNCTION =
  /\{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})(?:, ?(?:COMPACT|LONG|SHORT))?\)\}\}/g;
export const TIME_FUNCTION = /\{\{TIME\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})\)\}\}/g;
