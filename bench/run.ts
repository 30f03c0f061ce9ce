/**
 * `npm run bench [-- --quick] [-- --only=http,azure,fanout] [-- --report-only] [-- --no-build]`: the echo-bot baseline
 * and this bot
 * under the same loopback load, decision latency as the store grows (lowdb, and Azure Table
 * Storage on Azurite), notification fan-out
 * against Teams' limits, start-up time and peak RSS. Writes bench/results/latest.json and
 * docs/benchmarks.md. Each scenario runs RUNS times; the report shows medians.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildChildren, startChild } from './child.js';
import { TeamsLimitedConnector } from './teamsLimitedConnector.js';
import { writeSeedFile, type SeedPlan } from './seed.js';
import { cardAction, decisions, drained, load, message, type LoadResult } from './scenarios/http.js';
import { runFanout, type FanoutResult, type FanoutShape } from './scenarios/fanout.js';
import { azuriteOpCosts, runAzureGrowth } from './scenarios/azure.js';
import { startAzurite } from '../test/azure/azurite.js';
import { log, median, medianOf, round } from './stats.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';
import { put } from '../services/store/types.js';
import { writeReport, type NotificationDrain, type Results } from './report.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (name: string): boolean => only === undefined || only.includes(name);
const RUNS = quick ? 1 : 3;
const SIZES = quick ? [1000] : [1000, 10_000, 100_000];
const FRESH = quick ? 500 : 9000;
/**
 * At least 10k conversation references; more when the fresh merges' admins need them (2 per merge, plus 1,000
 * chatters).
 */
const CONVERSATIONS = Math.max(10_000, 2 * FRESH + 1000);
const CONNECTIONS = 8;
/** Azure growth sizes: Azurite itself slows down linearly with stored entities (see azuriteOpCosts). */
const AZURE_SIZES = quick ? [1000] : [1000, 10_000];
const AZURE_FRESH = quick ? 300 : 3000;
const AZURITE_OP_SIZES = quick ? [10_000] : [10_000, 30_000, 60_000];
const SECONDS = quick ? 2 : 5;

