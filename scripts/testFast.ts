/**
 * `npm run test:fast`: types, lint and the unit and HTTP tests at once, for every change
 * (no Chromium, no Azurite, no child processes of the bot, no crash or fuzz runs). `npm test`
 * stays the whole suite, which CI runs. Prints each part's time; fails if any part fails.
 */
import { spawn } from 'node:child_process';

/** Test files the fast tier leaves to `npm test`: browsers, Azurite, whole-process runs. */
export const SLOW_TESTS = [
  'test/e2e/**',
  'test/azure/**',
  'test/cards/cardLayout.test.ts',
  'test/teams/cardPictures.test.ts',
  'test/security/crash.test.ts',
  'test/security/fuzz.test.ts',
  'test/bot/lifecycle.test.ts',
  'test/bot/npmStart.test.ts',
  'test/security/botIdentity.test.ts',
];

interface Part {
  readonly name: string;
  readonly args: readonly string[];
}

const npx = (...args: string[]): readonly string[] => ['npx', ...args];
const parts: Part[] = [
  // The same commands as `npm run typecheck` and `npm run lint`.
  { name: 'types', args: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', args: ['npm', 'run', '--silent', 'lint'] },
  // The tests mostly wait (sockets, timers): three files at a time even on two cores.
  {
    name: 'tests',
    args: npx('mocha', '--parallel', '--jobs', '3', ...SLOW_TESTS.flatMap((glob) => ['--exclude', glob])),
  },
];

const started = Date.now();
const results = await Promise.all(
  parts.map(
    (part) =>
      new Promise<{ name: string; code: number; ms: number; output: string }>((done) => {
        const t0 = Date.now();
        const [command = 'npx', ...args] = part.args;
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.once('exit', (code) => done({ name: part.name, code: code ?? 1, ms: Date.now() - t0, output }));
      }),
  ),
);
for (const result of results) {
  if (result.code !== 0 || result.name === 'tests') process.stdout.write(result.output);
}
const summary = results
  .map((r) => `${r.name} ${r.code === 0 ? 'ok' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s`)
  .join(', ');
process.stdout.write(`\ntest:fast: ${summary}; ${((Date.now() - started) / 1000).toFixed(1)} s in all\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
