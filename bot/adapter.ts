/**
 * CloudAdapter wiring: Bot Framework authentication from our validated config (anonymous
 * local mode when no app id), the correlation middleware, and an `onTurnError` that logs
 * once, apologizes without detail, answers invokes with an error response, and clears the
 * conversation's dialog state so a broken dialog cannot trap the user.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotAuthConfig } from './config.js';
import type { Logger } from '../services/logger.js';
import { t } from '../services/i18n/index.js';
import { correlationIdOf, correlationMiddleware, turnLogger } from './turnContext.js';
import { errorResponse } from './cardActions.js';

export interface AdapterDeps {
  readonly auth: BotAuthConfig;
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  /** Extra botbuilder configuration keys (e.g. loopback OpenID endpoints in tests). */
  readonly authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** CloudAdapter with the protected `processActivity` made reachable, invoke response included. */
export class BotAdapter extends CloudAdapter {
  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(deps: AdapterDeps): BotAdapter {
  const { auth, logger, conversationState } = deps;
  const botFrameworkAuth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId ?? '',
    MicrosoftAppPassword: auth.appPassword ?? '',
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.appTenantId ?? '',
    ...deps.authOverrides,
  });
  const adapter = new BotAdapter(botFrameworkAuth);
  adapter.use(correlationMiddleware(logger));
  adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    const log = turnLogger(context, logger);
    const correlationId = correlationIdOf(context);
    log.error({ err: error, correlationId }, 'unhandled error in turn');
    try {
      // A dialog that threw once will likely throw again: start the user afresh.
      await conversationState.delete(context);
    } catch (clearError: unknown) {
      log.warn({ err: clearError }, 'could not clear conversation state after error');
    }
    const apology = t(context.activity.locale, 'core.apology', { correlationId });
    try {
      if (context.activity.type === (ActivityTypes.Invoke as string)) {
        const isCardAction = context.activity.name === 'adaptiveCard/action';
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: isCardAction
            ? { status: 200, body: errorResponse(500, 'InternalServerError', apology) }
            : { status: 500, body: { error: 'InternalServerError', correlationId } },
        });
      } else if (context.activity.type === (ActivityTypes.Message as string)) {
        await context.sendActivity(apology);
      }
    } catch (sendError: unknown) {
      log.warn({ err: sendError }, 'could not send the apology');
    }
  };
  return adapter;
}