interface BotRun extends Record<string, number> {
  readyMs: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  if (args.includes('--report-only')) {
    // Redraws docs/benchmarks.md from the last full run's figures.
    const figures = JSON.parse(await readFile(join(ROOT, 'bench/results/latest.json'), 'utf8')) as Results;
    await writeReport(join(ROOT, 'docs/benchmarks.md'), figures);
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'pmb-bench-'));
  const connector = await new TeamsLimitedConnector().start();
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAvgAtStart: round(loadavg()[0] ?? 0, 2),
    },
    mode: quick ? 'quick' : 'full',
    runs: RUNS,
    connections: CONNECTIONS,
    echo: undefined,
    bot: [],
    fanout: [],
    azure: [],
    azuriteOps: [],
    cappedHeap: undefined,
  };
  try {
    if (wants('http')) {
      // The servers run compiled, as in production (`npm start`); see bench/child.ts.
      if (!args.includes('--no-build')) await buildChildren();
      const echoRuns: LoadResult[] = [];
      const echoProc: BotRun[] = [];
      for (let r = 0; r < RUNS; r++) {
        const echo = await startChild('echoBot', {});
        const chatters = [
          {
            aadObjectId: '9f0e8c7d-0000-4000-8000-00000000a001',
            tenantId: '9f0e8c7d-0000-4000-8000-000000000001',
            name: 'Echo',
          },
        ];
        await load(echo.url, message(connector.url, 'help', chatters), { connections: CONNECTIONS, durationS: 1 });
        echoRuns.push(
          await load(echo.url, message(connector.url, 'help', chatters), {
            connections: CONNECTIONS,
            durationS: SECONDS,
          }),
        );
        echoProc.push({ readyMs: echo.readyMs, peakRssMb: (await echo.usage()).maxRssBytes / 2 ** 20 });
        await echo.stop();
        log(`echo run ${r + 1}: ${echoRuns.at(-1)!.rps.toFixed(0)} req/s`);
      }
      results.echo = { node: process.version, message: medianOf(echoRuns), process: medianOf(echoProc) };

      for (const merges of SIZES) {
        const seedFile = join(work, `seed-${merges}.json`);
        const plan: SeedPlan = await writeSeedFile(seedFile, {
          merges,
          fresh: FRESH,
          conversations: CONVERSATIONS,
          serviceUrl: connector.url,
        });
        const commit = await commitCost(seedFile, join(work, `commit-${merges}`), plan);
        log(
          `store ${merges} merges: journal commit ${commit.appendMs} ms, full snapshot rewrite ${commit.rewriteMs} ms`,
        );
        const runs: BotLoad[] = [];
        for (let r = 0; r < RUNS; r++) runs.push(await loadBot(work, seedFile, plan, connector, `${merges}-${r}`));
        logRuns(`bot ${merges} merges`, runs);
        results.bot.push({
          node: process.version,
          merges,
          conversations: CONVERSATIONS,
          commit,
          help: medianOf(runs.map((x) => x.help)),
          refresh: medianOf(runs.map((x) => x.refresh)),
          decision: medianOf(runs.map((x) => x.decision)),
          notifications: medianOf(runs.map((x) => x.notifications)),
          process: medianOf(runs.map((x) => x.process)),
        });
        if (merges === 1000) {
          // The same runs with the V8 heap capped: how much of the peak RSS is garbage the
          // default heap policy lets pile up (see the notes).
          const capped: BotLoad[] = [];
          for (let r = 0; r < RUNS; r++)
            capped.push(await loadBot(work, seedFile, plan, connector, `capped-${r}`, [HEAP_CAP]));
          logRuns(`bot ${merges} merges ${HEAP_CAP}`, capped);
          results.cappedHeap = {
            merges,
            flag: HEAP_CAP,
            help: medianOf(capped.map((x) => x.help)),
            decision: medianOf(capped.map((x) => x.decision)),
            process: medianOf(capped.map((x) => x.process)),
          };
        }
      }
    }
    if (wants('azure')) {
      if (!args.includes('--no-build') && !wants('http')) await buildChildren();
      // Azurite's per-operation cost grows with what it stores (measured first, on its own
      // instance), so each growth size gets a fresh Azurite and 100k is left out.
      const costs = await startAzurite();
      try {
        results.azuriteOps = await azuriteOpCosts(costs.connectionString, AZURITE_OP_SIZES);
      } finally {
        await costs.stop();
      }
      for (const merges of AZURE_SIZES) {
        const azurite = await startAzurite();
        try {
          const seedFile = join(work, `seed-azure-${merges}.json`);
          // Fewer fresh merges than the lowdb runs: the Azurite runs decide tens per second, and
          // every extra entity slows Azurite down.
          const plan = await writeSeedFile(seedFile, {
            merges,
            fresh: AZURE_FRESH,
            conversations: 10_000,
            serviceUrl: connector.url,
          });
          const growth = await runAzureGrowth({
            connectionString: azurite.connectionString,
            seedFile,
            plan,
            merges,
            runs: RUNS,
            seconds: SECONDS,
            connections: CONNECTIONS,
            connector,
          });
          results.azure.push({
            node: process.version,
            merges,
            conversations: 10_000,
            importSeconds: round(growth.importSeconds, 1),
            decision: medianOf(growth.runs.map((x) => x.decision)),
            notifications: medianOf(growth.runs.map((x) => x.notifications)),
            process: medianOf(growth.runs.map((x) => x.process)),
          });
          await rm(seedFile, { force: true });
        } finally {
          await azurite.stop();
        }
      }
    }
    if (wants('fanout')) {
      const shapes: FanoutShape[] = quick
        ? [{ tenants: 2, recipientsPerTenant: 50, perRecipient: 10 }]
        : [
            { tenants: 2, recipientsPerTenant: 50, perRecipient: 10 },
            { tenants: 10, recipientsPerTenant: 100, perRecipient: 10 },
          ];
      for (const shape of shapes) {
        const runs: FanoutResult[] = [];
        for (let r = 0; r < RUNS; r++) {
          runs.push(await runFanout(shape));
          log(
            `fan-out ${runs.at(-1)!.notifications}: ${runs.at(-1)!.seconds.toFixed(1)} s (min ${runs.at(-1)!.minimumSeconds} s), 429s ${runs.at(-1)!.throttled429}, lost ${runs.at(-1)!.lost}, dup ${runs.at(-1)!.duplicated}`,
          );
        }
        results.fanout.push({
          node: process.version,
          shape,
          result: medianOf(runs),
          worst: { lost: Math.max(...runs.map((x) => x.lost)), duplicated: Math.max(...runs.map((x) => x.duplicated)) },
        });
      }
    }
  } finally {
    await connector.stop();
    await rm(work, { recursive: true, force: true });
  }
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  const name = quick ? 'quick.json' : 'latest.json';
  await writeFile(join(ROOT, 'bench/results', name), `${JSON.stringify(results, null, 2)}\n`);
  if (!quick && only === undefined) await writeReport(join(ROOT, 'docs/benchmarks.md'), results);
  log(`wrote bench/results/${name}${!quick && only === undefined ? ' and docs/benchmarks.md' : ''}`);
}

