/**
 * Store operations.
 *   npm run store -- migrate --from ./data --to azure [--table pmbrecords]
 * Copies every record of the lowdb store at `--from` (a directory or .json file) into the
 * Azure table named by `--table` (default AZURE_TABLE_NAME, pmbrecords) of
 * AZURE_STORAGE_CONNECTION_STRING; pending notifications get their message on the outbox
 * queue (AZURE_QUEUE_NAME).
 * Idempotent: records already in the table are skipped, so it can run again after an
 * interruption. Stop the bot first (the lowdb file is locked while a bot runs). Dialog
 * state is not migrated: conversations in the middle of a dialog start over.
 */
import { loadConfig } from '../bot/config.js';
import { parseArgs } from 'node:util';
import { StoreError } from '../services/errors.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';
import { openAzureQueue } from '../services/store/azureQueue.js';
import { migrateToAzure } from '../services/store/azure/migrate.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function usage(message?: string): never {
  if (message) process.stderr.write(`store: ${message}\n`);
  process.stderr.write('usage: npm run store -- migrate --from <lowdb dir or file> --to azure [--table <name>]\n');
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, table: { type: 'string' } } });
  } catch (err: unknown) {
    usage((err as Error).message);
  }
  const [command] = parsed.positionals;
  if (command !== 'migrate') usage(command ? `unknown command "${command}"` : undefined);
  const from = parsed.values.from ?? usage('--from is required');
  if (parsed.values.to !== 'azure') usage('--to azure is required (the only target)');
  // The connection string and resource names come from the validated config (environment or .env).
  const config = loadConfig();
  const tableName = parsed.values.table ?? config.store.azureNames.table;
  const connectionString = config.store.azureConnectionString;
  if (!connectionString) usage('AZURE_STORAGE_CONNECTION_STRING is not set');
  let source;
  try {
    source = await openLowdbStore({ path: from });
  } catch (err: unknown) {
    if (err instanceof StoreError) {
      process.stderr.write(`store: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  try {
    const report = await migrateToAzure(source, { connectionString, tableName });
    out(`migrated ${from} -> azure table ${tableName}`);
    for (const [kind, c] of Object.entries(report.counts)) {
      out(`${kind.padEnd(12)} source=${report.source[kind as keyof typeof report.source]}  created=${c.created}  already there=${c.skipped}`);
    }
    // Notifications still to send get their work-queue message now, not at the first sweep.
    const open = [...(await source.outbox.listByStatus('pending')), ...(await source.outbox.listByStatus('sending'))];
    if (open.length > 0) {
      const queue = await openAzureQueue({ connectionString, queueName: config.store.azureNames.queue });
      await queue.send(open.map((e) => ({ outboxId: e.id, visibleAt: new Date(e.status === 'sending' ? (e.leaseUntil ?? e.nextAttemptAt) : e.nextAttemptAt) })));
      out(`queued ${open.length} notification(s) still to send on ${config.store.azureNames.queue}`);
    }
    if (report.conversationsNotFound > 0) {
      out(`${report.conversationsNotFound} conversation reference(s) of people outside every account were not copied; they are stored again on their next message`);
    }
  } finally {
    await source.close();
  }
}

await main();
