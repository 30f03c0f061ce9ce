/**
 * Universal Actions (`Action.Execute`, invoke `adaptiveCard/action`): one handler per verb.
 * The registry parses the invoke value defensively (card data comes from the client and
 * is never trusted beyond its shape); handlers reload state from the store themselves.
 */
import { z } from 'zod';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../services/loggerPort.js';
import { t } from '../services/i18n/index.js';
import type { AdaptiveCardJson } from '../cards/render.js';

const InvokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

export interface CardActionRequest {
  readonly context: TurnContext;
  readonly verb: string;
  /** Untrusted: whatever the card sent back. Handlers validate what they use. */
  readonly data: Readonly<Record<string, unknown>>;
  /** `automatic` for `refresh` invokes, `manual` for a click. */
  readonly trigger: 'manual' | 'automatic';
  readonly locale: string | undefined;
  readonly logger: Logger;
}

export type CardActionHandler = (request: CardActionRequest) => Promise<AdaptiveCardInvokeResponse>;

const ERROR_TYPE = 'application/vnd.microsoft.error';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_TYPE, value: card };
}

/** Clients show an invoke error's message as plain text: catalog markdown (`**history**`) is dropped. */
export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: ERROR_TYPE, value: { code, message: message.replace(/\*\*([^*]+)\*\*/g, '$1') } };
}

export class CardActionRegistry {
  private readonly handlers = new Map<string, CardActionHandler>();

  register(verb: string, handler: CardActionHandler): this {
    if (this.handlers.has(verb)) throw new Error(`card action verb ${verb} is registered twice`);
    this.handlers.set(verb, handler);
    return this;
  }

  get verbs(): readonly string[] {
    return [...this.handlers.keys()];
  }

  async handle(context: TurnContext, logger: Logger): Promise<AdaptiveCardInvokeResponse> {
    const locale = context.activity.locale;
    const parsed = InvokeValueSchema.safeParse(context.activity.value);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'malformed adaptiveCard/action invoke');
      return errorResponse(400, 'BadRequest', t(locale, 'core.cardAction.malformed'));
    }
    const { verb, data } = parsed.data.action;
    const handler = this.handlers.get(verb);
    if (!handler) {
      logger.warn({ verb }, 'unknown card action verb');
      return errorResponse(400, 'NotSupported', t(locale, 'core.cardAction.unknownVerb'));
    }
    return handler({ context, verb, data: data ?? {}, trigger: parsed.data.trigger ?? 'manual', locale, logger: logger.child({ verb }) });
  }
}
