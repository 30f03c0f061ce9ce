import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorEmulator, teamsActivity } from '../harness/index.js';
import { spawnBot } from '../harness/process.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';

async function postActivity(url: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

describe('process lifecycle', () => {
  let dir: string;
  let connector: ConnectorEmulator;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmb-life-'));
    connector = await new ConnectorEmulator().start();
  });
  afterEach(async () => {
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds loopback in anonymous mode unless HOST says otherwise, and its banner says so', async () => {
    const bot = spawnBot({ STORE: 'memory', HOST: '' });
    try {
      const url = await bot.ready;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const banner = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('ANONYMOUS LOCAL MODE'));
      assert.match(String(banner?.msg), /listening on 127\.0\.0\.1 only \(this machine\)/);
    } finally {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
  });

  it('starts on lowdb, serves a turn, and reports health', async () => {
    const bot = spawnBot({ STORE: 'lowdb', STORE_PATH: dir });
    try {
      const url = await bot.ready;
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      const body = (await health.json()) as { ok: boolean; store: { kind: string } };
      assert.equal(body.ok, true);
      assert.equal(body.store.kind, 'lowdb');
      assert.equal(await postActivity(url, teamsActivity(connector.url, 'message', { extra: { text: 'help' } })), 200);
      assert.equal(connector.cards().length, 1);
      assert.ok(
        bot.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('ANONYMOUS LOCAL MODE')),
        'anonymous mode is announced',
      );
      assert.ok(
        bot.logs.some((l) => l.accounts === 3 && typeof l.msg === 'string' && l.msg.includes('demo partner accounts')),
        'demo data loaded on first start',
      );
    } finally {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
  });

  it('on SIGTERM stops accepting, finishes the in-flight turn, flushes state, exits 0', async () => {
    const bot = spawnBot({ STORE: 'lowdb', STORE_PATH: dir, SHUTDOWN_TIMEOUT_MS: '8000' });
    const url = await bot.ready;
    // Hold the connector's answer so the bot's reply (and thus the turn) stays in flight.
    connector.hold();
    const inFlight = postActivity(url, teamsActivity(connector.url, 'message', { extra: { text: 'help' } }));
    while (connector.heldCount === 0) await new Promise((r) => setTimeout(r, 10));

    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bot.child.exitCode, null, 'still running while a turn is in flight');
    const late = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    assert.ok(late === 503 || late === 'refused', `new requests are refused during shutdown (got ${late})`);

    connector.release();
    assert.equal(await inFlight, 200, 'the in-flight turn completed');
    assert.equal(await bot.exited, 0);
    assert.equal(connector.cards().length, 1, 'its reply was delivered');
    const state = JSON.parse(await readFile(join(dir, 'bot-state.json'), 'utf8')) as { schemaVersion: number };
    assert.equal(state.schemaVersion, 1, 'state file flushed and readable');
    const domain = await openLowdbStore({ path: dir });
    try {
      assert.deepEqual(
        (await domain.accounts.list()).map((a) => a.companyName).sort(),
        ['Contoso', 'Fabricam', 'Northwind Traders'],
        'the lock was released and the demo data is on disk',
      );
    } finally {
      await domain.close();
    }
    const messages = bot.logs.map((l) => l.msg);
    assert.ok(messages.includes('shutting down') && messages.includes('stopped'));
  });

  it('a second process on the same data folder refuses to start with a clear message', async () => {
    const first = spawnBot({ STORE: 'lowdb', STORE_PATH: dir });
    try {
      await first.ready;
      const second = spawnBot({ STORE: 'lowdb', STORE_PATH: dir });
      assert.equal(await second.exited, 1);
      assert.match(second.stderr(), /partner-merge-bot failed to start: .*lock/i);
      assert.ok(!/\n\s+at /.test(second.stderr()), 'no stack trace');
      const health = await fetch(`${await first.ready}/healthz`);
      assert.equal(health.status, 200, 'the first instance is unaffected');
    } finally {
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
    }
  });
});
