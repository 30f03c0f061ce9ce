/**
 * `register` / `registreren`: a person whose organization the bot does not know gets the
 * registration form; someone already known, or whose organization's registration is
 * waiting, is told where they stand instead. The form's button is a card action
 * (bot/registration/registrationActions.ts), so the rest happens on the card.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../services/i18n/index.js';
import { describeError, DomainError } from '../services/errors.js';
import type { RegistrationService } from '../services/accounts/registrationService.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { cardAttachment } from '../cards/render.js';
import { plainMessage } from '../cards/plainMessage.js';
import { registrationFormCard } from '../cards/registrationForm.js';
import { registrationCard } from '../cards/registration.js';

export const REGISTER_DIALOG = 'registerDialog';
const FLOW = 'registerDialog.flow';

export interface RegisterDialogDeps {
  readonly registrations: RegistrationService;
  /** The person's sign-in name as Teams knows it (undefined when Teams does not say). */
  readonly signInName: (context: TurnContext) => Promise<string | undefined>;
}

export class RegisterDialog extends ComponentDialog {
  constructor(private readonly deps: RegisterDialogDeps) {
    super(REGISTER_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { locale } = context.activity;
    const viewer = viewerOf(context.activity);
    if (!viewer) {
      await context.sendActivity(t(locale, 'core.cannotIdentify'));
      return step.endDialog();
    }
    const { registrations } = this.deps;
    if (!registrations.open) {
      await context.sendActivity(plainMessage(t(locale, 'registration.closed')));
      return step.endDialog();
    }
    const standing = await registrations.standing(viewer);
    switch (standing.kind) {
      case 'member':
      case 'tenant-known': {
        const account = standing.kind === 'member' ? standing.accounts[0]! : standing.account;
        await context.sendActivity(
          plainMessage(
            describeError(
              new DomainError('tenant-has-account', { company: account.companyName, mpnId: account.globalMpnId }),
              locale,
            ),
          ),
        );
        return step.endDialog();
      }
      case 'pending': {
        const card = registrationCard({
          registration: standing.registration,
          audience: 'requester',
          refreshUserIds: viewer.mri ? [viewer.mri] : [],
          locale,
        });
        await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
        return step.endDialog();
      }
      case 'unknown': {
        const address = await this.deps.signInName(context);
        const requester = address ? { name: viewer.displayName, address } : undefined;
        await context.sendActivity(
          MessageFactory.attachment(
            cardAttachment(registrationFormCard({ locale, ...(requester ? { requester } : {}) })),
          ),
        );
        return step.endDialog();
      }
    }
  }
}
