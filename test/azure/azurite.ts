/**
 * Starts Azurite (from node_modules) on free loopback ports with in-memory persistence,
 * for the Azure Storage backend tests. One instance serves Blob, Queue and Table.
 *
 * Two ways in, as in production: the account key (a connection string, the default), or,
 * with PMB_AZURITE_OAUTH_CERT/PMB_AZURITE_OAUTH_KEY set (test/azure/oauth.test.ts runs the
 * Azure suites that way in a child process), HTTPS with `--oauth basic`: the service URLs and
 * Entra tokens from the managed identity endpoint that IDENTITY_ENDPOINT names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ManagedIdentityCredential } from '@azure/identity';
import { QueueServiceClient } from '@azure/storage-queue';
import type { AzureServiceAccess } from '../../services/store/azure/access.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from '../support/freePort.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** Always the key-based string (Azurite accepts the key in both modes); tests of the key path use it. */
  readonly connectionString: string;
  /** Whether the store, the queue and the bots use Entra tokens instead of the key. */
  readonly oauth: boolean;
  /** How the code under test reaches one service. */
  access(service: 'table' | 'queue' | 'blob'): AzureServiceAccess;
  queueService(): QueueServiceClient;
  /** The STORE=azure settings of a bot process. */
  botEnv(): Record<string, string>;
  /** The service URLs (as AZURE_STORAGE_*_URL take them), whatever the mode. */
  readonly urls: { readonly table: string; readonly queue: string; readonly blob: string };
  stop(): Promise<void>;
}

/** The user-assigned identity the OAuth runs sign in as (the identity endpoint checks it). */
export const STORAGE_IDENTITY_CLIENT_ID = '5a5a5a5a-0000-4000-8000-0000000000a5';

interface OAuthMode {
  readonly cert: string;
  readonly key: string;
}

function oauthMode(): OAuthMode | undefined {
  const cert = process.env.PMB_AZURITE_OAUTH_CERT;
  const key = process.env.PMB_AZURITE_OAUTH_KEY;
  return cert && key ? { cert, key } : undefined;
}

let tableCounter = 0;
/** A fresh table name per test (letters and digits, starting with a letter). */
export function freshTableName(prefix = 't'): string {
  tableCounter += 1;
  return `${prefix}${process.pid}x${tableCounter}${Math.random().toString(36).slice(2, 8)}`;
}

export async function startAzurite(): Promise<Azurite> {
  const [blob, queue, table] = [await freePort(), await freePort(), await freePort()];
  const oauth = oauthMode();
  const location = await mkdtemp(join(tmpdir(), 'pmb-azurite-'));
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'azurite'),
    [
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--extentMemoryLimit',
      '256',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(blob),
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(queue),
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(table),
      ...(oauth ? ['--oauth', 'basic', '--cert', oauth.cert, '--key', oauth.key] : []),
    ],
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // The start-up deadline must not outlive the start-up: clear it once Azurite is up.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`azurite did not start within 15 s: ${output}`));
    }, 15_000);
    deadline.unref();
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      // Azurite prints one "... successfully listening at" line per service.
      if ((output.match(/successfully listening at/g) ?? []).length >= 3) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`azurite exited with ${code}: ${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // mocha --exit ends the process without after hooks on failure: never leave Azurite behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const scheme = oauth ? 'https' : 'http';
  const urls = {
    blob: `${scheme}://127.0.0.1:${blob}/${ACCOUNT}`,
    queue: `${scheme}://127.0.0.1:${queue}/${ACCOUNT}`,
    table: `${scheme}://127.0.0.1:${table}/${ACCOUNT}`,
  };
  const connectionString = `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${urls.blob};QueueEndpoint=${urls.queue};TableEndpoint=${urls.table};`;
  const credential = oauth ? new ManagedIdentityCredential({ clientId: STORAGE_IDENTITY_CLIENT_ID }) : undefined;
  return {
    connectionString,
    oauth: credential !== undefined,
    urls,
    access: (service) => (credential ? { url: urls[service], credential } : { connectionString }),
    queueService: () =>
      credential
        ? new QueueServiceClient(urls.queue, credential)
        : QueueServiceClient.fromConnectionString(connectionString),
    botEnv: (): Record<string, string> =>
      credential
        ? {
            AZURE_STORAGE_TABLE_URL: urls.table,
            AZURE_STORAGE_QUEUE_URL: urls.queue,
            AZURE_STORAGE_BLOB_URL: urls.blob,
            AZURE_CLIENT_ID: STORAGE_IDENTITY_CLIENT_ID,
            // The bot process trusts Azurite's certificate and finds the identity endpoint as ours does.
            NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
            IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT ?? '',
            IDENTITY_HEADER: process.env.IDENTITY_HEADER ?? '',
          }
        : { AZURE_STORAGE_CONNECTION_STRING: connectionString },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(location, { recursive: true, force: true });
    },
  };
}
