/**
 * Account directory maintenance for the lowdb store (stop the bot first: it holds the lock).
 *
 *   npm run accounts -- import <file.json> [--store-path ./data]
 *   npm run accounts -- export [file.json] [--store-path ./data]
 *
 * Import validates the whole file first; on any problem it prints each one with its line
 * and column, writes nothing and exits with status 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { exportAccounts, formatIssues, importAccounts } from '../services/accounts/importExport.js';
import { describeError, isDomainError } from '../services/errors.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';
import { loadConfig } from '../bot/config.js';

const USAGE = 'Usage: npm run accounts -- import <file.json> [--store-path DIR] | export [file.json] [--store-path DIR]';

function parseArgs(argv: readonly string[]): { command: string | undefined; file: string | undefined; storePath: string } {
  const rest = [...argv];
  // The configured store folder (STORE_PATH, .env), unless --store-path says otherwise.
  let storePath = loadConfig().store.path;
  const flag = rest.indexOf('--store-path');
  if (flag >= 0) {
    const value = rest[flag + 1];
    if (value === undefined) throw new Error('--store-path needs a directory or .json file');
    storePath = value;
    rest.splice(flag, 2);
  }
  return { command: rest[0], file: rest[1], storePath };
}

async function main(): Promise<number> {
  const { command, file, storePath } = parseArgs(process.argv.slice(2));
  if (command !== 'import' && command !== 'export') {
    console.error(USAGE);
    return 2;
  }
  if (command === 'import' && file === undefined) {
    console.error(USAGE);
    return 2;
  }
  // Read the input before opening (and locking) the store.
  const text = command === 'import' && file !== undefined ? await readFile(file, 'utf8') : '';
  const store = await openLowdbStore({ path: storePath });
  try {
    if (command === 'export') {
      const json = await exportAccounts(store);
      if (file === undefined) process.stdout.write(json);
      else {
        await writeFile(file, json, 'utf8');
        console.error(`Exported ${await store.accounts.count()} account(s) to ${file}.`);
      }
      return 0;
    }
    const result = await importAccounts(store, text);
    if (!result.ok) {
      console.error(formatIssues(file ?? 'input', result.issues));
      console.error(describeError(result.error, 'en'));
      return 1;
    }
    console.error(`Imported ${result.created.length} new and ${result.updated.length} updated account(s).`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(isDomainError(err) ? describeError(err, 'en') : err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
