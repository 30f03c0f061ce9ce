/**
 * Runs the real entry point (`bot/index.ts`) in a child process, as `npm start` would but
 * without a build step, and parses its JSON log lines. For tests of start-up, config
 * errors, signals and crashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly logs: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
  /** Resolves with the base URL once the process logs that it listens. */
  readonly ready: Promise<string>;
}

export function spawnBot(env: Readonly<Record<string, string>>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    // Only what we pass: no developer .env or shell settings leak into the test.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'info',
      NOTIFY_SERVICE_URL: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  let onReady: ((url: string) => void) | undefined;
  const ready = new Promise<string>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`bot exited with ${code} before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        logs.push(record);
        if (record.msg === 'listening' && typeof record.url === 'string') onReady?.(record.url);
      } catch {
        logs.push({ raw: line });
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, logs, stderr: () => stderr, exited, ready };
}

/** Stops every bot process still running (SIGKILL: tests that end need no graceful stop) and waits for each. */
export async function killAll(bots: readonly BotProcess[]): Promise<void> {
  for (const bot of bots) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await bot.exited;
  }
}
