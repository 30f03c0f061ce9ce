import assert from 'node:assert/strict';
import { TestBot } from '../harness/index.js';

describe('bot over HTTP: bad requests', () => {
  let bot: TestBot;
  before(async () => {
    bot = await TestBot.start();
  });
  after(async () => {
    await bot.stop();
  });
  afterEach(() => bot.connector.clear());

  async function stillServes(): Promise<void> {
    const res = await bot.message('help');
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1);
    bot.connector.clear();
  }

  it('reports health with version and store', async () => {
    const res = await bot.get('/healthz');
    assert.equal(res.status, 200);
    const body = res.json as { ok: boolean; version: string; store: { kind: string; ok: boolean; schemaVersion: number } };
    assert.equal(body.ok, true);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(body.store, { kind: 'memory', schemaVersion: 1, ok: true });
  });

  it('refuses malformed JSON with 400 and keeps serving', async () => {
    for (const raw of ['{bad', '{"type":"message",', 'nul', '\u0000\u0001']) {
      const res = await bot.post(raw);
      assert.equal(res.status, 400, `status for ${JSON.stringify(raw)}`);
      assert.ok(!/\bat \S+:\d+/.test(res.text), 'no stack trace in the body');
    }
    await stillServes();
  });

  it('refuses bodies that are not activities with 400 and never runs a turn', async () => {
    const base = bot.activity('message', { extra: { text: 'help' } });
    const bodies: unknown[] = [
      [],
      {},
      'just a string',
      42,
      null,
      { ...base, type: 1 },
      { ...base, type: '' },
      { ...base, serviceUrl: undefined },
      { ...base, serviceUrl: 'file:///etc/passwd' },
      { ...base, conversation: undefined },
      { ...base, conversation: { id: 7 } },
      { ...base, channelId: undefined },
      { ...base, from: 'someone' },
    ];
    for (const body of bodies) {
      const res = await bot.post(body);
      assert.equal(res.status, 400, `status for ${JSON.stringify(body)?.slice(0, 80)}`);
    }
    assert.equal(bot.connector.calls.length, 0, 'no turn ran, nothing was sent');
    await stillServes();
  });

  it('refuses an oversized body with 413', async () => {
    const res = await bot.message('x'.repeat(300 * 1024));
    assert.equal(res.status, 413);
    await stillServes();
  });

  it('answers other methods and paths with 4xx', async () => {
    const get = await bot.get('/api/messages');
    assert.ok(get.status === 405 || get.status === 404, `GET /api/messages: ${get.status}`);
    assert.equal((await bot.get('/nope')).status, 404);
    await stillServes();
  });

  it('accepts odd but valid timestamps without failing the turn', async () => {
    const res = await bot.post(bot.activity('message', { extra: { text: 'help', timestamp: 'not a date', localTimestamp: 12 } }));
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1);
  });
});
