/**
 * The store of the operator commands (`npm run accounts`, `outbox`, `store`): the one the
 * configuration names (environment, `.env`, or `--env <name>` for env/.env.<name> of an
 * Agents Toolkit environment), opened as a running bot opens it. On Azure with shared keys
 * disabled that is the account's URLs with the operator's own Entra sign-in
 * (DefaultAzureCredential: Azure CLI, azd, Azure PowerShell or AZURE_CLIENT_ID/SECRET);
 * the sign-in is tried once up front so that a missing one is named, and nothing is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { pino } from 'pino';
import type { TokenCredential } from '@azure/identity';
import { ConfigError, loadConfig, type AppConfig } from '../bot/config.js';
import { createLogger } from '../bot/pinoLogger.js';
import {
  STORAGE_SCOPE,
  azureAccessFor,
  openConfiguredQueue,
  openConfiguredStore,
  type AzureAccess,
} from '../bot/storeAccess.js';
import { withOutboxQueue, type OutboxQueue } from '../services/notify/outboxQueue.js';
import { StoreError, describeError, isDomainError } from '../services/errors.js';
import type { Store } from '../services/store/types.js';

/** A problem the operator can fix, said in one line (no stack); exit status 2 for a wrong command line. */
export class OperatorError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A command line the command cannot take (exit status 2, as the usage line says). */
export const usageError = (message: string): OperatorError => new OperatorError(message, 2);

export interface OperatorStore {
  readonly store: Store;
  /** The outbox work queue (STORE=azure), so that a retried entry reaches a running instance. */
  readonly queue: OutboxQueue | undefined;
  /** Where the records are, for the operator's log: "lowdb ./data", "azure https://….table…/pmbrecords". */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * The configuration of an operator command: `--env dev` reads env/.env.dev (what `atk provision`
 * wrote: AZURE_STORAGE_ACCOUNT_NAME) and selects STORE=azure; real environment variables win.
 */
export function operatorConfig(envName: string | undefined, root = process.cwd()): AppConfig {
  try {
    if (envName === undefined) return loadConfig();
    if (!/^[a-z0-9-]{1,32}$/i.test(envName))
      throw usageError(`--env takes an environment name such as dev, not "${envName}"`);
    const file = join(root, 'env', `.env.${envName}`);
    if (!existsSync(file)) throw new OperatorError(`${file} does not exist (environments are env/.env.<name>)`);
    const written = parseDotenv(readFileSync(file, 'utf8'));
    const account = written.AZURE_STORAGE_ACCOUNT_NAME;
    if (!account)
      throw new OperatorError(
        `${file} names no AZURE_STORAGE_ACCOUNT_NAME: run \`atk provision --env ${envName}\` first`,
      );
    // The Toolkit's env file describes the deployment, not this shell: only its storage account and cloud are taken.
    const defaults: Record<string, string> = { STORE: 'azure', AZURE_STORAGE_ACCOUNT_NAME: account };
    if (written.MICROSOFT_CLOUD) defaults.MICROSOFT_CLOUD = written.MICROSOFT_CLOUD;
    return loadConfig({ defaults });
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw new OperatorError(err.message);
    throw err;
  }
}

/** Opens the configured store; `credential` replaces DefaultAzureCredential (tests). */
export async function openOperatorStore(
  config: AppConfig,
  options: { readonly credential?: TokenCredential } = {},
): Promise<OperatorStore> {
  if (config.store.kind === 'memory')
    throw new OperatorError('STORE=memory keeps nothing: set STORE=lowdb (STORE_PATH) or STORE=azure');
  const access = azureAccessFor(config, options.credential);
  if (config.store.kind === 'azure') await checkSignIn(config, access);
  let store: Store;
  try {
    store = await openConfiguredStore(config, access);
  } catch (err: unknown) {
    throw explain(err, config);
  }
  let queue: OutboxQueue | undefined;
  try {
    queue = await openConfiguredQueue(config, access);
  } catch (err: unknown) {
    await store.close();
    throw explain(err, config);
  }
  const logger = createLogger(config, pino.destination(2));
  return {
    // Retried entries get their queue message, as when a bot instance writes them.
    store: queue ? withOutboxQueue(store, queue, logger) : store,
    queue,
    where: describeWhere(config),
    close: () => store.close(),
  };
}

/** The Azure side of a migration: the sign-in checked and the work queue opened, the table left to the import. */
export async function openAzureTarget(
  config: AppConfig,
  options: { readonly credential?: TokenCredential } = {},
): Promise<{ access: AzureAccess; queue: OutboxQueue; where: string }> {
  const access = azureAccessFor(config, options.credential);
  await checkSignIn(config, access);
  try {
    const queue = await openConfiguredQueue(config, access);
    if (!queue) throw new OperatorError('the target is not an Azure Storage account');
    return { access, queue, where: describeWhere(config) };
  } catch (err: unknown) {
    throw explain(err, config);
  }
}

function describeWhere(config: AppConfig): string {
  if (config.store.kind === 'lowdb') return `lowdb ${config.store.path}`;
  const endpoints = config.store.azureEndpoints;
  return `azure ${endpoints ? endpoints.tableUrl : '(connection string)'} table ${config.store.azureNames.table}`;
}

/** Without a connection string: one storage token up front, or a line that says what is missing. */
async function checkSignIn(config: AppConfig, access: AzureAccess): Promise<void> {
  const table = await access('table');
  if ('connectionString' in table) return;
  try {
    await table.credential.getToken(STORAGE_SCOPE);
  } catch (err: unknown) {
    const account = config.store.azureEndpoints?.tableUrl ?? 'the storage account';
    throw new OperatorError(
      `no Azure sign-in for ${account}: sign in with \`az login\` (or \`azd auth login\`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET), ` +
        `as someone who holds Storage Table Data Contributor and Storage Queue Data Contributor on the account (docs/deploy.md, "Operate"). ` +
        `Nothing was read or written. (${firstLine(err)})`,
    );
  }
}

function explain(err: unknown, config: AppConfig): Error {
  if (err instanceof OperatorError) return err;
  if (err instanceof StoreError) return new OperatorError(err.message);
  const status = (err as { statusCode?: unknown }).statusCode;
  if (status === 403) {
    return new OperatorError(
      `the storage account refused the signed-in identity (403): it needs Storage Table Data Contributor and Storage Queue Data Contributor on ${config.store.azureEndpoints?.tableUrl ?? 'the account'} (docs/deploy.md, "Operate"). Nothing was written.`,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 300);
}

/** Runs an operator command: an OperatorError is one line on stderr and exit status 1. */
export function runOperatorCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const message = isDomainError(err) ? describeError(err, 'en') : err instanceof Error ? err.message : String(err);
      process.stderr.write(`${name}: ${message}\n`);
      process.exitCode = err instanceof OperatorError ? err.exitCode : 1;
    },
  );
}
