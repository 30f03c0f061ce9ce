/**
 * `npm run bench:profile [-- --no-build]`: the bench's HTTP run for one store size (10k
 * merges) in under a minute, to try a change to the click path before the full
 * `npm run bench`: the echo baseline, then one bot with `help`, `merge.refresh` and
 * decisions, and how many of the decisions' notifications went out during the run. Set
 * BENCH_CPU_PROF=<dir> for V8 CPU profiles of both servers, BENCH_STDOUT=<file> to keep
 * the bot's log. Not a report: the full bench's medians are.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChildren, startChild } from './child.js';
import { TeamsLimitedConnector } from './teamsLimitedConnector.js';
import { writeSeedFile } from './seed.js';
import { cardAction, decisions, drained, load, message, type LoadResult } from './scenarios/http.js';
import { log } from './stats.js';

const CONNECTIONS = 8;
const SECONDS = 5;
const show = (what: string, r: LoadResult): void =>
  log(`${what}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);

async function main(): Promise<void> {
  log(`load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  if (!process.argv.includes('--no-build')) await buildChildren();
  const work = await mkdtemp(join(tmpdir(), 'pmb-profile-'));
  const connector = await new TeamsLimitedConnector().start();
  try {
    const echo = await startChild('echoBot', {});
    const chatter = [
      {
        aadObjectId: '9f0e8c7d-0000-4000-8000-00000000a001',
        tenantId: '9f0e8c7d-0000-4000-8000-000000000001',
        name: 'Echo',
      },
    ];
    await load(echo.url, message(connector.url, 'help', chatter), { connections: CONNECTIONS, durationS: 1 });
    const baseline = await load(echo.url, message(connector.url, 'help', chatter), {
      connections: CONNECTIONS,
      durationS: SECONDS,
    });
    show('echo', baseline);
    await echo.stop();

    const plan = await writeSeedFile(join(work, 'bot/partner-merge-bot.json'), {
      merges: 10_000,
      fresh: 9000,
      conversations: 19_000,
      serviceUrl: connector.url,
    });
    const bot = await startChild('botProcess', {
      STORE: 'lowdb',
      STORE_PATH: join(work, 'bot'),
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      NOTIFY_SERVICE_URL: connector.url,
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    try {
      const [target, ...rest] = plan.fresh;
      if (target === undefined) throw new Error('no fresh merge');
      await load(bot.url, message(connector.url, 'help', plan.chatters), { connections: CONNECTIONS, durationS: 1 });
      show(
        'help',
        await load(bot.url, message(connector.url, 'help', plan.chatters), {
          connections: CONNECTIONS,
          durationS: SECONDS,
        }),
      );
      show(
        'refresh',
        await load(
          bot.url,
          () => cardAction(connector.url, 'merge.refresh', { mergeId: target.mergeId }, target.admin),
          { connections: CONNECTIONS, durationS: SECONDS },
        ),
      );
      const cursor = { next: 0 };
      const calls = connector.requests;
      const decided = await load(bot.url, decisions(connector.url, rest, cursor), {
        connections: CONNECTIONS,
        durationS: SECONDS,
      });
      const notified = await drained(connector, calls, cursor.next);
      show('decisions', decided);
      log(
        `decisions: ${((100 * decided.rps) / baseline.rps).toFixed(0)}% of echo; ${notified.sentDuring} of ${notified.decided} notifications sent during the run, ${notified.sent} ${notified.drainSeconds.toFixed(1)} s after it`,
      );
    } finally {
      await bot.stop();
    }
  } finally {
    await connector.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:profile failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
