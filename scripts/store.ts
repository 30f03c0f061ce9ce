/**
 * Store operations.
 *   npm run store -- migrate --from ./data --to azure [--table pmbrecords] [--env NAME]
 * Copies every record of the lowdb store at `--from` (a directory or .json file) into the
 * Azure table named by `--table` (default AZURE_TABLE_NAME, pmbrecords) of the configured
 * Azure Storage account: AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_NAME (or
 * `--env dev`) with the operator's Entra sign-in where shared keys are disabled. Pending
 * notifications get their message on the outbox queue (AZURE_QUEUE_NAME).
 * Idempotent: records already in the table are skipped, so it can run again after an
 * interruption. Stop the bot that uses the lowdb store first (the file is locked while it
 * runs). Dialog state is not migrated: conversations in the middle of a dialog start over.
 */
import { parseArgs } from 'node:util';
import type { AppConfig } from '../bot/config.js';
import { StoreError } from '../services/errors.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';
import { migrateToAzure } from '../services/store/azure/migrate.js';
import type { Store } from '../services/store/types.js';
import { OperatorError, openAzureTarget, operatorConfig, runOperatorCommand, usageError } from './operatorStore.js';

const USAGE = 'usage: npm run store -- migrate --from <lowdb dir or file> --to azure [--table <name>] [--env NAME]';
const out = (line: string): void => void process.stdout.write(`${line}\n`);

function args(): { from: string; table: string | undefined; env: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { from: { type: 'string' }, to: { type: 'string' }, table: { type: 'string' }, env: { type: 'string' } },
    });
  } catch (err: unknown) {
    throw usageError(`${(err as Error).message}\n${USAGE}`);
  }
  const [command] = parsed.positionals;
  if (command !== 'migrate')
    throw usageError(`${command ? `unknown command "${command}"` : 'which command?'}\n${USAGE}`);
  if (parsed.values.from === undefined) throw usageError(`--from is required\n${USAGE}`);
  if (parsed.values.to !== 'azure') throw usageError(`--to azure is required (the only target)\n${USAGE}`);
  return { from: parsed.values.from, table: parsed.values.table, env: parsed.values.env };
}

/** The configured Azure target, with `--table` if given. */
function target(config: AppConfig, table: string | undefined): AppConfig {
  if (
    config.store.kind !== 'azure' &&
    config.store.azureConnectionString === undefined &&
    config.store.azureEndpoints === undefined
  ) {
    throw new OperatorError(
      'no Azure Storage account is configured: set AZURE_STORAGE_ACCOUNT_NAME (with your Entra sign-in) or AZURE_STORAGE_CONNECTION_STRING, or pass --env <name>',
    );
  }
  return {
    ...config,
    store: {
      ...config.store,
      kind: 'azure',
      azureNames: { ...config.store.azureNames, table: table ?? config.store.azureNames.table },
    },
  };
}

async function openSource(from: string): Promise<Store> {
  try {
    return await openLowdbStore({ path: from });
  } catch (err: unknown) {
    throw err instanceof StoreError ? new OperatorError(err.message) : err;
  }
}

async function main(): Promise<number> {
  const { from, table, env } = args();
  const config = target(operatorConfig(env), table);
  // The target first: a missing sign-in is said before the source is read (and locked).
  const azure = await openAzureTarget(config);
  const source = await openSource(from);
  try {
    const report = await migrateToAzure(source, {
      ...(await azure.access('table')),
      tableName: config.store.azureNames.table,
    });
    out(`migrated ${from} -> ${azure.where}`);
    for (const [kind, c] of Object.entries(report.counts)) {
      out(
        `${kind.padEnd(12)} source=${report.source[kind as keyof typeof report.source]}  created=${c.created}  already there=${c.skipped}`,
      );
    }
    // Notifications still to send get their work-queue message now, not at the first sweep.
    const open = [...(await source.outbox.listByStatus('pending')), ...(await source.outbox.listByStatus('sending'))];
    if (open.length > 0) {
      await azure.queue.send(
        open.map((e) => ({
          outboxId: e.id,
          visibleAt: new Date(e.status === 'sending' ? (e.leaseUntil ?? e.nextAttemptAt) : e.nextAttemptAt),
        })),
      );
      out(`queued ${open.length} notification(s) still to send on ${config.store.azureNames.queue}`);
    }
    if (report.conversationsNotFound > 0) {
      out(
        `${report.conversationsNotFound} conversation reference(s) of people outside every account were not copied; they are stored again on their next message`,
      );
    }
    return 0;
  } finally {
    await source.close();
  }
}

runOperatorCommand('store', main);
