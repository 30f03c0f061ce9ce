/**
 * OpenTelemetry through Azure Monitor (`@azure/monitor-opentelemetry`), loaded only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (bot/index.ts imports this module then and
 * only then). Spans come from the app's own units of work (turns, store commits, connector
 * calls); automatic instrumentations stay off, so nothing else reaches telemetry, and user
 * text never does. Every pino line written inside a span carries its trace and span id.
 */
import { useAzureMonitor, shutdownAzureMonitor } from '@azure/monitor-opentelemetry';
import { context, metrics, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Telemetry, TelemetryCounter } from '../services/telemetryPort.js';
import { APP_NAME, APP_VERSION } from './version.js';

export interface TelemetryOptions {
  readonly connectionString: string;
  /** Extra processors and readers (tests: OpenTelemetry's in-memory exporters). */
  readonly spanProcessors?: SpanProcessor[];
  readonly metricReaders?: MetricReader[];
  /** Extra CA certificate (PEM) for the ingestion endpoint (tests: a loopback HTTPS endpoint). */
  readonly ingestionCaPem?: string;
}

export interface StartedTelemetry {
  readonly telemetry: Telemetry;
  /** For pino's `mixin`: the active span's ids. */
  readonly logFields: () => Record<string, string>;
  /** Flushes what is buffered and stops (idempotent); resolves with why the last flush failed, if it did. */
  shutdown(): Promise<Error | undefined>;
}

const COUNTER_DESCRIPTIONS: Readonly<Record<TelemetryCounter, string>> = {
  'outbox.retries': 'Notification deliveries that will be tried again',
  'outbox.dead_letters': 'Notifications given up on after the maximum attempts',
  'connector.throttled':
    "Deliveries the Bot Connector still answered with 429 (Too Many Requests) after the client's own retries",
};

export function startTelemetry(options: TelemetryOptions): StartedTelemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString: options.connectionString,
      disableOfflineStorage: true,
      ...(options.ingestionCaPem !== undefined ? { tlsOptions: { ca: options.ingestionCaPem } } : {}),
    },
    // Only the app's own spans and metrics: no automatic HTTP, database or log collection.
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    // Every turn: a bot's volume is small, and a sampled-out decision would leave a gap.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    enableStandardMetrics: false,
    enablePerformanceCounters: false,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    ...(options.metricReaders ? { metricReaders: options.metricReaders } : {}),
  });
  const tracer = trace.getTracer(APP_NAME, APP_VERSION);
  const meter = metrics.getMeter(APP_NAME, APP_VERSION);
  const counters = Object.fromEntries(
    (Object.keys(COUNTER_DESCRIPTIONS) as TelemetryCounter[]).map((name) => [
      name,
      meter.createCounter(name, { description: COUNTER_DESCRIPTIONS[name] }),
    ]),
  ) as Record<TelemetryCounter, ReturnType<typeof meter.createCounter>>;

  const telemetry: Telemetry = {
    span: (name, attributes, work) =>
      tracer.startActiveSpan(name, { attributes: attributes }, async (span) => {
        try {
          return await work();
        } catch (err: unknown) {
          // The error's kind only: messages may carry user input.
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
          throw err;
        } finally {
          span.end();
        }
      }),
    count: (counter, attributes = {}) => counters[counter].add(1, attributes),
    gauge: (name, read) => {
      meter
        .createObservableGauge(name, { description: 'Notifications waiting to be delivered' })
        .addCallback(async (result) => {
          result.observe(await read());
        });
    },
  };

  let stopped: Promise<Error | undefined> | undefined;
  return {
    telemetry,
    logFields: (): Record<string, string> => {
      const active = trace.getActiveSpan()?.spanContext();
      return active ? { trace_id: active.traceId, span_id: active.spanId } : {};
    },
    shutdown: () =>
      (stopped ??= shutdownAzureMonitor()
        .then(
          () => undefined,
          // An ingestion endpoint that does not answer must not turn a clean stop into a crash: the caller logs it.
          (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
        )
        .finally(() => {
          // Leave no global provider behind (tests start the app several times in one process).
          trace.disable();
          metrics.disable();
          context.disable();
          propagation.disable();
        })),
  };
}
