/**
 * CloudAdapter wiring: Bot Framework authentication from our validated config (anonymous
 * local mode when no app id), the correlation middleware, and an `onTurnError` that logs
 * once, apologizes without detail, answers invokes with an error response, and clears the
 * conversation's dialog state so a broken dialog cannot trap the user.
 */
import {
  ActivityTypes,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type InvokeResponse,
  type BotState,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotAuthConfig } from './config.js';
import {
  createBotFrameworkAuthentication,
  InboundAuthenticator,
  tokenPolicyFor,
  type InboundAuthResult,
} from './auth.js';
import { markInbound, tenantGuard } from './tenantGuard.js';
import { ReusedClientsAuthentication } from './reusedClients.js';
import type { Logger } from '../services/loggerPort.js';
import { t } from '../services/i18n/index.js';
import { correlationIdOf, correlationMiddleware, turnLogger } from './turnContext.js';
import { errorResponse } from './cardActions.js';

export interface AdapterDeps {
  readonly auth: BotAuthConfig;
  readonly logger: Logger;
  readonly conversationState: BotState;
  /** Extra botbuilder configuration keys (e.g. loopback OpenID endpoints in tests). */
  readonly authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Outbound (bot → connector) credentials; default: from the app id and password. */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
  /** Tenants served (lower case); empty: all. See bot/tenantGuard.ts. */
  readonly allowedTenants?: readonly string[];
}

/**
 * CloudAdapter with authentication split from processing: `authenticate` never throws (a
 * forged request is a 401, see bot/auth.ts), `handleActivity` runs an authenticated turn.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    botFrameworkAuth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly authenticator: InboundAuthenticator,
  ) {
    super(botFrameworkAuth);
  }

  authenticate(activity: Activity, authHeader: string): Promise<InboundAuthResult> {
    return this.authenticator.authenticate(activity, authHeader);
  }

  handleActivity(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    markInbound(activity);
    return this.processActivity(auth, activity, logic);
  }
}

export function createAdapter(deps: AdapterDeps): BotAdapter {
  const { auth, logger, conversationState } = deps;
  const authOptions = { auth, overrides: deps.authOverrides, credentialsFactory: deps.credentialsFactory };
  const botFrameworkAuth = new ReusedClientsAuthentication(createBotFrameworkAuthentication(authOptions));
  const adapter = new BotAdapter(
    botFrameworkAuth,
    new InboundAuthenticator(botFrameworkAuth, tokenPolicyFor(authOptions)),
  );
  adapter.use(correlationMiddleware(logger));
  adapter.use(tenantGuard({ allowedTenants: deps.allowedTenants ?? [], logger }));
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
