/**
 * Proactive rate limiting at Teams' published bot limits, so bulk sends wait their turn
 * instead of collecting 429s: per conversation thread (default 7 per second, 8 per 2
 * seconds, 60 per 30 seconds) and per app per tenant (default 50 per second). Sliding
 * windows over the send times of each key; `reserve` books a slot atomically (JavaScript
 * runs it without interleaving) and says how long to wait when none is free.
 */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimits {
  readonly perThread: readonly RateRule[];
  readonly perTenant: readonly RateRule[];
}

export const TEAMS_LIMITS: RateLimits = {
  perThread: [
    { limit: 7, windowMs: 1000 },
    { limit: 8, windowMs: 2000 },
    { limit: 60, windowMs: 30_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1000 }],
};

/** Parses `7/1000,8/2000` (count/milliseconds). */
export function parseRateRules(text: string): RateRule[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)\s*\/\s*(\d+)$/.exec(part);
      if (!match) throw new Error(`rate rule "${part}" is not count/milliseconds`);
      const rule = { limit: Number(match[1]), windowMs: Number(match[2]) };
      if (rule.limit < 1 || rule.windowMs < 1) throw new Error(`rate rule "${part}" must be positive`);
      return rule;
    });
}

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits = TEAMS_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Books a send for the thread and tenant now, or returns how many ms to wait first. */
  reserve(thread: string, tenant: string): number {
    const at = this.now();
    const checks: Array<[string, readonly RateRule[]]> = [
      [`thread:${thread}`, this.limits.perThread],
      [`tenant:${tenant}`, this.limits.perTenant],
    ];
    let wait = 0;
    for (const [key, rules] of checks) wait = Math.max(wait, this.waitFor(key, rules, at));
    if (wait > 0) return wait;
    for (const [key, rules] of checks) this.record(key, rules, at);
    return 0;
  }

  /** Waits until a slot is free, then books it. */
  async acquire(thread: string, tenant: string, sleep: (ms: number) => Promise<void>): Promise<void> {
    for (;;) {
      const wait = this.reserve(thread, tenant);
      if (wait === 0) return;
      await sleep(wait);
    }
  }

  private waitFor(key: string, rules: readonly RateRule[], at: number): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const rule of rules) {
      // Sends still inside this rule's window.
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i]! > at - rule.windowMs; i--) inWindow++;
      if (inWindow >= rule.limit) {
        // The oldest send that must leave the window before another fits.
        const blocking = times[times.length - rule.limit]!;
        wait = Math.max(wait, blocking + rule.windowMs - at);
      }
    }
    return wait;
  }

  private record(key: string, rules: readonly RateRule[], at: number): void {
    const longest = Math.max(0, ...rules.map((r) => r.windowMs));
    const times = (this.sent.get(key) ?? []).filter((t) => t > at - longest);
    times.push(at);
    this.sent.set(key, times);
  }
}
