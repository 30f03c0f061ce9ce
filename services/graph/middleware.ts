/**
 * Our links of the Graph client's middleware chain (after the library's authentication
 * and telemetry handlers): a retry policy that honours Retry-After with a cap, and the
 * terminal HTTP handler with a per-attempt timeout. The library's own RetryHandler is not
 * used because it cannot cap Retry-After and its delays are not injectable for tests.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../loggerPort.js';

/** Error names the Graph client keeps as `GraphError.code` when it wraps our throws. */
export const TIMEOUT_ERROR_NAME = 'GraphRequestTimeout';
export const NETWORK_ERROR_NAME = 'GraphNetworkError';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export interface RetryPolicy {
  readonly maxRetries: number;
  /** Delay before the first retry when the server gives no Retry-After; doubles per retry. */
  readonly baseDelayMs: number;
  /** Upper bound for any single wait, Retry-After included. */
  readonly maxDelayMs: number;
}

/** Graph's documented transient answers: throttling and gateway/service unavailability. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function requestUrl(context: Context): string {
  // `RequestInfo` comes from the DOM typings, which this Node project does not load.
  const request: unknown = context.request;
  return typeof request === 'string' ? request : String((request as { url?: unknown }).url);
}

export class RetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly sleep: Sleep,
    private readonly logger: Logger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RetryMiddleware needs a next middleware');
    for (let attempt = 0; ; attempt++) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE_STATUS.has(response.status) || attempt >= this.policy.maxRetries) return;
      const advised = retryAfterMs(response.headers.get('retry-after'));
      const backoff = this.policy.baseDelayMs * 2 ** attempt;
      const delayMs = Math.min(advised ?? backoff, this.policy.maxDelayMs);
      this.logger.warn(
        {
          status: response.status,
          attempt: attempt + 1,
          delayMs,
          retryAfter: advised !== undefined,
          url: requestUrl(context),
        },
        'graph request throttled or unavailable; retrying',
      );
      await this.sleep(delayMs);
    }
  }
}

/**
 * Sends the request with `fetch` and reads the whole body under one deadline, so a server
 * that sends headers and then stalls is a timeout too. Graph answers here are small JSON.
 */
export class FetchHandler implements Middleware {
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const options = context.options ?? {};
    const upstream = options.signal;
    const signal = upstream ? AbortSignal.any([upstream, controller.signal]) : controller.signal;
    try {
      const response = await this.fetchImpl(requestUrl(context), { ...options, signal });
      const body = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 304;
      context.response = new Response(empty ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error: unknown) {
      if (controller.signal.aborted) {
        throw namedError(TIMEOUT_ERROR_NAME, `no complete answer within ${this.timeoutMs} ms`, error);
      }
      throw namedError(NETWORK_ERROR_NAME, error instanceof Error ? error.message : String(error), error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function namedError(name: string, message: string, cause: unknown): Error {
  const error = new Error(message, { cause });
  error.name = name;
  return error;
}
