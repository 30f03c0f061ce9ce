/**
 * Starts Azurite (from node_modules) on free loopback ports with in-memory persistence,
 * for the Azure Storage backend tests. One instance serves Blob, Queue and Table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  readonly connectionString: string;
  stop(): Promise<void>;
}

let tableCounter = 0;
/** A fresh table name per test (letters and digits, starting with a letter). */
export function freshTableName(prefix = 't'): string {
  tableCounter += 1;
  return `${prefix}${process.pid}x${tableCounter}${Math.random().toString(36).slice(2, 8)}`;
}

export async function startAzurite(): Promise<Azurite> {
  const [blob, queue, table] = [await freePort(), await freePort(), await freePort()];
  const location = await mkdtemp(join(tmpdir(), 'pmb-azurite-'));
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'azurite'),
    [
      '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose', '--silent', '--extentMemoryLimit', '256',
      '--blobHost', '127.0.0.1', '--blobPort', String(blob),
      '--queueHost', '127.0.0.1', '--queuePort', String(queue),
      '--tableHost', '127.0.0.1', '--tablePort', String(table),
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
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blob}/${ACCOUNT};QueueEndpoint=http://127.0.0.1:${queue}/${ACCOUNT};TableEndpoint=http://127.0.0.1:${table}/${ACCOUNT};`,
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
