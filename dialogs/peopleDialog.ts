/**
 * `people` / `mensen`: the People and locations card of every partner account the person
 * has a role in. Changes happen on the card (bot/people/peopleActions.ts), which re-checks
 * who may make them; someone the bot does not know is told how to get in.
 */
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../services/i18n/index.js';
import type { PeopleService } from '../services/accounts/peopleService.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { cardAttachment } from '../cards/render.js';
import { accountPeopleCard } from '../cards/accountPeople.js';
import type { NotKnownReply } from './notKnown.js';

export const PEOPLE_DIALOG = 'peopleDialog';
const FLOW = 'peopleDialog.flow';

export interface PeopleDialogDeps {
  readonly people: PeopleService;
  readonly notKnown: NotKnownReply;
}

export class PeopleDialog extends ComponentDialog {
  constructor(private readonly deps: PeopleDialogDeps) {
    super(PEOPLE_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    if (!viewer) {
      await step.context.sendActivity(t(locale, 'core.cannotIdentify'));
      return step.endDialog();
    }
    const views = await this.deps.people.visibleTo(viewer);
    if (views.length === 0) {
      await step.context.sendActivity(await this.deps.notKnown(viewer, t(locale, 'watchers.dialog.noAccount')));
      return step.endDialog();
    }
    for (const view of views) {
      const card = accountPeopleCard({ account: view.account, viewer, canChange: view.canChange, locale });
      await step.context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    }
    return step.endDialog();
  }
}
