/**
 * Operator view of the notification outbox.
 *   npm run outbox -- list [--status dead|failed|parked|pending|sending|delivered] [--limit 50]
 *   npm run outbox -- retry <id> [<id> …]
 *   npm run outbox -- retry --status dead|failed|parked
 * Uses the configured store (STORE, STORE_PATH). The lowdb store is locked by a running
 * bot: stop it first (a running bot delivers requeued entries after its next start).
 * With STORE=azure it works beside running instances: `list` adds the work queue's depth
 * and the poison queue, `retry` queues the entries so a running instance sends them now.
 */
import { loadConfig } from '../bot/config.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';
import { openAzureStore } from '../services/store/azureStore.js';
import { openAzureQueue } from '../services/store/azureQueue.js';
import { withOutboxQueue, type OutboxQueue } from '../services/notify/outboxQueue.js';
import type { Store } from '../services/store/types.js';
import type { AppConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { pino } from 'pino';
import { OUTBOX_STATUSES, outboxSummary, retryOutbox } from '../services/notify/outboxAdmin.js';
import { StoreError } from '../services/errors.js';
import type { OutboxStatus } from '../services/model.js';

function usage(message?: string): never {
  if (message) console.error(`outbox: ${message}`);
  console.error('usage: npm run outbox -- list [--status S] [--limit N] | retry <id…> | retry --status dead|failed|parked');
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) usage(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function asStatus(value: string | undefined): OutboxStatus | undefined {
  if (value === undefined) return undefined;
  if (!(OUTBOX_STATUSES as readonly string[]).includes(value)) usage(`unknown status "${value}" (${OUTBOX_STATUSES.join(', ')})`);
  return value as OutboxStatus;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (config.store.kind === 'memory') usage('STORE=memory keeps nothing to inspect');
  let store: Store;
  let queue: OutboxQueue | undefined;
  try {
    ({ store, queue } = await open(config));
  } catch (err: unknown) {
    if (err instanceof StoreError) {
      console.error(`outbox: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  try {
    if (command === 'list') {
      const status = asStatus(option(args, '--status'));
      const limit = Number(option(args, '--limit') ?? '50');
      const counts = await outboxSummary(store);
      console.log(OUTBOX_STATUSES.map((s) => `${s}: ${counts[s]}`).join('  '));
      if (queue) {
        const poisoned = await queue.listPoison(limit);
        console.log(`work queue: ${await queue.depth()} message(s)  poison queue: ${poisoned.length}${poisoned.length >= limit ? '+' : ''}`);
        for (const p of poisoned) console.log(`poison    ${p.outboxId || '(not an outbox message)'}  received ${p.dequeueCount} times  at ${p.at}  ${p.reason}`);
      }
      for (const s of status ? [status] : (['dead', 'failed', 'parked', 'pending', 'sending'] as const)) {
        for (const e of await store.outbox.listByStatus(s, limit)) {
          const who = e.recipient ? `${e.recipient.displayName} (${e.recipient.role})` : '-';
          console.log(`${e.status.padEnd(9)} ${e.id}  ${e.kind}  ${who}  attempts=${e.attempts}  next=${e.nextAttemptAt}${e.lastError ? `  last error: ${e.lastError}` : ''}`);
        }
      }
    } else if (command === 'retry') {
      const status = asStatus(option(args, '--status'));
      if (!status && args.length === 0) usage('retry needs entry ids or --status');
      const report = await retryOutbox(store, status ? { status } : { ids: args }, new Date());
      console.log(`requeued ${report.requeued.length} entr${report.requeued.length === 1 ? 'y' : 'ies'}`);
      for (const s of report.skipped) console.log(`skipped ${s.id}: ${s.why}`);
    } else {
      usage(command ? `unknown command "${command}"` : undefined);
    }
  } finally {
    await store.close();
  }
}

async function open(config: AppConfig): Promise<{ store: Store; queue: OutboxQueue | undefined }> {
  if (config.store.kind !== 'azure') return { store: await openLowdbStore({ path: config.store.path }), queue: undefined };
  const connectionString = config.store.azureConnectionString ?? '';
  const store = await openAzureStore({ connectionString, tableName: config.store.azureNames.table });
  const queue = await openAzureQueue({ connectionString, queueName: config.store.azureNames.queue });
  // Retried entries get their queue message, as when a bot instance writes them.
  return { store: withOutboxQueue(store, queue, createLogger(config, pino.destination(2))), queue };
}

await main();
