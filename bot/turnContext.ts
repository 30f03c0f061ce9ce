/**
 * Per-turn values kept in the TurnContext: a correlation id (shown to users in apologies,
 * present on every log line of the turn) and the turn's child logger.
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext, Middleware } from 'botbuilder';
import type { Logger } from '../services/loggerPort.js';
import type { StoreReads } from '../services/store/types.js';

const CORRELATION_ID = Symbol('correlationId');
const TURN_LOGGER = Symbol('turnLogger');
const TURN_READS = Symbol('turnReads');

/**
 * The turn's one look at the store, taken when the turn starts: what the turn reads (the
 * conversation, a decision's merge and accounts) comes from it, so a click costs Azure one
 * `~gen` read. Undefined outside a turn the bot set up.
 */
export function turnReads(context: TurnContext): StoreReads | undefined {
  return context.turnState.get<StoreReads | undefined>(TURN_READS);
}

export function setTurnReads(context: TurnContext, reads: StoreReads): void {
  context.turnState.set(TURN_READS, reads);
}

export function correlationIdOf(context: TurnContext): string {
  const id: unknown = context.turnState.get(CORRELATION_ID);
  return typeof id === 'string' ? id : 'unknown';
}

/** The turn's logger (with correlation id); `fallback` when the middleware did not run. */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  const logger: unknown = context.turnState.get(TURN_LOGGER);
  return logger ? (logger as Logger) : fallback;
}

/** First middleware of the adapter: gives every turn its correlation id and logger. */
export function correlationMiddleware(logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      const correlationId = randomUUID();
      const a = context.activity;
      const child = logger.child({
        correlationId,
        activityId: a.id,
        activityType: a.type,
        activityName: a.name,
        conversationId: a.conversation?.id,
        tenantId: a.conversation?.tenantId,
        userAadObjectId: a.from?.aadObjectId,
      });
      context.turnState.set(CORRELATION_ID, correlationId);
      context.turnState.set(TURN_LOGGER, child);
      child.debug('turn start');
      await next();
      child.debug('turn end');
    },
  };
}
