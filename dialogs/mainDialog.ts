/**
 * The root dialog: recognizes typed commands and starts the matching flow. It also owns
 * the interruptions that apply everywhere: `cancel` ends whatever is running, `help`
 * shows the help card, and a new command mid-flow switches to that flow.
 */
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { t } from '../services/i18n/index.js';
import { helpCardAttachment, MEMBER_AUDIENCE, type HelpAudience } from './helpCard.js';
import { recognizeIntent, type Intent } from './intents.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTER = 'mainDialog.router';

/** Teams says `personal` for the one-to-one chat with the bot; no type at all counts the same (emulators). */
const isPersonal = (conversationType: string | undefined): boolean =>
  conversationType === undefined || conversationType === 'personal';

type FlowIntent = Extract<
  Intent,
  { kind: 'checkDomain' | 'startMerge' | 'history' | 'managers' | 'register' | 'people' | 'review' }
>;

/** A flow the main dialog can start: its dialog and how to build its options from the intent. */
export interface FlowRoute<I extends FlowIntent = FlowIntent> {
  readonly dialog: Dialog;
  readonly options: (intent: I) => object;
}

export interface MainDialogRoutes {
  readonly checkDomain?: FlowRoute<Extract<Intent, { kind: 'checkDomain' }>>;
  readonly startMerge?: FlowRoute<Extract<Intent, { kind: 'startMerge' }>>;
  readonly history?: FlowRoute<Extract<Intent, { kind: 'history' }>>;
  readonly managers?: FlowRoute<Extract<Intent, { kind: 'managers' }>>;
  readonly register?: FlowRoute<Extract<Intent, { kind: 'register' }>>;
  readonly people?: FlowRoute<Extract<Intent, { kind: 'people' }>>;
  readonly review?: FlowRoute<Extract<Intent, { kind: 'review' }>>;
}

/** Who the help card is for (member flows, Register your company, Review); default: every member flow. */
export type HelpAudienceOf = (context: TurnContext) => Promise<HelpAudience>;

export class MainDialog extends ComponentDialog {
  constructor(
    private readonly routes: MainDialogRoutes,
    private readonly audienceOf: HelpAudienceOf = () => Promise.resolve(MEMBER_AUDIENCE),
  ) {
    super(MAIN_DIALOG);
    for (const route of Object.values(routes) as Array<FlowRoute | undefined>) {
      if (route) this.addDialog(route.dialog);
    }
    this.addDialog(new WaterfallDialog(ROUTER, [this.routeStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = ROUTER;
  }

  /** Runs one turn: continue the active flow, or route the message to a new one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(inner);
    return interrupted ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = inner.context;
    if (activity.type !== 'message') return undefined;
    const intent = recognizeIntent(activity.text);
    switch (intent.kind) {
      case 'cancel':
        await inner.cancelAllDialogs();
        await inner.context.sendActivity(t(activity.locale, 'core.cancelled'));
        return inner.endDialog();
      case 'help':
        await inner.context.sendActivity({
          attachments: [helpCardAttachment(activity.locale, undefined, await this.audienceOf(inner.context))],
        });
        return { status: DialogTurnStatus.waiting };
      case 'checkDomain':
      case 'startMerge':
      case 'history':
      case 'managers':
      case 'register':
      case 'people':
      case 'review':
        if (!this.routeFor(intent)) return undefined;
        await inner.cancelAllDialogs();
        return inner.replaceDialog(ROUTER);
      default:
        return undefined;
    }
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { activity } = step.context;
    const intent = recognizeIntent(activity.text);
    switch (intent.kind) {
      case 'help':
        await step.context.sendActivity({
          attachments: [helpCardAttachment(activity.locale, activity.from?.name, await this.audienceOf(step.context))],
        });
        return step.endDialog();
      case 'cancel':
        await step.context.sendActivity(t(activity.locale, 'core.nothingToCancel'));
        return step.endDialog();
      case 'checkDomain':
      case 'startMerge':
      case 'history':
      case 'managers':
      case 'register':
      case 'people':
      case 'review': {
        // A merge, an account's history, its people and registrations are not for everyone in a team or group chat.
        if (intent.kind !== 'checkDomain' && !isPersonal(activity.conversation?.conversationType)) {
          await step.context.sendActivity(t(activity.locale, 'core.personalOnly'));
          return step.endDialog();
        }
        const route = this.routeFor(intent);
        if (!route) {
          await step.context.sendActivity(t(activity.locale, 'core.featureUnavailable'));
          return step.endDialog();
        }
        return step.beginDialog(route.dialog.id, route.options(intent));
      }
      case 'unknown':
        await step.context.sendActivity(t(activity.locale, 'core.notUnderstood'));
        return step.endDialog();
    }
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private routeFor(intent: FlowIntent): FlowRoute | undefined {
    // Each route is typed for its own intent; the kind check makes the call safe.
    return this.routes[intent.kind] as FlowRoute | undefined;
  }
}
