/**
 * What one delivery attempt came to, and how a connector error is read: status and
 * Retry-After, whatever client library shaped the error, and whether trying again can help.
 */
export type SendOutcome =
  | { readonly kind: 'delivered'; readonly activityId?: string }
  /** Transient (429/412/5xx/network): try again, after `retryAfterMs` when the service said so. */
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /**
   * No conversation and none can be created (app not installed for the user): wait for them.
   * `alreadyWaiting`: notifications for the person are parked already, so none was tried.
   */
  | { readonly kind: 'unreachable'; readonly error: string; readonly alreadyWaiting?: boolean }
  /** Refused for good (bot removed, conversation gone, bad request). */
  | { readonly kind: 'failed'; readonly error: string }
  /**
   * The claim ran out before the send and another dispatcher holds the entry now: nothing
   * was sent and nothing is recorded (the holder sends and records it).
   */
  | { readonly kind: 'lost'; readonly error: string };

/**
 * The claim on an entry being delivered. A sender confirms it right before each message it
 * sends: a claim more than a quarter spent is renewed first, and one that another dispatcher
 * took over is not sent on, so a slow attempt never sends beside the attempt after it.
 */
export interface Lease {
  confirm(): Promise<boolean>;
}

/** For sends outside the outbox (a turn's own card): nothing to confirm. */
export const NO_LEASE: Lease = { confirm: () => Promise.resolve(true) };

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

/** Status and Retry-After of a connector error, whatever client library shaped it. */
export function classifyError(err: unknown): { status?: number; retryAfterMs?: number; message: string } {
  const e = err as {
    statusCode?: unknown;
    status?: unknown;
    response?: { status?: unknown; headers?: unknown };
    message?: unknown;
    code?: unknown;
  };
  const status = [e?.statusCode, e?.status, e?.response?.status].find((v): v is number => typeof v === 'number');
  const headers = e?.response?.headers as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  let retryAfter: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function')
    retryAfter = (headers as { get: (n: string) => unknown }).get('retry-after');
  else if (headers)
    retryAfter =
      (headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After'];
  const retryAfterMs = parseRetryAfter(retryAfter);
  const message = typeof e?.message === 'string' ? e.message.slice(0, 300) : String(err).slice(0, 300);
  return {
    ...(status !== undefined ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message,
  };
}

function parseRetryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * A connector that answers that it does not know the person (the Agents Playground says
 * "500 User not found" for anyone who has not opened it): retrying cannot help, so the
 * entry is parked until the person opens the bot, instead of retried to a dead letter.
 */
export function isUnknownUser(status: number | undefined, message: string): boolean {
  return status !== undefined && /\buser not found\b/i.test(message);
}

export function outcomeOf(err: unknown): SendOutcome {
  if (err instanceof LeaseLostError) return { kind: 'lost', error: err.message };
  const { status, retryAfterMs, message } = classifyError(err);
  const error = status === undefined ? message : `${status} ${message}`;
  if (isUnknownUser(status, message)) return { kind: 'unreachable', error };
  if (status === undefined || RETRYABLE.has(status))
    return { kind: 'retry', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  return { kind: 'failed', error };
}