interface BotLoad {
  readonly help: LoadResult;
  readonly refresh: LoadResult;
  readonly decision: LoadResult;
  readonly notifications: NotificationDrain;
  readonly process: BotRun;
}

const HEAP_CAP = '--max-old-space-size=192';

/**
 * One bot process on a copy of the seed file: `help` messages, `merge.refresh` invokes, then
 * decisions on fresh merges, and how their notifications (one send each) kept up.
 */
async function loadBot(
  work: string,
  seedFile: string,
  plan: SeedPlan,
  connector: TeamsLimitedConnector,
  name: string,
  nodeFlags: readonly string[] = [],
): Promise<BotLoad> {
  const connectorUrl = connector.url;
  const dir = join(work, `bot-${name}`);
  await mkdir(dir, { recursive: true });
  await copyFile(seedFile, join(dir, 'partner-merge-bot.json'));
  const bot = await startChild(
    'botProcess',
    {
      STORE: 'lowdb',
      STORE_PATH: dir,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      NOTIFY_SERVICE_URL: connectorUrl,
      SHUTDOWN_TIMEOUT_MS: '20000',
    },
    nodeFlags,
  );
  try {
    const [target, ...rest] = plan.fresh;
    if (target === undefined) throw new Error('no fresh merge');
    await load(bot.url, message(connectorUrl, 'help', plan.chatters), { connections: CONNECTIONS, durationS: 1 });
    const help = await load(bot.url, message(connectorUrl, 'help', plan.chatters), {
      connections: CONNECTIONS,
      durationS: SECONDS,
    });
    const refreshBody = (): Record<string, unknown> =>
      cardAction(connectorUrl, 'merge.refresh', { mergeId: target.mergeId }, target.admin);
    const refresh = await load(bot.url, refreshBody, { connections: CONNECTIONS, durationS: SECONDS });
    const cursor = { next: 0 };
    const calls = connector.requests;
    const decision = await load(bot.url, decisions(connectorUrl, rest, cursor), {
      connections: CONNECTIONS,
      durationS: SECONDS,
    });
    if (cursor.next >= rest.length)
      log(`warning: ran out of fresh merges (${rest.length}); later requests repeated a decision`);
    const notifications = await drained(connector, calls, cursor.next);
    return {
      help,
      refresh,
      decision,
      notifications,
      process: { readyMs: bot.readyMs, peakRssMb: (await bot.usage()).maxRssBytes / 2 ** 20 },
    };
  } finally {
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function logRuns(what: string, runs: readonly BotLoad[]): void {
  for (const [r, x] of runs.entries()) {
    log(
      `${what} run ${r + 1}: help ${x.help.rps.toFixed(0)}/s, refresh ${x.refresh.rps.toFixed(0)}/s, decisions ${x.decision.rps.toFixed(1)}/s p99 ${x.decision.p99} ms (notifications: ${x.notifications.sentDuring} of ${x.notifications.decided} during, all ${x.notifications.drainSeconds.toFixed(1)} s after), ready ${x.process.readyMs.toFixed(0)} ms, peak RSS ${x.process.peakRssMb.toFixed(0)} MB`,
    );
  }
}

/**
 * The store's write path on its own, in this process: the median of 30 single-record
 * commits (journal append) against one full snapshot rewrite (what every commit cost
 * before the journal; measured as the compaction at close).
 */
async function commitCost(
  seedFile: string,
  dir: string,
  plan: SeedPlan,
): Promise<{ appendMs: number; rewriteMs: number }> {
  await mkdir(dir, { recursive: true });
  await copyFile(seedFile, join(dir, 'partner-merge-bot.json'));
  const store = await openLowdbStore({ path: dir });
  const times: number[] = [];
  for (const person of plan.chatters.slice(0, 30)) {
    const record = await store.conversations.get(person.tenantId, person.aadObjectId);
    if (record === undefined) continue;
    const t = performance.now();
    await store.commit([put('conversation', { ...record, updatedAt: new Date().toISOString() })]);
    times.push(performance.now() - t);
  }
  const t = performance.now();
  await store.close();
  const rewriteMs = performance.now() - t;
  await rm(dir, { recursive: true, force: true });
  return { appendMs: round(median(times), 2), rewriteMs: round(rewriteMs, 1) };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
