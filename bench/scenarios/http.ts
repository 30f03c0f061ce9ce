/**
 * Loopback HTTP load on /api/messages with autocannon: every request is a fresh
 * Teams-shaped activity (new id), built by a generator so each decision hits its own merge.
 */
import autocannon from 'autocannon';
import { teamsActivity, type TeamsUser } from '../../test/harness/index.js';
import type { TeamsLimitedConnector } from '../teamsLimitedConnector.js';
import type { NotificationDrain } from '../report.js';

export interface LoadResult extends Record<string, number> {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

export type BodyFactory = () => Record<string, unknown> | undefined;

export async function load(
  url: string,
  body: BodyFactory,
  options: { connections: number; durationS?: number; amount?: number },
): Promise<LoadResult> {
  const started = performance.now();
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    timeout: 30,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const activity = body();
          // Out of bodies (every fresh merge decided): repeat the last request shape.
          return activity === undefined ? request : { ...request, body: JSON.stringify(activity) };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = result['2xx'];
  return {
    requests: ok,
    rps: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export function message(serviceUrl: string, text: string, users: readonly TeamsUser[]): BodyFactory {
  let i = 0;
  return () =>
    teamsActivity(serviceUrl, 'message', { user: users[i++ % users.length]!, extra: { text, textFormat: 'plain' } });
}

export function cardAction(
  serviceUrl: string,
  verb: string,
  data: Readonly<Record<string, unknown>>,
  user: TeamsUser,
): Record<string, unknown> {
  return teamsActivity(serviceUrl, 'invoke', {
    user,
    extra: {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    },
  });
}

/** Approve / reject (with a reason) alternately, each on the next fresh merge, by its invited admin. */
export function decisions(
  serviceUrl: string,
  fresh: ReadonlyArray<{ readonly mergeId: string; readonly admin: TeamsUser }>,
  cursor: { next: number },
): BodyFactory {
  return () => {
    const target = fresh[cursor.next];
    if (target === undefined) return undefined;
    const approve = cursor.next++ % 2 === 0;
    return cardAction(
      serviceUrl,
      approve ? 'merge.accept' : 'merge.reject',
      approve ? { mergeId: target.mergeId } : { mergeId: target.mergeId, reason: 'Not this quarter' },
      target.admin,
    );
  };
}

/**
 * Each decision sends one notification (the initiator's new card) from the outbox, which
 * yields to incoming requests: how many went out during the run, and when the rest had.
 */
export async function drained(
  connector: TeamsLimitedConnector,
  callsBefore: number,
  decided: number,
): Promise<NotificationDrain> {
  const sentDuring = connector.requests - callsBefore;
  const started = performance.now();
  while (connector.requests - callsBefore < decided && performance.now() - started < 60_000)
    await new Promise((done) => setTimeout(done, 20));
  return {
    decided,
    sentDuring,
    sent: connector.requests - callsBefore,
    drainSeconds: (performance.now() - started) / 1000,
  };
}
