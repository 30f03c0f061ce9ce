/**
 * Sending outside a turn: continue a stored conversation and send or update an activity.
 * Anonymous local mode continues with an empty app id, as the adapter expects there.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { BotAdapter } from './adapter.js';

export class ProactiveMessenger {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
  ) {}

  /** Sends `activity` into the conversation; resolves with the new activity id. */
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context: TurnContext) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  /** Replaces an activity sent earlier (cards updated in place). */
  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (context: TurnContext) => {
      await context.updateActivity({ ...activity, id: activityId, type: 'message' });
    });
  }
}
