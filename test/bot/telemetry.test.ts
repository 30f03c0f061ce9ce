/**
 * Telemetry through Azure Monitor (OpenTelemetry): the whole app over HTTP with
 * bot/azureMonitorTelemetry.ts started, OpenTelemetry's in-memory exporters beside the Azure Monitor
 * exporter, and a loopback ingestion endpoint as the connection string's IngestionEndpoint.
 * Spans per turn, store commit and connector call; counters for retries, dead letters and
 * 429s; the outbox depth; trace ids in the log; no user text anywhere; off when unset.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { startTelemetry, type StartedTelemetry } from '../../bot/azureMonitorTelemetry.js';
import { TestBot, inviteThroughChat, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { ROOT } from '../../scripts/package.js';
import { createSelfSignedTls } from '../emulators/tokenIssuer.js';

const adele: TeamsUser = {
  aadObjectId: DEMO.contoso.admin.aadObjectId,
  tenantId: DEMO.contoso.tenantId,
  name: 'Adele Vance',
};
const nestor: TeamsUser = {
  aadObjectId: DEMO.fabricam.admin.aadObjectId,
  tenantId: DEMO.fabricam.tenantId,
  name: 'Nestor Wilke',
};
const SECRET_TEXT = 'someone.private@gmail.com';

describe('telemetry (Azure Monitor through OpenTelemetry)', function () {
  this.timeout(60_000);
  let ingestion: Server;
  const envelopes: Array<{ name?: string; data?: { baseType?: string; baseData?: Record<string, unknown> } }> = [];
  const spans = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(spans);
  const tls = createSelfSignedTls();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  let reader: PeriodicExportingMetricReader;
  let started: StartedTelemetry;
  let bot: TestBot;

  before(async () => {
    ingestion = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body =
          req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
        try {
          const parsed: unknown = JSON.parse(body);
          envelopes.push(...((Array.isArray(parsed) ? parsed : [parsed]) as typeof envelopes));
        } catch {
          // One envelope per line (newline-delimited) is accepted too.
          for (const line of body.split('\n').filter(Boolean))
            envelopes.push(JSON.parse(line) as (typeof envelopes)[number]);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((done) => ingestion.listen(0, '127.0.0.1', done));
    const endpoint = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
    reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
    started = startTelemetry({
      connectionString: `InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=${endpoint}`,
      spanProcessors: [processor],
      metricReaders: [reader],
      ingestionCaPem: tls.cert,
    });
    bot = await TestBot.start({
      env: { LOG_LEVEL: 'info', OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_BASE_DELAY_MS: '1', OUTBOX_MAX_DELAY_MS: '2' },
      telemetry: started,
    });
  });

  after(async () => {
    await bot?.stop();
    await started?.shutdown();
    await new Promise<void>((done) => ingestion.close(() => done()));
  });

  const finished = (): ReadableSpan[] => spans.getFinishedSpans();
  const named = (name: string): ReadableSpan[] => finished().filter((s) => s.name === name);

  it('a span per turn with the activity type, card verb, tenant and correlation id; store commits and sends inside', async () => {
    await bot.install({ user: nestor });
    await bot.message(`check ${SECRET_TEXT}`, { user: adele });
    const mergeId = await inviteThroughChat(bot, adele);
    await bot.cardAction('merge.accept', { mergeId }, { user: nestor });
    await bot.settle();

    await processor.forceFlush();
    const turns = named('turn');
    assert.ok(turns.length >= 5, `${turns.length} turns`);
    const message = turns.find((s) => s.attributes['activity.type'] === 'message');
    assert.equal(message?.attributes['tenant.id'], DEMO.contoso.tenantId);
    assert.match(String(message?.attributes['correlation.id']), /\S{8,}/);
    const click = turns.find((s) => s.attributes['card.verb'] === 'merge.accept');
    assert.ok(click, 'the click names its verb');
    assert.equal(click.attributes['activity.name'], 'adaptiveCard/action');
    assert.equal(click.attributes['tenant.id'], DEMO.fabricam.tenantId);

    // The decision's commit is a child of the click's turn.
    const commits = named('store.commit');
    assert.ok(
      commits.some(
        (c) =>
          c.parentSpanContext?.spanId === click.spanContext().spanId &&
          String(c.attributes['store.records']).includes('merge'),
      ),
    );
    const sends = named('connector.send');
    assert.ok(sends.length > 0, 'proactive sends are spans');
    assert.ok(sends.every((s) => typeof s.attributes['tenant.id'] === 'string'));

    // Nothing a person typed or is called reaches telemetry.
    const everything = JSON.stringify(
      finished().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })),
    );
    for (const text of [SECRET_TEXT, 'gmail', 'Adele Vance', 'Nestor Wilke', '3333333 '])
      assert.ok(!everything.includes(text), `${text} is not in telemetry`);
  });

  it('puts the trace id of the turn into the log lines written inside it', () => {
    const click = named('turn').find((s) => s.attributes['card.verb'] === 'merge.accept');
    assert.ok(click);
    // The one line about the decision, written during the click.
    const decided = bot.logs.filter((l) => l.msg === 'merge decision applied');
    assert.ok(decided.length > 0);
    assert.ok(
      decided.some((l) => (l as { trace_id?: unknown }).trace_id === click.spanContext().traceId),
      'the decision is logged with the trace id of its turn',
    );
    const known = new Set(finished().map((s) => s.spanContext().traceId));
    for (const line of bot.logs.filter((l) => (l as { trace_id?: unknown }).trace_id !== undefined))
      assert.ok(
        known.has(String((line as { trace_id?: unknown }).trace_id)),
        'every trace id in the log is a recorded trace',
      );
  });

  it('counts retries, dead letters and 429s, and reports the outbox depth', async () => {
    // Adele cancels the open merge; the connector keeps answering 429 (beyond the client's own retries) until the
    // notifications are dead.
    bot.connector.failNext(
      (c) => c.kind === 'send' || c.kind === 'update' || c.kind === 'createConversation',
      { status: 429, retryAfterSeconds: 0 },
      200,
    );
    const open = await bot.app.store.merges.findOpenForAccount('1111111');
    assert.ok(open);
    await bot.cardAction('merge.cancel', { mergeId: open.id }, { user: adele });
    await bot.settle();
    assert.ok((await bot.app.store.outbox.count('dead')) >= 1, 'something was dead-lettered');
    await reader.forceFlush();
    const points = new Map<string, number>();
    for (const batch of metricExporter.getMetrics()) {
      for (const scope of batch.scopeMetrics) {
        for (const metric of scope.metrics) {
          for (const point of metric.dataPoints)
            points.set(metric.descriptor.name, Math.max(points.get(metric.descriptor.name) ?? 0, Number(point.value)));
        }
      }
    }
    assert.ok((points.get('connector.throttled') ?? 0) >= 1, `429s: ${JSON.stringify([...points])}`);
    assert.ok((points.get('outbox.retries') ?? 0) >= 1);
    assert.ok((points.get('outbox.dead_letters') ?? 0) >= 1);
    assert.ok(points.has('outbox.depth'));
  });

  it('exports spans and metrics to the ingestion endpoint of the connection string', async () => {
    assert.equal(await started.shutdown(), undefined, 'flushed without an error');
    const names = envelopes.map((e) => {
      const n = e.data?.baseData?.name ?? e.name;
      return typeof n === 'string' ? n : '';
    });
    assert.ok(envelopes.length > 0, 'the endpoint received telemetry');
    assert.ok(
      names.some((n) => n === 'turn'),
      `span envelopes: ${[...new Set(names)].slice(0, 20).join(', ')}`,
    );
    assert.ok(
      envelopes.some(
        (e) => e.data?.baseType === 'MetricData' && JSON.stringify(e.data.baseData).includes('outbox.depth'),
      ),
    );
    assert.ok(!JSON.stringify(envelopes).includes(SECRET_TEXT));
  });
});

describe('telemetry off', () => {
  it('is loaded only by the entry point, and only when the connection string is set', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    for (const file of ['bot', 'services', 'dialogs', 'cards'].flatMap(sources)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (file === join('bot', 'azureMonitorTelemetry.ts')) continue;
      assert.doesNotMatch(
        text,
        /from '@azure\/monitor-opentelemetry'|from '@opentelemetry\//,
        `${file} imports OpenTelemetry statically`,
      );
      assert.doesNotMatch(
        text,
        /^import .*from '\.\/azureMonitorTelemetry\.js'/m,
        `${file} imports bot/azureMonitorTelemetry.ts statically`,
      );
    }
    assert.match(
      readFileSync(join(ROOT, 'bot/index.ts'), 'utf8'),
      /config\.telemetry\.connectionString\s*\?\s*\(await import\('\.\/azureMonitorTelemetry\.js'\)\)/,
    );
  });
});
