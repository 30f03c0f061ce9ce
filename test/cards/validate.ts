/**
 * Validates a rendered Adaptive Card with the official `adaptivecards` SDK, targeting
 * schema 1.5 (what Teams renders). Returns every problem as a readable string; an empty
 * array means the card is valid. Usage: `assert.deepEqual(validateCard(card), [])`.
 *
 * The SDK's `lib/` build needs a DOM, so the bundled `dist/` build is loaded (it parses and
 * validates without rendering). Both parse events (unknown element types, invalid enum
 * values, properties newer than 1.5) and `validateProperties()` failures (missing required
 * properties, duplicate ids, …) are reported; the one exception is Teams' people picker.
 */
import { createRequire } from 'node:module';

interface ValidationEvent {
  readonly phase: number;
  readonly event: number;
  readonly message: string;
}

interface AdaptiveCardsSdk {
  readonly AdaptiveCard: new () => {
    parse(json: unknown, context?: unknown): void;
    validateProperties(): { readonly validationEvents: readonly ValidationEvent[] };
  };
  readonly SerializationContext: new (version?: unknown) => {
    readonly eventCount: number;
    getEventAt(index: number): ValidationEvent;
  };
  readonly Versions: { readonly v1_5: unknown };
  readonly ValidationEvent: Readonly<Record<number, string>>;
}

const sdk = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsSdk;

export const TARGET_VERSION = '1.5';

/**
 * Teams' people picker is a Teams extension of Input.ChoiceSet (`choices.data` with a
 * `Data.Query` on one of Teams' datasets, and no static choices), documented by Teams for
 * cards of any version; the SDK knows `choices.data` only from schema 1.6. Exactly the two
 * events such a picker causes are accepted, once per picker; everything else stays an error.
 */
const TEAMS_PEOPLE_DATASETS = new Set(['graph.microsoft.com/users', 'graph.microsoft.com/users?scope=currentContext']);
const PICKER_EVENTS = [
  'parse: UnsupportedProperty: Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  'validate: CollectionCantBeEmpty: An Input.ChoiceSet must have at least one choice defined.',
];

function peoplePickers(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + peoplePickers(item), 0);
  if (typeof node !== 'object' || node === null) return 0;
  const o = node as Record<string, unknown>;
  const query = o['choices.data'] as { type?: unknown; dataset?: unknown } | undefined;
  const own =
    o.type === 'Input.ChoiceSet' &&
    query?.type === 'Data.Query' &&
    typeof query.dataset === 'string' &&
    TEAMS_PEOPLE_DATASETS.has(query.dataset) &&
    Array.isArray(o.choices) &&
    o.choices.length === 0
      ? 1
      : 0;
  return own + Object.values(o).reduce((n: number, value) => n + peoplePickers(value), 0);
}

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  const describe = (where: string, e: ValidationEvent): string =>
    `${where}: ${sdk.ValidationEvent[e.event] ?? String(e.event)}: ${e.message}`;

  if (typeof json !== 'object' || json === null) return ['card is not an object'];
  const { type, version } = json as { type?: unknown; version?: unknown };
  if (type !== 'AdaptiveCard') problems.push(`type is ${String(type)}, not AdaptiveCard`);
  if (version !== TARGET_VERSION) problems.push(`version is ${String(version)}, not ${TARGET_VERSION}`);
  // Unexpanded template expressions mean data was missing for a binding.
  const unbound = JSON.stringify(json).match(/\$\{[^}]*\}/g);
  if (unbound) problems.push(`unbound template expressions: ${[...new Set(unbound)].join(', ')}`);

  const card = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext(sdk.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(describe('parse', context.getEventAt(i)));
  for (const event of card.validateProperties().validationEvents) problems.push(describe('validate', event));
  const allowed = new Map(PICKER_EVENTS.map((message) => [message, peoplePickers(json)]));
  return problems.filter((problem) => {
    const left = allowed.get(problem) ?? 0;
    if (left === 0) return true;
    allowed.set(problem, left - 1);
    return false;
  });
}
