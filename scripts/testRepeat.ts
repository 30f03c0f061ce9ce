/**
 * `npm run test:repeat -- FILE [N] [--grep TEXT]`: runs one test file (or folder) N times in a row
 * (default 20), each run in a fresh mocha process, and reports every failure. A test that
 * fails sometimes is a defect; this is how one is found and how a fix is proven.
 * The output of each failed run is kept in `test-results/repeat-<run>.log`.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function usage(message: string): never {
  process.stderr.write(`test:repeat: ${message}\nusage: npm run test:repeat -- FILE [N] [--grep TEXT]\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { file: string; runs: number; grep: string | undefined } {
  const args = [...argv];
  let grep: string | undefined;
  const at = args.indexOf('--grep');
  if (at >= 0) {
    grep = args[at + 1];
    if (!grep) usage('--grep needs a text');
    args.splice(at, 2);
  }
  const [file, count = '20', ...rest] = args;
  if (!file) usage('which test file?');
  if (rest.length > 0) usage(`unexpected ${rest.join(' ')}`);
  if (!existsSync(join(ROOT, file))) usage(`no such file: ${file}`);
  const runs = Number(count);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000)
    usage(`N must be a whole number from 1 to 1000, not ${count}`);
  return { file, runs, grep };
}

function runOnce(file: string, grep: string | undefined): Promise<{ code: number; output: string; ms: number }> {
  const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [
    mocha,
    '--no-config',
    '--node-option',
    'import=tsx',
    '--timeout',
    '120000',
    '--exit',
    '--extension',
    'ts',
    '--reporter',
    'dot',
    ...(grep ? ['--grep', grep] : []),
    file,
  ];
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => done({ code: code ?? 1, output, ms: Date.now() - started }));
  });
}

const { file, runs, grep } = parseArgs(process.argv.slice(2));
process.stdout.write(
  `test:repeat: ${file}${grep ? ` (--grep ${grep})` : ''}, ${runs} runs on Node ${process.version}\n`,
);
const failed: number[] = [];
for (let run = 1; run <= runs; run++) {
  const { code, output, ms } = await runOnce(file, grep);
  const passing = /(\d+) passing/.exec(output)?.[1] ?? '0';
  const failing = /(\d+) failing/.exec(output)?.[1] ?? (code === 0 ? '0' : '?');
  const ok = code === 0 && failing === '0';
  if (!ok) {
    failed.push(run);
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await writeFile(join(ROOT, 'test-results', `repeat-${run}.log`), output);
  }
  process.stdout.write(
    `run ${run}/${runs}: ${ok ? 'ok' : 'FAILED'} (${passing} passing, ${failing} failing) in ${(ms / 1000).toFixed(1)} s${ok ? '' : ` → test-results/repeat-${run}.log`}\n`,
  );
}
process.stdout.write(
  `test:repeat: ${runs - failed.length} of ${runs} runs passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
