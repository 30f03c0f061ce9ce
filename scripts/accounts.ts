/**
 * The partner account directory of the configured store (STORE: lowdb, or Azure beside
 * running instances; `--env dev` for the deployment `atk provision` made, see docs/deploy.md).
 *
 *   npm run accounts -- import <file.json> [--env NAME] [--store-path DIR]
 *   npm run accounts -- export [file.json] [--env NAME] [--store-path DIR]
 *
 * Import validates the whole file first; on any problem it prints each one with its line
 * and column, writes nothing and exits with status 1. A lowdb store is locked while a bot
 * runs on it: stop the bot first. Azure needs no stop: commits are version-checked.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportAccounts, formatIssues, importAccounts } from '../services/accounts/importExport.js';
import { describeError } from '../services/errors.js';
import { openOperatorStore, operatorConfig, runOperatorCommand, usageError } from './operatorStore.js';

const USAGE = 'Usage: npm run accounts -- import <file.json> | export [file.json]   [--env NAME] [--store-path DIR]';

function args(): {
  command: string | undefined;
  file: string | undefined;
  env: string | undefined;
  storePath: string | undefined;
} {
  try {
    const { positionals, values } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { env: { type: 'string' }, 'store-path': { type: 'string' } },
    });
    return { command: positionals[0], file: positionals[1], env: values.env, storePath: values['store-path'] };
  } catch (err: unknown) {
    throw usageError(`${(err as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<number> {
  const { command, file, env, storePath } = args();
  if ((command !== 'import' && command !== 'export') || (command === 'import' && file === undefined)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const configured = operatorConfig(env);
  if (storePath !== undefined && configured.store.kind !== 'lowdb')
    throw usageError('--store-path is for a lowdb store (STORE=lowdb)');
  const config =
    storePath === undefined ? configured : { ...configured, store: { ...configured.store, path: storePath } };
  // Read the input before opening (and, with lowdb, locking) the store.
  const text = command === 'import' && file !== undefined ? await readFile(file, 'utf8') : '';
  const opened = await openOperatorStore(config);
  const { store, where } = opened;
  try {
    if (command === 'export') {
      const json = await exportAccounts(store);
      if (file === undefined) process.stdout.write(json);
      else {
        await writeFile(file, json, 'utf8');
        process.stderr.write(`Exported ${await store.accounts.count()} account(s) to ${file}. Store: ${where}.\n`);
      }
      return 0;
    }
    const result = await importAccounts(store, text);
    if (!result.ok) {
      process.stderr.write(`${formatIssues(file ?? 'input', result.issues)}\n${describeError(result.error, 'en')}\n`);
      return 1;
    }
    process.stderr.write(
      `Imported ${result.created.length} new and ${result.updated.length} updated account(s). Store: ${where}.\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

runOperatorCommand('accounts', main);
