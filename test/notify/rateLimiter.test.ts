import assert from 'node:assert/strict';
import { DEFAULT_PACING, RateLimiter, TEAMS_LIMITS, parseRateRules } from '../../bot/notify/rateLimiter.js';

/** The windows alone, without the delivery margin and tenant spreading. */
const EXACT = { marginMs: 0, spreadTenantSends: false };

describe('rate limiter (Teams limits)', () => {
  it('parses count/milliseconds rules and refuses nonsense', () => {
    assert.deepEqual(parseRateRules('7/1000, 8/2000,60/30000'), [
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30000 },
    ]);
    assert.throws(() => parseRateRules('7 per second'), /count\/milliseconds/);
    assert.throws(() => parseRateRules('0/1000'), /positive/);
  });

  it('allows 7 sends per thread per second, then waits exactly until the oldest leaves the window', () => {
    let now = 0;
    const limiter = new RateLimiter(TEAMS_LIMITS, () => now, EXACT);
    for (let i = 0; i < 7; i++) assert.equal(limiter.reserve('thread-a', 'tenant'), 0, `send ${i + 1}`);
    assert.equal(limiter.reserve('thread-a', 'tenant'), 1000);
    assert.equal(limiter.reserve('thread-b', 'tenant'), 0, 'another thread is not held up');
    now = 1000;
    assert.equal(limiter.reserve('thread-a', 'tenant'), 0, 'the 8th send after one second');
    // 8 in 2 s: the 9th must wait until the first send is 2 s old.
    now = 1500;
    assert.equal(limiter.reserve('thread-a', 'tenant'), 500);
  });

  it('allows 60 sends per thread per 30 seconds', () => {
    let now = 0;
    const limiter = new RateLimiter({ perThread: [{ limit: 60, windowMs: 30_000 }], perTenant: [] }, () => now, EXACT);
    for (let i = 0; i < 60; i++) {
      assert.equal(limiter.reserve('t', 'x'), 0);
      now += 10;
    }
    assert.equal(limiter.reserve('t', 'x'), 30_000 - 600);
  });

  it('allows 50 sends per tenant per second across threads', () => {
    let now = 0;
    const limiter = new RateLimiter(TEAMS_LIMITS, () => now, EXACT);
    for (let i = 0; i < 50; i++) assert.equal(limiter.reserve(`thread-${i}`, 'tenant-1'), 0);
    assert.equal(limiter.reserve('thread-50', 'tenant-1'), 1000);
    assert.equal(limiter.reserve('thread-50', 'tenant-2'), 0, 'the limit is per tenant');
    now = 999;
    assert.equal(limiter.reserve('thread-50', 'tenant-1'), 1);
  });

  it('acquire waits as long as reserve says, then books the slot', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perThread: [{ limit: 1, windowMs: 100 }], perTenant: [] }, () => now, EXACT);
    const waits: number[] = [];
    await limiter.acquire('t', 'x', async (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    });
    await limiter.acquire('t', 'x', async (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    });
    assert.deepEqual(waits, [100]);
  });

  it("by default spreads a tenant's sends evenly and keeps a margin on every window", () => {
    let now = 0;
    const limiter = new RateLimiter(TEAMS_LIMITS, () => now, DEFAULT_PACING);
    assert.equal(limiter.reserve('thread-0', 'tenant'), 0);
    assert.equal(limiter.reserve('thread-1', 'tenant'), 20, 'the next send of the tenant waits window / limit');
    for (let i = 1; i < 50; i++) {
      now = i * 20;
      assert.equal(limiter.reserve(`thread-${i}`, 'tenant'), 0, `send ${i + 1} at ${now} ms`);
    }
    now = 1000;
    assert.equal(
      limiter.reserve('thread-50', 'tenant'),
      DEFAULT_PACING.marginMs,
      '50 in the last second plus the margin',
    );
    // A thread's own burst is not spread: 7 at once, then the margin after the window.
    const threads = new RateLimiter(TEAMS_LIMITS, () => now, DEFAULT_PACING);
    for (let i = 0; i < 7; i++) assert.equal(threads.reserve('t', `tenant-${i}`), 0);
    assert.equal(threads.reserve('t', 'tenant-7'), 1000 + DEFAULT_PACING.marginMs);
  });
});
