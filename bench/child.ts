/**
 * Runs a server under test in its own Node process (so the load generator never shares
 * its event loop), learns its URL over IPC, measures spawn→ready, and reads its peak RSS.
 * Servers run as compiled JavaScript under plain `node`, as `npm start` runs the bot in
 * production: `tsx` compiling TypeScript at start would add seconds to "ready" and
 * ~100 MB to RSS that production never pays.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The servers under test, compiled by `buildChildren` into dist/bench/. */
export type ChildEntry = 'botProcess' | 'echoBot';

/** Compiles the bench children and everything they import (the bot) into dist/. */
export function buildChildren(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'bench/tsconfig.build.json')],
      { cwd: ROOT },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`building the bench children failed:\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
}

/** What a bench child process says over IPC. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly url: string; readonly uptimeMs: number; readonly node: string }
  | { readonly type: 'usage'; readonly rssBytes: number; readonly maxRssBytes: number; readonly heapUsedBytes: number };

export interface ServerChild {
  readonly url: string;
  /** The Node.js version the server runs on (`process.version` of the child). */
  readonly node: string;
  /** Wall time from spawn to "listening" (module loading included). */
  readonly readyMs: number;
  /** The child's own process.uptime() at ready. */
  readonly uptimeMs: number;
  usage(): Promise<Extract<ChildMessage, { type: 'usage' }>>;
  stop(): Promise<void>;
}

/** `nodeFlags`: extra Node options for the child (e.g. a heap cap). */
export async function startChild(
  entry: ChildEntry,
  env: Readonly<Record<string, string>>,
  nodeFlags: readonly string[] = [],
): Promise<ServerChild> {
  const started = performance.now();
  const child: ChildProcess = fork(join(ROOT, 'dist/bench', `${entry}.js`), [], {
    cwd: ROOT,
    // The Node that runs the bench runs every server, so the echo baseline and the bot share it.
    execPath: process.execPath,
    execArgv: [
      ...nodeFlags,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_PRETTY: 'false', ...env },
    // BENCH_STDOUT=<file>: keep the server's log lines (to read what a run logs).
    stdio: ['ignore', process.env.BENCH_STDOUT ? 'pipe' : 'ignore', 'pipe', 'ipc'],
  });
  if (process.env.BENCH_STDOUT) child.stdout?.pipe(createWriteStream(process.env.BENCH_STDOUT, { flags: 'a' }));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`${entry} exited with ${code} before it was ready: ${stderr}`));
    child.once('exit', onExit);
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      resolve(message);
    });
  });
  const readyMs = performance.now() - started;
  // A ratio to the echo baseline means something only when both ran on the bench's Node.
  if (ready.node !== process.version)
    throw new Error(`${entry} runs on Node ${ready.node}, the bench on ${process.version}`);
  return {
    url: ready.url,
    node: ready.node,
    readyMs,
    uptimeMs: ready.uptimeMs,
    usage: () =>
      new Promise((resolve) => {
        const onMessage = (message: ChildMessage): void => {
          if (message.type !== 'usage') return;
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        child.send('usage');
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child side: answer usage requests from the parent. */
export function serveUsage(): void {
  process.on('message', (message: unknown) => {
    if (message !== 'usage') return;
    const memory = process.memoryUsage();
    const usage: ChildMessage = {
      type: 'usage',
      rssBytes: memory.rss,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapUsedBytes: memory.heapUsed,
    };
    process.send?.(usage);
  });
}

export function announceReady(url: string): void {
  const ready: ChildMessage = { type: 'ready', url, uptimeMs: process.uptime() * 1000, node: process.version };
  process.send?.(ready);
}
