/**
 * Validates a rendered Adaptive Card with the official `adaptivecards` SDK, targeting
 * schema 1.5 (what Teams renders). Returns every problem as a readable string; an empty
 * array means the card is valid. Usage: `assert.deepEqual(validateCard(card), [])`.
 *
 * The SDK's `lib/` build needs a DOM, so the bundled `dist/` build is loaded (it parses and
 * validates without rendering). Both parse events (unknown element types, invalid enum
 * values, properties newer than 1.5) and `validateProperties()` failures (missing required
 * properties, duplicate ids, …) are reported.
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
  readonly SerializationContext: new (version?: unknown) => { readonly eventCount: number; getEventAt(index: number): ValidationEvent };
  readonly Versions: { readonly v1_5: unknown };
  readonly ValidationEvent: Readonly<Record<number, string>>;
}

const sdk = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsSdk;

export const TARGET_VERSION = '1.5';

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  const describe = (where: string, e: ValidationEvent): string => `${where}: ${sdk.ValidationEvent[e.event] ?? String(e.event)}: ${e.message}`;

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
  return problems;
}
