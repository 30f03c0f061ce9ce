/**
 * The activity handler stays thin: messages go to the main dialog, card actions to the
 * verb registry, installs get the welcome card. State is saved once at the end of a turn.
 */
import {
  TeamsActivityHandler,
  type BotState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { HelpAudienceOf, MainDialog } from '../dialogs/mainDialog.js';
import { helpCardAttachment } from '../dialogs/helpCard.js';
import type { CardActionRegistry } from './cardActions.js';
import { normalizeIncomingText } from './incomingText.js';
import { turnLogger } from './turnContext.js';
import type { Logger } from '../services/loggerPort.js';

export interface TeamsBotDeps {
  readonly conversationState: BotState;
  readonly mainDialog: MainDialog;
  readonly cardActions: CardActionRegistry;
  readonly logger: Logger;
  /** Runs before every turn's handlers (e.g. remembering where to reach the user). */
  readonly beforeTurn?: (context: TurnContext) => Promise<void>;
  /** Who the welcome card is for (member flows, or Register your company). */
  readonly audienceOf?: HelpAudienceOf;
}

export class TeamsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('DialogState');

    this.onMessage(async (context, next) => {
      normalizeIncomingText(context.activity);
      await this.deps.mainDialog.run(context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (botWasAdded)
        await context.sendActivity({
          attachments: [helpCardAttachment(context.activity.locale, undefined, await this.deps.audienceOf?.(context))],
        });
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.deps.beforeTurn?.(context);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const response = await this.deps.cardActions.handle(context, turnLogger(context, this.deps.logger));
      // Teams reads the status from the body; HTTP 200 carries both success and refusal cards.
      return { status: 200, body: response };
    }
    // Card actions are the only invokes this bot declares; botbuilder's own handlers would
    // answer the others with 501, or a 500 when their value is malformed.
    turnLogger(context, this.deps.logger).warn(
      { name: String(context.activity.name).slice(0, 100) },
      'unsupported invoke',
    );
    return { status: 400, body: { error: 'UnsupportedInvoke' } };
  }
}
