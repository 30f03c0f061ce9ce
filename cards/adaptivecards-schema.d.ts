// adaptivecards-templating's typings import `adaptivecards/src/schema`, which resolves to the
// adaptivecards package's TypeScript *sources* and fails our strict compile. We only use
// the templating engine, so that import is mapped (tsconfig `paths`) to this stub.
export type IAdaptiveCard = Record<string, unknown>;
declare const schema: unknown;
export default schema;
