/**
 * What the app tells an operator's telemetry, as a port: spans around units of work and
 * counters and gauges for the outbox. Attributes are ids, kinds and counts, never user text
 * or secrets. The default does nothing; bot/azureMonitorTelemetry.ts implements it with OpenTelemetry
 * (Azure Monitor) when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 */
export type TelemetryAttributes = Readonly<Record<string, string | number | boolean>>;

/** Counters: notification retries, dead letters, and 429s from the Bot Connector. */
export type TelemetryCounter = 'outbox.retries' | 'outbox.dead_letters' | 'connector.throttled';

export interface Telemetry {
  /** Runs `work` inside a span named `name`; the span ends with the work, marked failed if it throws. */
  span<T>(name: string, attributes: TelemetryAttributes, work: () => Promise<T>): Promise<T>;
  count(counter: TelemetryCounter, attributes?: TelemetryAttributes): void;
  /** A value read when metrics are collected (e.g. the outbox depth). */
  gauge(name: 'outbox.depth', read: () => Promise<number>): void;
}

export const NO_TELEMETRY: Telemetry = {
  span: (_name, _attributes, work) => work(),
  count: () => undefined,
  gauge: () => undefined,
};
