/**
 * Growth on the Azure backend: the same decision stream as the lowdb growth runs, against
 * a bot process with STORE=azure on Azurite (in-memory, loopback). The seed file's records
 * are imported into a fresh table (`importIntoAzure`, 98 per transaction); each run starts
 * a bot process (which loads the partition once) and loads it with decisions on fresh merges.
 */
import { randomBytes } from 'node:crypto';
import { TableClient, TableTransaction } from '@azure/data-tables';
import { readFile } from 'node:fs/promises';
import { importIntoAzure } from '../../services/store/azure/import.js';
import type { RecordArrays } from '../../services/store/indexedState.js';
import { startChild } from '../child.js';
import { decisions, drained, load, type LoadResult } from './http.js';
import type { SeedPlan } from '../seed.js';
import type { NotificationDrain, ProcessFigures } from '../report.js';
import type { TeamsLimitedConnector } from '../teamsLimitedConnector.js';
import { log } from '../stats.js';

export interface AzureGrowthOptions {
  readonly connectionString: string;
  readonly seedFile: string;
  readonly plan: SeedPlan;
  readonly merges: number;
  readonly runs: number;
  readonly seconds: number;
  readonly connections: number;
  /** The connector the bot notifies through (each decision sends one notification). */
  readonly connector: TeamsLimitedConnector;
}

export interface AzureGrowthRun {
  readonly decision: LoadResult;
  readonly notifications: NotificationDrain;
  readonly process: ProcessFigures;
}

export async function runAzureGrowth(
  options: AzureGrowthOptions,
): Promise<{ importSeconds: number; runs: AzureGrowthRun[] }> {
  const suffix = randomBytes(4).toString('hex');
  const names = {
    AZURE_TABLE_NAME: `bench${options.merges}x${suffix}`,
    AZURE_QUEUE_NAME: `bench-q-${suffix}`,
    AZURE_BLOB_CONTAINER: `bench-s-${suffix}`,
  };
  const data = JSON.parse(await readFile(options.seedFile, 'utf8')) as {
    accounts: RecordArrays['account'];
    merges: RecordArrays['merge'];
    conversations: RecordArrays['conversation'];
  };
  const started = performance.now();
  await importIntoAzure(
    { connectionString: options.connectionString, tableName: names.AZURE_TABLE_NAME },
    {
      account: data.accounts,
      merge: data.merges,
      conversation: data.conversations,
      sentCard: [],
      outbox: [],
      registration: [],
    },
  );
  const importSeconds = (performance.now() - started) / 1000;
  log(
    `azurite ${options.merges} merges: imported ${data.accounts.length + data.merges.length + data.conversations.length} records in ${importSeconds.toFixed(1)} s`,
  );
  const [, ...fresh] = options.plan.fresh;
  const cursor = { next: 0 };
  const runs: AzureGrowthRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const bot = await startChild('botProcess', {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: options.connectionString,
      ...names,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      NOTIFY_SERVICE_URL: options.connector.url,
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    // Warm-up second, then the measured run; both decide fresh merges.
    const first = cursor.next;
    const calls = options.connector.requests;
    await load(bot.url, decisions(options.connector.url, fresh, cursor), {
      connections: options.connections,
      durationS: 1,
    });
    const decision = await load(bot.url, decisions(options.connector.url, fresh, cursor), {
      connections: options.connections,
      durationS: options.seconds,
    });
    if (cursor.next >= fresh.length)
      log(`warning: ran out of fresh merges (${fresh.length}); later requests repeated a decision`);
    // The run's notifications go out before the bot stops, so the next run does not deliver them.
    const notifications = await drained(options.connector, calls, cursor.next - first);
    runs.push({
      decision,
      notifications,
      process: { readyMs: bot.readyMs, peakRssMb: (await bot.usage()).maxRssBytes / 2 ** 20 },
    });
    await bot.stop();
    log(
      `azurite ${options.merges} merges run ${r + 1}: decisions ${decision.rps.toFixed(1)}/s p50 ${decision.p50} ms p99 ${decision.p99} ms (notifications: ${notifications.sentDuring} of ${notifications.decided} during, all ${notifications.drainSeconds.toFixed(1)} s after), ready ${bot.readyMs.toFixed(0)} ms`,
    );
  }
  return { importSeconds, runs };
}

export interface AzuriteOpCost extends Record<string, number> {
  readonly entities: number;
  readonly batch98Ms: number;
  readonly batch2Ms: number;
  readonly upsertMs: number;
  readonly pointReadMs: number;
}

/**
 * What one Azurite operation costs as its table grows: Azurite keeps tables in an
 * in-memory LokiJS database whose per-operation cost grows with the entities it holds
 * (Azure Table Storage's does not), so the growth runs above are read against this.
 */
export async function azuriteOpCosts(connectionString: string, sizes: readonly number[]): Promise<AzuriteOpCost[]> {
  const client = TableClient.fromConnectionString(connectionString, `ops${randomBytes(4).toString('hex')}`, {
    allowInsecureConnection: true,
  });
  await client.createTable();
  const body = 'x'.repeat(800);
  const out: AzuriteOpCost[] = [];
  let n = 0;
  const timed = async (times: number, op: (i: number) => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < times; i++) await op(i);
    return (performance.now() - started) / times;
  };
  for (const entities of sizes) {
    const batches = Math.ceil((entities - n) / 98);
    const batch98Ms = await timed(batches, async () => {
      const tx = new TableTransaction();
      for (let i = 0; i < 98; i++)
        tx.createEntity({ partitionKey: 'domain', rowKey: `merge|${String(n++).padStart(9, '0')}`, d0: body });
      return client.submitTransaction(tx.actions);
    });
    const upsertMs = await timed(100, (i) =>
      client.upsertEntity({ partitionKey: 'domain', rowKey: `one|${entities}|${i}`, d0: body }, 'Replace'),
    );
    const batch2Ms = await timed(50, async (i) => {
      const tx = new TableTransaction();
      tx.upsertEntity({ partitionKey: 'domain', rowKey: `two|${entities}|${i}|a`, d0: body }, 'Replace');
      tx.upsertEntity({ partitionKey: 'domain', rowKey: `two|${entities}|${i}|b`, d0: body }, 'Replace');
      return client.submitTransaction(tx.actions);
    });
    const pointReadMs = await timed(100, (i) =>
      client.getEntity('domain', `merge|${String((i * 97) % n).padStart(9, '0')}`),
    );
    out.push({ entities: n, batch98Ms, batch2Ms, upsertMs, pointReadMs });
    log(
      `azurite with ${n} entities: 98-entity batch ${batch98Ms.toFixed(1)} ms, 2-entity batch ${batch2Ms.toFixed(1)} ms, upsert ${upsertMs.toFixed(1)} ms, point read ${pointReadMs.toFixed(1)} ms`,
    );
  }
  return out;
}
