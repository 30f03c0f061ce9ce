/**
 * `registrations` / `registraties`: the operator's reviewers get the card of every
 * registration waiting for review (the oldest first), with Approve and Reject; anyone
 * else is told that this is for reviewers, and sees nothing of any registration.
 */
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../services/i18n/index.js';
import type { RegistrationService } from '../services/accounts/registrationService.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { cardAttachment } from '../cards/render.js';
import { plainMessage } from '../cards/plainMessage.js';
import { registrationCard } from '../cards/registration.js';

export const REVIEW_DIALOG = 'reviewDialog';
const FLOW = 'reviewDialog.flow';

/** A chat turn shows this many; the rest come with the next `registrations`, once these are decided. */
export const REVIEW_CARDS_SHOWN = 10;

export class ReviewDialog extends ComponentDialog {
  constructor(private readonly deps: { readonly registrations: RegistrationService }) {
    super(REVIEW_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    if (!viewer || !this.deps.registrations.isReviewer(viewer)) {
      await step.context.sendActivity(plainMessage(t(locale, 'registration.review.notReviewer')));
      return step.endDialog();
    }
    const pending = await this.deps.registrations.pendingFor(viewer);
    if (pending.length === 0) await step.context.sendActivity(plainMessage(t(locale, 'registration.review.none')));
    for (const registration of pending.slice(0, REVIEW_CARDS_SHOWN)) {
      const card = registrationCard({
        registration,
        audience: 'reviewer',
        refreshUserIds: viewer.mri ? [viewer.mri] : [],
        locale,
      });
      await step.context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    }
    return step.endDialog();
  }
}
