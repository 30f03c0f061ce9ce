/**
 * The README's first command, as a new user runs it: `npm start` builds the bot and starts
 * the compiled `dist/bot/index.js` under plain `node`, the Node this test runs on (CI runs
 * the suite on the Active LTS and on the machine's own Node). It must answer `/healthz`
 * without a single warning on stderr: no deprecated API is used, and none is silenced.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm start on this Node', function () {
  this.timeout(120_000);

  it(`builds, listens and answers /healthz on Node ${process.version}, with nothing on stderr`, async () => {
    const pkg = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    assert.doesNotMatch(pkg.scripts.start ?? '', /disable-warning|no-deprecation/, 'no warning is silenced');
    // The Node running this test comes first on PATH, so `npm` and the `node` it starts are this one.
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        HOME: process.env.HOME ?? ROOT,
        HOST: '127.0.0.1',
        PORT: '0',
        STORE: 'memory',
        LOG_PRETTY: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | string>((done) =>
      child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const listening = stdout
            .split('\n')
            .filter((line) => line.startsWith('{'))
            .map((line) => JSON.parse(line) as { msg?: string; url?: string })
            .find((line) => line.msg === 'listening');
          if (listening?.url) {
            clearInterval(timer);
            resolve(listening.url);
          }
        }, 50);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`npm start exited (${code}) before listening:\n${stdout}\n${stderr}`));
        });
      });
      const health = await fetch(`${url}/healthz`);
      const body = (await health.json()) as { ok: boolean; store: { kind: string } };
      assert.equal(health.status, 200);
      assert.equal(body.ok, true);
      assert.equal(body.store.kind, 'memory');
      assert.equal(stderr, '', 'no warning (deprecation or other) on stderr');
    } finally {
      // npm runs the bot in a child of its own: stop the whole process group.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });
});
