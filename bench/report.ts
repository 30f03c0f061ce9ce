/** The benchmark figures and their Markdown report (docs/benchmarks.md). */
import { writeFile } from 'node:fs/promises';
import type { LoadResult } from './scenarios/http.js';
import type { FanoutResult, FanoutShape } from './scenarios/fanout.js';
import type { AzuriteOpCost } from './scenarios/azure.js';

export interface ProcessFigures extends Record<string, number> {
  readyMs: number;
  peakRssMb: number;
}

/** The decision run's notifications (one each): sent while it ran, and how long the rest took after. */
export interface NotificationDrain extends Record<string, number> {
  readonly decided: number;
  readonly sentDuring: number;
  readonly sent: number;
  readonly drainSeconds: number;
}

export interface Results {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAvgAtStart: number };
  mode: 'quick' | 'full';
  runs: number;
  connections: number;
  /** Each figure's `node`: the Node.js version its server ran on (absent in older results). */
  echo: { node?: string; message: LoadResult; process: ProcessFigures } | undefined;
  bot: Array<{
    node?: string;
    merges: number;
    conversations: number;
    commit: { appendMs: number; rewriteMs: number };
    help: LoadResult;
    refresh: LoadResult;
    decision: LoadResult;
    notifications?: NotificationDrain;
    process: ProcessFigures;
  }>;
  fanout: Array<{
    node?: string;
    shape: FanoutShape;
    result: FanoutResult;
    worst: { lost: number; duplicated: number };
  }>;
  /** STORE=azure on Azurite (absent in results written before the Azure backend). */
  azure: Array<{
    node?: string;
    merges: number;
    conversations: number;
    importSeconds: number;
    decision: LoadResult;
    notifications?: NotificationDrain;
    process: ProcessFigures;
  }>;
  /** The 1k-merge bot runs again with the V8 heap capped (absent in older results). */
  cappedHeap?:
    { merges: number; flag: string; help: LoadResult; decision: LoadResult; process: ProcessFigures } | undefined;
  /** Azurite's own cost per operation as its table grows. */
  azuriteOps: AzuriteOpCost[];
}

const f = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);
const met = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**');

export function targets(r: Results): Array<[string, string, string]> {
  const at = (merges: number): Results['bot'][number] | undefined => r.bot.find((b) => b.merges === merges);
  const echoRps = r.echo?.message.rps;
  const b10 = at(10_000);
  const b1 = at(1000);
  const b100 = at(100_000);
  const ratio = echoRps && b10 ? b10.decision.rps / echoRps : undefined;
  const growth = b1 && b100 ? b100.decision.p99 / b1.decision.p99 : undefined;
  const worstFan = r.fanout.length ? Math.max(...r.fanout.map((x) => x.result.ratio)) : undefined;
  const lossFree = r.fanout.length ? r.fanout.every((x) => x.worst.lost === 0 && x.worst.duplicated === 0) : undefined;
  const ready = r.bot.length ? Math.max(...r.bot.map((b) => b.process.readyMs)) : undefined;
  const rss = r.bot.length ? Math.max(...r.bot.map((b) => b.process.peakRssMb)) : undefined;
  const azureAt = (merges: number): Results['azure'][number] | undefined =>
    (r.azure ?? []).find((a) => a.merges === merges);
  const azureRow = (merges: number, rps: number, p99: number): [string, string, string] => {
    const a = azureAt(merges);
    return [
      `Azurite decisions ≥ ${rps}/s with p99 ≤ ${p99} ms (${merges.toLocaleString('en-US')} merges)`,
      a ? `${f(a.decision.rps, 1)}/s, p99 ${f(a.decision.p99)} ms` : 'n/a',
      met(a ? a.decision.rps >= rps && a.decision.p99 <= p99 : undefined),
    ];
  };
  return [
    [
      'Decision throughput ≥ 70% of echo message throughput (10k merges)',
      ratio === undefined ? 'n/a' : `${f(ratio * 100)}%`,
      met(ratio === undefined ? undefined : ratio >= 0.7),
    ],
    [
      'Decision p99 ≤ 25 ms at 10k merges',
      b10 ? `${f(b10.decision.p99)} ms` : 'n/a',
      met(b10 ? b10.decision.p99 <= 25 : undefined),
    ],
    [
      'Decision p99 at 100k ≤ 2× p99 at 1k',
      growth === undefined ? 'n/a' : `${f(growth, 1)}×`,
      met(growth === undefined ? undefined : growth <= 2),
    ],
    azureRow(1000, 95, 150),
    azureRow(10_000, 70, 200),
    [
      'Fan-out ≤ 1.1× theoretical minimum',
      worstFan === undefined ? 'n/a' : `${f(worstFan, 2)}×`,
      met(worstFan === undefined ? undefined : worstFan <= 1.1),
    ],
    [
      'Fan-out: zero lost, zero duplicated (every run)',
      lossFree === undefined ? 'n/a' : lossFree ? '0 / 0' : 'losses or duplicates',
      met(lossFree),
    ],
    [
      'Ready ≤ 1.5 s (worst store size)',
      ready === undefined ? 'n/a' : `${f(ready)} ms`,
      met(ready === undefined ? undefined : ready <= 1500),
    ],
    [
      'Peak RSS ≤ 200 MB (worst store size)',
      rss === undefined ? 'n/a' : `${f(rss)} MB`,
      met(rss === undefined ? undefined : rss <= 200),
    ],
  ];
}

