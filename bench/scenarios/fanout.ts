/**
 * Notification fan-out, in-process: the real app graph (`createApp`: OutboxDispatcher,
 * NotificationSender, RateLimiter, ProactiveMessenger over CloudAdapter) on the in-memory
 * store, delivering `mergeText` outbox entries to a connector that enforces Teams' limits.
 * Recipients are spread over tenants (limit per app per tenant) and threads (one personal
 * chat per person); every notification carries a unique text so the connector counts
 * deliveries per notification: lost = never delivered, duplicated = delivered twice.
 */
import { Writable } from 'node:stream';
import { configFrom } from '../../bot/config.js';
import { createLogger } from '../../bot/pinoLogger.js';
import { createApp } from '../../bot/app.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { put, type WriteOp } from '../../services/store/types.js';
import type { MergeRequest, OutboxEntry } from '../../services/model.js';
import { userKey } from '../../services/accounts/validation.js';
import { TeamsLimitedConnector, type Rule } from '../teamsLimitedConnector.js';
import { sleep } from '../stats.js';

export const PER_THREAD: readonly Rule[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
];
export const PER_TENANT: readonly Rule[] = [{ limit: 50, windowMs: 1000 }];

export interface FanoutShape {
  readonly tenants: number;
  readonly recipientsPerTenant: number;
  readonly perRecipient: number;
}

export interface FanoutResult extends Record<string, number> {
  readonly notifications: number;
  readonly seconds: number;
  readonly minimumSeconds: number;
  readonly ratio: number;
  readonly throttled429: number;
  readonly retries: number;
  readonly lost: number;
  readonly duplicated: number;
}

/** When the last of `n` sends can start on one key under sliding-window `rules` (greedy = optimal for one key). */
export function lastSendAt(n: number, rules: readonly Rule[]): number {
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (const rule of rules) {
      if (times.length >= rule.limit) t = Math.max(t, times[times.length - rule.limit]! + rule.windowMs);
    }
    times.push(t);
  }
  return t;
}

export function theoreticalMinimumMs(shape: FanoutShape): number {
  return Math.max(
    lastSendAt(shape.recipientsPerTenant * shape.perRecipient, PER_TENANT),
    lastSendAt(shape.perRecipient, PER_THREAD),
  );
}

const rules = (list: readonly Rule[], marginMs: number): string =>
  list.map((r) => `${r.limit}/${r.windowMs + marginMs}`).join(',');

/**
 * `marginMs` lengthens every window of the bot's own limiter (RATE_LIMIT_* config): its
 * clock books a slot before the request travels, the connector counts on arrival, so
 * at exactly the published limits jitter turns into 429s.
 */
export async function runFanout(shape: FanoutShape, marginMs = 0): Promise<FanoutResult> {
  const tenantOf = (conversationId: string): string => conversationId.split('-')[1] ?? 'unknown';
  const connector = await new TeamsLimitedConnector({
    limits: { perThread: PER_THREAD, perTenant: PER_TENANT, tenantOf },
    deliveryKey: (_conversation, body) => /fanout#(\d+)/.exec((body as { text?: string } | undefined)?.text ?? '')?.[1],
  }).start();
  const store = createMemoryStore();
  const now = new Date();
  const at = now.toISOString();
  const ops: WriteOp[] = [];
  const total = shape.tenants * shape.recipientsPerTenant * shape.perRecipient;
  // Round robin over tenants and people, as a bulk event would queue them.
  for (let i = 0; i < total; i++) {
    const tenant = i % shape.tenants;
    const person = Math.floor(i / shape.tenants) % shape.recipientsPerTenant;
    const tenantId = `7e000000-0000-4000-8000-${String(tenant).padStart(12, '0')}`;
    const aadObjectId = `f0000000-${String(tenant).padStart(4, '0')}-4000-8000-${String(person).padStart(12, '0')}`;
    const recipient = { tenantId, aadObjectId, displayName: `Person ${tenant}/${person}`, role: 'admin' as const };
    if (i < shape.tenants * shape.recipientsPerTenant) {
      const conversation = { id: `a:fan-t${tenant}-p${person}`, conversationType: 'personal', tenantId };
      const user = { id: `29:${aadObjectId}`, name: recipient.displayName, aadObjectId };
      ops.push(
        put(
          'conversation',
          {
            key: userKey(recipient),
            aadObjectId,
            tenantId,
            reference: {
              channelId: 'msteams',
              serviceUrl: connector.url,
              user,
              conversation,
              bot: { id: '28:bench', name: 'bench' },
            },
            updatedAt: at,
            version: 0,
          },
          0,
        ),
      );
    }
    const merge: MergeRequest = {
      id: `fan-${i}`,
      status: 'cancelled',
      initiatorMpnId: '1000000',
      initiatorCompanyName: `fanout#${i}`,
      invitedMpnId: '1000001',
      invitedCompanyName: 'Bench',
      createdAt: at,
      createdBy: { kind: 'system' },
      updatedAt: at,
      expiresAt: at,
      remindAt: at,
      cancelledAt: at,
      cancelledBy: { kind: 'system' },
      cancelledFrom: 'invited',
      audit: [],
      version: 0,
    };
    const entry: OutboxEntry = {
      id: `fan-${i}:0:mergeText`,
      mergeId: merge.id,
      auditIndex: 0,
      action: 'cancelled',
      kind: 'mergeText',
      recipient,
      status: 'pending',
      attempts: 0,
      createdAt: at,
      nextAttemptAt: at,
      version: 0,
    };
    ops.push(put('merge', merge, 0), put('outbox', entry, 0));
  }
  await store.commit(ops);

  const config = configFrom({
    STORE: 'memory',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    NODE_ENV: 'production',
    NOTIFY_SERVICE_URL: connector.url,
    OUTBOX_CONCURRENCY: '64',
    OUTBOX_POLL_MS: '50',
    RATE_LIMIT_PER_THREAD: rules(PER_THREAD, marginMs),
    RATE_LIMIT_PER_TENANT: rules(PER_TENANT, marginMs),
  });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await createApp({ config, logger: createLogger(config, sink), store });
  const started = performance.now();
  app.notifications.start();
  const deadline = Date.now() + 600_000;
  while (
    (await store.outbox.count('delivered')) +
      (await store.outbox.count('dead')) +
      (await store.outbox.count('failed')) <
      total &&
    Date.now() < deadline
  )
    await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  let attempts = 0;
  for (const status of ['delivered', 'dead', 'failed', 'pending', 'sending', 'parked'] as const) {
    for (const e of await store.outbox.listByStatus(status)) attempts += e.attempts;
  }
  await app.stop();
  await connector.stop();
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < total; i++) {
    const n = connector.deliveries.get(String(i)) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  const minimumSeconds = theoreticalMinimumMs(shape) / 1000;
  return {
    notifications: total,
    seconds,
    minimumSeconds,
    ratio: seconds / minimumSeconds,
    throttled429: connector.throttled,
    retries: attempts - total,
    lost,
    duplicated,
  };
}
