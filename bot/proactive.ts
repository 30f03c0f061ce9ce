/**
 * Sending outside a turn: continue a stored conversation and send or update an activity.
 * Anonymous local mode continues with an empty app id, as the adapter expects there.
 *
 * The adapter routes errors inside proactive logic to `onTurnError`, which would swallow
 * them; the outbox must see every failure (429, 403, 404), so each call captures the
 * error inside the logic and rethrows it to the caller.
 */
import type { Activity, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { BotAdapter } from './adapter.js';
import { NO_TELEMETRY, type Telemetry } from '../services/telemetryPort.js';

export class ProactiveMessenger {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly telemetry: Telemetry = NO_TELEMETRY,
  ) {}

  /** Sends `activity` into the conversation; resolves with the new activity id. */
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.telemetry.span('connector.send', spanAttributes(reference), () =>
      this.continueWith(reference, async (context) => {
        id = (await context.sendActivity(activity))?.id;
      }),
    );
    return id;
  }

  /** Replaces an activity sent earlier (cards updated in place). */
  async update(
    reference: Partial<ConversationReference>,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<void> {
    await this.telemetry.span('connector.update', spanAttributes(reference), () =>
      this.continueWith(reference, async (context) => {
        await context.updateActivity({ ...activity, id: activityId, type: 'message' });
      }),
    );
  }

  /** Starts a personal conversation (Teams: with a user the app is installed for). */
  async createConversation(
    serviceUrl: string,
    parameters: Partial<ConversationParameters>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const bot = this.appId ? { bot: { id: `28:${this.appId}`, name: '' } } : {};
    await this.telemetry.span('connector.create_conversation', { 'tenant.id': parameters.tenantId ?? '' }, () =>
      this.rethrowing((capture) =>
        this.adapter.createConversationAsync(
          this.appId,
          'msteams',
          serviceUrl,
          '',
          { ...bot, ...parameters } as ConversationParameters,
          capture(logic),
        ),
      ),
    );
  }

  private continueWith(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.rethrowing((capture) => this.adapter.continueConversationAsync(this.appId, reference, capture(logic)));
  }

  private async rethrowing(
    run: (
      capture: (logic: (context: TurnContext) => Promise<void>) => (context: TurnContext) => Promise<void>,
    ) => Promise<void>,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    const capture =
      (logic: (context: TurnContext) => Promise<void>) =>
      async (context: TurnContext): Promise<void> => {
        try {
          await logic(context);
        } catch (error: unknown) {
          failure = { error };
        }
      };
    await run(capture);
    if (failure) throw failure.error;
  }
}

/** Which tenant a proactive call goes to; the conversation id stays out (it names people). */
function spanAttributes(reference: Partial<ConversationReference>): { 'tenant.id': string } {
  return { 'tenant.id': reference.conversation?.tenantId ?? '' };
}
