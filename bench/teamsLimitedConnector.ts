/**
 * A lean loopback Bot Connector for benchmarks (the test emulator records every body, which
 * would grow without bound under load). Answers send/reply/update/createConversation at
 * once. With `limits` it enforces Teams' proactive limits independently of the bot's own
 * rate limiter: sliding windows per conversation thread and per tenant; a request beyond
 * them gets 429 with Retry-After (whole seconds, as Teams sends) and does not count as
 * sent. `deliveryKey` names what a delivered activity is (e.g. a notification id), so
 * losses and duplicates can be counted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Only the shape of a rule is shared with the bot; the windows are counted independently here.
import type { RateLimits, RateRule as Rule } from '../bot/notify/rateLimiter.js';

export type { Rule };

export interface ConnectorLimits extends RateLimits {
  /** Tenant of a conversation id (the connector knows it from the conversation). */
  readonly tenantOf: (conversationId: string) => string;
}

export interface ConnectorOptions {
  readonly port?: number;
  readonly limits?: ConnectorLimits;
  readonly deliveryKey?: (conversationId: string, body: unknown) => string | undefined;
}

export class TeamsLimitedConnector {
  url = '';
  requests = 0;
  throttled = 0;
  /** Successful send/reply per delivery key. */
  readonly deliveries = new Map<string, number>();
  firstAcceptedAt: number | undefined;
  lastAcceptedAt: number | undefined;
  private server: Server | undefined;
  private counter = 0;
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly options: ConnectorOptions = {}) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((done) => server.listen(this.options.port ?? 0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  resetCounts(): void {
    this.requests = 0;
    this.throttled = 0;
    this.deliveries.clear();
    this.windows.clear();
    this.firstAcceptedAt = undefined;
    this.lastAcceptedAt = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests++;
    const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
    const conversationId = parts[2];
    const isActivity =
      parts[0] === 'v3' && parts[1] === 'conversations' && conversationId !== undefined && parts[3] === 'activities';
    const isSend = isActivity && req.method === 'POST';
    res.setHeader('Content-Type', 'application/json');

    if (isActivity && this.options.limits) {
      const wait = this.admit(conversationId, this.options.limits);
      if (wait > 0) {
        this.throttled++;
        res.statusCode = 429;
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'emulated Teams throttling' } }));
        return;
      }
    }
    if (isActivity) {
      const now = Date.now();
      this.firstAcceptedAt ??= now;
      this.lastAcceptedAt = now;
    }
    if (isSend && this.options.deliveryKey) {
      const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      const key = this.options.deliveryKey(conversationId, body);
      if (key !== undefined) this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
    }
    if (parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2 && req.method === 'POST') {
      res.end(JSON.stringify({ id: `a:bench-created-${++this.counter}`, serviceUrl: this.url }));
      return;
    }
    res.end(JSON.stringify({ id: `bench-activity-${++this.counter}` }));
  }

  /** 0 when the request fits every window (and books it), else ms until it would. */
  private admit(conversationId: string, limits: ConnectorLimits): number {
    const now = Date.now();
    const keys: Array<[string, readonly Rule[]]> = [
      [`thread:${conversationId}`, limits.perThread],
      [`tenant:${limits.tenantOf(conversationId)}`, limits.perTenant],
    ];
    let wait = 0;
    for (const [key, rules] of keys) {
      const times = this.windows.get(key) ?? [];
      for (const rule of rules) {
        const inWindow = times.filter((t) => t > now - rule.windowMs).length;
        if (inWindow >= rule.limit) wait = Math.max(wait, times[times.length - rule.limit]! + rule.windowMs - now);
      }
    }
    if (wait > 0) return wait;
    for (const [key, rules] of keys) {
      const longest = Math.max(...rules.map((r) => r.windowMs));
      const times = (this.windows.get(key) ?? []).filter((t) => t > now - longest);
      times.push(now);
      this.windows.set(key, times);
    }
    return 0;
  }
}
