/**
 * A lock file next to the data file so a second process cannot open the same store.
 * Created with `wx` (fails if it exists) and holding the owner's pid and host. A lock
 * left by a dead process on this host is taken over with a warning; a live one refuses.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { Logger } from '../loggerPort.js';

interface LockContent {
  readonly pid: number;
  readonly hostname: string;
  readonly createdAt: string;
  readonly token: string;
}

export interface FileLock {
  readonly path: string;
  /** Whether the lock file still exists and is ours. */
  isHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/** A lock file that could not be parsed is only treated as abandoned after this long. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

export async function acquireLock(path: string, logger: Logger): Promise<FileLock> {
  const mine: LockContent = {
    pid: process.pid,
    hostname: hostname(),
    createdAt: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify(mine));
      } finally {
        await handle.close();
      }
      return lockHandle(path, mine);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const raw = await readFile(path, 'utf8').catch(() => '');
    const holder = parseLock(raw);
    if (
      holder === undefined
        ? await olderThan(path, UNREADABLE_LOCK_GRACE_MS)
        : holder.hostname === mine.hostname && !isAlive(holder.pid)
    ) {
      logger.warn(
        { lock: path, stalePid: holder?.pid },
        'Taking over a stale store lock left by a process that no longer runs',
      );
      // Re-check right before removing, so a lock someone else just took is left alone.
      if ((await readFile(path, 'utf8').catch(() => '')) === raw) await unlink(path).catch(() => undefined);
      continue;
    }
    const who =
      holder === undefined
        ? 'another process'
        : `process ${holder.pid} on ${holder.hostname} (since ${holder.createdAt})`;
    throw new StoreError(
      'store-locked',
      `The store is in use by ${who}: lock file ${path} exists. Stop that process first; if it is no longer running, delete the lock file.`,
    );
  }
  throw new StoreError(
    'store-locked',
    `Could not take the store lock ${path}; another process took it at the same moment.`,
  );
}

function lockHandle(path: string, mine: LockContent): FileLock {
  const isHeld = async (): Promise<boolean> =>
    parseLock(await readFile(path, 'utf8').catch(() => ''))?.token === mine.token;
  return {
    path,
    isHeld,
    async release() {
      if (await isHeld()) await unlink(path).catch(() => undefined);
    },
  };
}

function parseLock(raw: string): LockContent | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Partial<LockContent>;
    return typeof v.pid === 'number' && typeof v.hostname === 'string'
      ? { pid: v.pid, hostname: v.hostname, createdAt: String(v.createdAt), token: String(v.token) }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return !isErrno(err, 'ESRCH');
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined || Date.now() - info.mtimeMs > ms;
}

export function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}
