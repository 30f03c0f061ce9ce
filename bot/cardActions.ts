/**
 * Universal Actions (`Action.Execute`, invoke `adaptiveCard/action`): one typed route per
 * verb. A route names its verb, the zod schema of the data its card sends back, and a
 * handler that gets that data parsed and the person who clicked. Everything a handler
 * need not think about is refused here, once, in the clicker's language: a malformed invoke
 * or unknown verb (400), data that does not fit the verb (400), a clicker without an Entra
 * identity (401), and what a handler refuses as not found (404) or forbidden (403). Card
 * data comes from the client and is never trusted beyond its shape; handlers reload state
 * from the store themselves.
 */
import { z } from 'zod';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../services/loggerPort.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import type { Viewer } from '../services/merge/viewer.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from '../cards/render.js';

const InvokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

export interface CardActionRequest<D> {
  readonly context: TurnContext;
  readonly verb: string;
  /** What the card sent back, parsed by the route's schema. */
  readonly data: D;
  /** Who clicked, from the activity (Entra object id and tenant), never from the card. */
  readonly viewer: Viewer;
  /** `automatic` for `refresh` invokes, `manual` for a click. */
  readonly trigger: 'manual' | 'automatic';
  readonly locale: string | undefined;
  readonly logger: Logger;
}

/** A refusal the registry answers: the message is the clicker's, the log fields the operator's (ids only). */
export interface CardRefusal {
  readonly refuse: 'not-found' | 'forbidden';
  readonly message: string;
  readonly log: { readonly msg: string } & Readonly<Record<string, unknown>>;
}

export type CardActionResult = AdaptiveCardInvokeResponse | CardRefusal;

export interface CardRoute<S extends z.ZodType> {
  readonly verb: string;
  readonly data: S;
  /** The message for data that does not fit the schema (default: the generic "this card is out of date"). */
  readonly malformed?: MessageKey;
  readonly handle: (request: CardActionRequest<z.output<S>>) => Promise<CardActionResult>;
}

const ERROR_TYPE = 'application/vnd.microsoft.error';

export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** Clients show an invoke error's message as plain text: catalog markdown (`**history**`) is dropped. */
export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: ERROR_TYPE, value: { code, message: message.replace(/\*\*([^*]+)\*\*/g, '$1') } };
}

/** What the registry holds: the route with its data type erased (it parses the data itself). */
interface StoredRoute {
  readonly data: z.ZodType;
  readonly malformed: MessageKey;
  readonly handle: (request: CardActionRequest<unknown>) => Promise<CardActionResult>;
}

export class CardActionRegistry {
  private readonly routes = new Map<string, StoredRoute>();

  route<S extends z.ZodType>(route: CardRoute<S>): this {
    if (this.routes.has(route.verb)) throw new Error(`card action verb ${route.verb} is registered twice`);
    const handle = route.handle as (request: CardActionRequest<unknown>) => Promise<CardActionResult>;
    this.routes.set(route.verb, {
      data: route.data,
      malformed: route.malformed ?? 'core.cardAction.malformed',
      handle,
    });
    return this;
  }

  get verbs(): readonly string[] {
    return [...this.routes.keys()];
  }

  async handle(context: TurnContext, logger: Logger): Promise<AdaptiveCardInvokeResponse> {
    const locale = context.activity.locale;
    const parsed = InvokeValueSchema.safeParse(context.activity.value);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'malformed adaptiveCard/action invoke');
      return errorResponse(400, 'BadRequest', t(locale, 'core.cardAction.malformed'));
    }
    const { verb } = parsed.data.action;
    const route = this.routes.get(verb);
    if (!route) {
      logger.warn({ verb }, 'unknown card action verb');
      return errorResponse(400, 'NotSupported', t(locale, 'core.cardAction.unknownVerb'));
    }
    const data = route.data.safeParse(parsed.data.action.data ?? {});
    if (!data.success) {
      logger.warn(
        { verb, fields: [...new Set(data.error.issues.map((i) => i.path.join('.')))].slice(0, 5) },
        'card action data does not fit its verb',
      );
      return errorResponse(400, 'BadRequest', t(locale, route.malformed));
    }
    const viewer = viewerOf(context.activity);
    if (!viewer) return errorResponse(401, 'Unauthorized', t(locale, 'core.cannotIdentify'));
    const log = logger.child({ verb });
    const result = await route.handle({
      context,
      verb,
      data: data.data,
      viewer,
      trigger: parsed.data.trigger ?? 'manual',
      locale,
      logger: log,
    });
    if (!('refuse' in result)) return result;
    const { msg, ...fields } = result.log;
    log.warn(fields, msg);
    return result.refuse === 'not-found'
      ? errorResponse(404, 'NotFound', result.message)
      : errorResponse(403, 'Forbidden', result.message);
  }
}

/** Card data shapes the routes share. */
export const cardData = {
  /** A text input: Teams sends a string (or nothing when left empty); cut to `max`. */
  text: (max: number) =>
    z
      .string()
      .optional()
      .transform((v) => (v ?? '').slice(0, max)),
  /** A value the card itself carries, checked by `test`. */
  id: (test: (value: string) => boolean) => z.string().refine(test),
};