export async function writeReport(file: string, r: Results): Promise<void> {
  // The Node a figure was measured on; results written before figures carried it say the run's.
  const nodeOf = (x: { node?: string }): string => x.node ?? r.machine.node;
  const lines: string[] = [];
  const push = (...l: string[]): void => void lines.push(...l);
  push(
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` on ${r.date.slice(0, 10)}; figures in [\`bench/results/latest.json\`](../bench/results/latest.json). ` +
      `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), Node ${r.machine.node}, loopback only, 1-minute load average ${r.machine.loadAvgAtStart} at the start (${r.machine.loadAvgAtStart < 0.6 ? 'a quiet machine' : 'other work shared the machine'}). Every figure is the median of ${r.runs} runs.`,
    '',
    '## Method',
    '',
    '- **Processes.** Each server under test runs in its own Node process (`bench/botProcess.ts`: the real `createApp` with a lowdb store ' +
      'pre-seeded on disk; `bench/echoBot.ts`: a bare botbuilder echo bot, CloudAdapter + restify, anonymous). The load generator ' +
      `(autocannon, ${r.connections} keep-alive connections) and a lean connector emulator (\`bench/teamsLimitedConnector.ts\`, answers every reply at once) share the orchestrator process. Both bots get the same connector.`,
    '- **Requests.** Teams-shaped activities (`teamsActivity` of the test harness), each with a new id: `help` messages (the reply goes ' +
      'through the connector); `merge.refresh` invokes on one existing merge; a stream of decisions, alternately `merge.accept` and ' +
      "`merge.reject` (with a reason), each on its own fresh invited merge, clicked by that merge's invited Account admin. A decision also " +
      "queues the initiator's notification, which the bot delivers in the background during the run (as in production).",
    "- **Data.** `bench/seed.ts` writes the store file directly in lowdb's format: N terminal merge requests (rejected / cancelled / expired) " +
      'between 1,000 historical accounts, 9,000 fresh invited merges (2 accounts each, an admin per account; more than a 5 s run decides at up to 1,800/s), and a conversation reference for each of those admins plus 1,000 people with no role (19,000).',
    '- **Fan-out** runs in-process: the real app graph (`createApp`: OutboxDispatcher, NotificationSender, RateLimiter at the default Teams ' +
      'limits, ProactiveMessenger over CloudAdapter) on the in-memory store, delivering `mergeText` outbox entries to the connector emulator ' +
      'enforcing per-thread 7/1 s, 8/2 s, 60/30 s and per-tenant 50/1 s, answering 429 with Retry-After beyond them. The theoretical minimum is ' +
      'the start time of the last send in the optimal schedule on the busiest tenant and the busiest thread (greedy sliding-window schedule).',
    '- **Process.** Both servers run compiled (`dist/`, built by the bench first) under plain `node`, as `npm start` runs the bot in production. Ready = wall time from spawn to listening (module loading and loading the store). Peak RSS = `process.resourceUsage().maxRSS` of the bot at the end of its run.',
    '',
    '## Targets',
    '',
    '| Target | Measured | |',
    '| --- | --- | --- |',
    ...targets(r).map(([t, m, s]) => `| ${t} | ${m} | ${s} |`),
    '',
    '## Baseline vs bot (HTTP, loopback)',
    '',
    '| Server | Node | Store | Request | req/s | p50 ms | p99 ms | errors | vs echo |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const echo = r.echo?.message.rps;
  if (r.echo)
    push(
      `| echo bot | ${nodeOf(r.echo)} | — | message | ${f(r.echo.message.rps)} | ${f(r.echo.message.p50)} | ${f(r.echo.message.p99)} | ${f(r.echo.message.errors)} | 100% |`,
    );
  for (const b of r.bot) {
    for (const [name, x] of [
      ['`help` message', b.help],
      ['`merge.refresh` invoke', b.refresh],
      ['decision invoke', b.decision],
    ] as const) {
      push(
        `| partner-merge-bot | ${nodeOf(b)} | ${b.merges.toLocaleString('en-US')} merges | ${name} | ${f(x.rps, x.rps < 10 ? 1 : 0)} | ${f(x.p50)} | ${f(x.p99)} | ${f(x.errors)} | ${echo ? `${f((x.rps / echo) * 100)}%` : 'n/a'} |`,
      );
    }
  }
  push(
    '',
    `## Growth: decision latency vs stored merges (lowdb, ${(r.bot[0]?.conversations ?? 10_000).toLocaleString('en-US')} conversations)`,
    '',
    '| Merges | decisions/s | p50 ms | p99 ms | commit (journal append) ms | full snapshot rewrite ms (old per-commit cost) | ready ms | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const b of r.bot)
    push(
      `| ${b.merges.toLocaleString('en-US')} | ${f(b.decision.rps, 1)} | ${f(b.decision.p50)} | ${f(b.decision.p99)} | ${f(b.commit.appendMs, 2)} | ${f(b.commit.rewriteMs)} | ${f(b.process.readyMs)} | ${f(b.process.peakRssMb)} |`,
    );
  const drains = r.bot.filter((b) => b.notifications !== undefined);
  if (drains.length > 0) {
    push(
      '',
      "Each decision sends one notification (the initiator's new card) through the outbox. The dispatcher yields to incoming requests, so under this saturating load part of them wait for the run to end; none is lost (the outbox holds them), and the rest go out right after:",
      '',
      '| Merges | decisions in the run | notifications sent during it | all sent, s after the run |',
      '| --- | --- | --- | --- |',
    );
    for (const b of drains)
      push(
        `| ${b.merges.toLocaleString('en-US')} | ${f(b.notifications?.decided)} | ${f(b.notifications?.sentDuring)} | ${f(b.notifications?.drainSeconds, 1)} |`,
      );
  }
  push(
    '',
    `## Growth on Azure Table Storage (Azurite, \`STORE=azure\`, ${(r.azure?.[0]?.conversations ?? 10_000).toLocaleString('en-US')} conversations)`,
    '',
  );
  const azure = r.azure ?? [];
  if (azure.length === 0) push('Not measured in this run (`npm run bench -- --only=azure`).');
  else {
    push(
      'Same decision stream against one bot process with `STORE=azure` on Azurite 3.35 (in-memory, loopback; a real storage account adds network round trips of a few ms). Each decision reads the store once (one `~gen` read for the turn: `Store.snapshot()`) and commits one entity-group transaction (decision, notifications and the clicked card); the notification goes through the Storage Queue. Each run waits until its notifications have gone out before the bot stops, so no run delivers the notifications of another. Ready includes loading the whole partition (pages of 1,000 entities).',
      '',
      '| Merges | Node | import s | decisions/s | p50 ms | p99 ms | errors | notifications sent during the run | all sent, s after | ready ms | peak RSS MB |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const a of azure) {
      const n = a.notifications;
      push(
        `| ${a.merges.toLocaleString('en-US')} | ${nodeOf(a)} | ${f(a.importSeconds, 1)} | ${f(a.decision.rps, 1)} | ${f(a.decision.p50)} | ${f(a.decision.p99)} | ${f(a.decision.errors)} | ${n ? `${f(n.sentDuring)} of ${f(n.decided)}` : 'n/a'} | ${n ? f(n.drainSeconds, 1) : 'n/a'} | ${f(a.process.readyMs)} | ${f(a.process.peakRssMb)} |`,
      );
    }
  }
  const ops = r.azuriteOps ?? [];
  if (ops.length > 0) {
    push(
      '',
      'What Azurite itself costs per operation as its table grows (one client, sequential, 800-character entities). Azurite keeps tables in an in-memory LokiJS database whose operations slow down with the number of entities stored; Azure Table Storage indexes by PartitionKey + RowKey, so these costs stay flat there. That is why the growth runs stop at 10k merges (about 34,500 entities) and why their decision rate falls with size: the bot makes the same requests per decision at every size (one `~gen` read and one entity-group transaction per click when nothing else changed; counted in `test/merge/clickReads.test.ts`), each request slower on a fuller Azurite.',
      '',
      '| Entities in Azurite | 98-entity batch ms | 2-entity batch ms | single upsert ms | point read ms |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const o of ops)
      push(
        `| ${o.entities.toLocaleString('en-US')} | ${f(o.batch98Ms, 1)} | ${f(o.batch2Ms, 1)} | ${f(o.upsertMs, 1)} | ${f(o.pointReadMs, 1)} |`,
      );
  }
  push(
    '',
    '## Notification fan-out',
    '',
    '| Notifications | Node | Tenants × people × per person | seconds | theoretical min s | ratio | 429s (retried by the connector client) | outbox retries | lost | duplicated |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const x of r.fanout) {
    const s = x.shape;
    push(
      `| ${x.result.notifications.toLocaleString('en-US')} | ${nodeOf(x)} | ${s.tenants} × ${s.recipientsPerTenant} × ${s.perRecipient} | ${f(x.result.seconds, 1)} | ${f(x.result.minimumSeconds, 1)} | ${f(x.result.ratio, 2)} | ${f(x.result.throttled429)} | ${f(x.result.retries)} | ${x.worst.lost} | ${x.worst.duplicated} |`,
    );
  }
  push('', '## Process', '', '| Server | Store | ready ms | peak RSS MB |', '| --- | --- | --- | --- |');
  if (r.echo) push(`| echo bot | — | ${f(r.echo.process.readyMs)} | ${f(r.echo.process.peakRssMb)} |`);
  for (const b of r.bot)
    push(
      `| partner-merge-bot | ${b.merges.toLocaleString('en-US')} merges | ${f(b.process.readyMs)} | ${f(b.process.peakRssMb)} |`,
    );
  const c = r.cappedHeap;
  if (c) {
    push(
      `| partner-merge-bot, \`${c.flag}\` | ${c.merges.toLocaleString('en-US')} merges | ${f(c.process.readyMs)} | ${f(c.process.peakRssMb)} |`,
      '',
      `With the heap capped the same load ran at ${f(c.help.rps)} \`help\`/s and ${f(c.decision.rps)} decisions/s (p99 ${f(c.decision.p99)} ms).`,
    );
  }
  push('', '## Notes on missed targets', '', NOTES, '');
  await writeFile(file, lines.join('\n'));
}

export const NOTES = `- **The click path (issue #19).** Decisions ran at 47% of the echo bot; with the deliveries competing they ran at ~90%. What it took, tried
  one change at a time with \`npm run bench:profile\` at 10k merges: (1) one ConnectorClient and UserTokenClient per service
  URL instead of two new HTTP pipelines per turn and per proactive send, one log line per decision, and no redraw of a card
  that already shows the decision (the clicked card, the card just sent): 540 → 630–710/s. (2) The outbox's due list is one
  pass over due times parsed once, instead of a sort of every pending entry per pass (costly behind a backlog). (3) lowdb
  group commit — commits that arrive during a file write go into the next one together, each checked against those before
  it: 630 → 1,060/s. Under load every click had waited in a queue of single-line writes (the bot's CPU was 8% idle).
- **Notifications under a saturating load.** People first: while the bot is answering requests, each delivery waits for a
  moment when none is in flight, at most \`OUTBOX_YIELD_MS\` (1 s). These runs never leave such a moment, so nearly all
  notifications go out right after the run (tables above: a few seconds); they are in the outbox, none is lost. At real click
  rates the wait is a few milliseconds. Without it the deliveries competed with the clicks: on lowdb about half went out
  during the run at ~90% of echo; on Azurite, where a delivery costs two to three times a decision's requests, the decision
  rate was ~20% lower (99.5 against 123.3/s at 1k merges, first runs, same machine).
- **Azurite runs fall from run to run.** Each run adds its decisions' outbox entries and card records to the table (~1,500
  entities), and Azurite's per-operation cost grows with what it stores (cost table): the three runs at 1k merges measured
  123, 107 and 100 decisions/s in one trial. The median is reported.
- **Azure backend on Azurite.** Decisions are limited by Azurite (one Node process holding the tables in LokiJS, sharing
  the 2 cores) rather than by the bot, which sends the same requests per decision at every size; the Azurite cost table
  shows why the figures fall with size. Per decision: the click reads the store once (one \`~gen\` read) and commits one
  transaction; its delivery claims and settles the entry (two transactions), reads the store once before the send and once
  after it, and records the card (one transaction). Before this issue: one \`~gen\` read per repository call and a redraw
  entry for every decision (48/s and 35/s at 1k and 10k merges on a quiet machine).
- **Fan-out ratio (missed: 1.15×, target 1.1×).** The minimum is computed for sends that burst 50 at the start of each 1 s window;
  the limiter paces a tenant evenly (one send per 20 ms) with a 30 ms margin, so 500 sends per tenant take 10 s against a 9 s
  minimum: 1.11× before any network time, the floor of even pacing. Bursting (tried with bursts of 5, 15 and 25) reached
  1.03–1.12× in the simulated schedule but drew 59–288 × 429 in real runs (the connector counts arrivals; sends started inside
  one window arrive in the next when the event loop is busy) and took longer (11.2–12.5 s). Zero 429s was kept over the ratio.
- **Ready time (missed at 100k only).** 1k and 10k are ready in ~1.2–1.3 s; at 100k the bot reads and indexes a ~70 MB store file
  (parse, freeze, indexes) before it listens. Fix for large data: the Azure backend pages (or a lowdb snapshot split per record kind
  loaded lazily).
- **Peak RSS (missed).** The bare echo bot alone peaks at ~220 MB under this load, above the 200 MB target: botbuilder's own
  floor. Most of the bot's peak is garbage the default V8 heap policy lets pile up on a machine with plenty of memory: the
  capped-heap row shows the same 1k load with \`--max-old-space-size=192\` (set it through \`NODE_OPTIONS\`, sized to the data: the
  lowdb store keeps every record in memory, ~0.5 GB of heap at 100k merges). Live data is what grows with merges.`;
