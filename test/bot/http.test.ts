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
    const body = res.json as {
      ok: boolean;
      version: string;
      store: { kind: string; ok: boolean; schemaVersion: number };
    };
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

  it("answers a client's probe of the endpoint (GET/HEAD) quietly, other methods and paths with 4xx", async () => {
    // The Agents Playground waits on the endpoint with GET/HEAD before it connects.
    const refusedBefore = bot.logs.filter((l) => l.msg === 'request refused').length;
    const get = await bot.get('/api/messages');
    assert.equal(get.status, 200);
    assert.deepEqual(get.json, {
      name: 'partner-merge-bot',
      messages: 'POST Bot Framework activities to this endpoint',
    });
    assert.equal((await fetch(`${bot.url}/api/messages`, { method: 'HEAD' })).status, 200);
    assert.equal(
      bot.logs.filter((l) => l.msg === 'request refused').length,
      refusedBefore,
      'the probe is not logged as refused',
    );
    assert.equal((await fetch(`${bot.url}/api/messages`, { method: 'PUT', body: '{}' })).status, 405);
    assert.equal((await bot.get('/nope')).status, 404);
    await stillServes();
  });

  it('accepts odd but valid timestamps without failing the turn', async () => {
    const res = await bot.post(
      bot.activity('message', { extra: { text: 'help', timestamp: 'not a date', localTimestamp: 12 } }),
    );
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1);
  });
});
