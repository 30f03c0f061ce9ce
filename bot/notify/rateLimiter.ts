/**
 * Proactive rate limiting at Teams' published bot limits, so bulk sends wait their turn
 * instead of collecting 429s: per conversation thread (default 7 per second, 8 per 2
 * seconds, 60 per 30 seconds) and per app per tenant (default 50 per second). Sliding
 * windows over the send times of each key, with a small margin, and a tenant's sends
 * spread evenly over its window; `reserve` books a slot atomically (JavaScript runs it
 * without interleaving) and says how long to wait when none is free.
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

export interface PacingOptions {
  /**
   * Added to every window: the connector counts a send when it arrives, a little after we
   * booked it, so booking exactly at the window's edge would collect 429s.
   */
  readonly marginMs: number;
  /**
   * Spread a tenant's sends evenly (window / limit apart) instead of bursting the whole
   * window's allowance at once: concurrent bursts arrive out of order and trip the limit.
   */
  readonly spreadTenantSends: boolean;
}

export const DEFAULT_PACING: PacingOptions = { marginMs: 30, spreadTenantSends: true };

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits = TEAMS_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly pacing: PacingOptions = DEFAULT_PACING,
  ) {}

  /** Books a send for the thread and tenant now, or returns how many ms to wait first. */
  reserve(thread: string, tenant: string): number {
    const at = this.now();
    const checks: Array<[string, readonly RateRule[], boolean]> = [
      [`thread:${thread}`, this.limits.perThread, false],
      [`tenant:${tenant}`, this.limits.perTenant, this.pacing.spreadTenantSends],
    ];
    let wait = 0;
    for (const [key, rules, spread] of checks) wait = Math.max(wait, this.waitFor(key, rules, at, spread));
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

  private waitFor(key: string, rules: readonly RateRule[], at: number, spread: boolean): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const rule of rules) {
      const windowMs = rule.windowMs + this.pacing.marginMs;
      // Sends still inside this rule's window.
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i]! > at - windowMs; i--) inWindow++;
      if (inWindow >= rule.limit) {
        // The oldest send that must leave the window before another fits.
        const blocking = times[times.length - rule.limit]!;
        wait = Math.max(wait, blocking + windowMs - at);
      }
      const last = times[times.length - 1];
      if (spread && last !== undefined) wait = Math.max(wait, Math.ceil(last + rule.windowMs / rule.limit - at));
    }
    return wait;
  }

  private record(key: string, rules: readonly RateRule[], at: number): void {
    const longest = Math.max(0, ...rules.map((r) => r.windowMs + this.pacing.marginMs));
    const times = (this.sent.get(key) ?? []).filter((t) => t > at - longest);
    times.push(at);
    this.sent.set(key, times);
  }
}
