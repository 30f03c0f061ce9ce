/**
 * "Check domain": asks for a work e-mail address or domain (unless the command carried
 * one), re-prompts with a specific hint on invalid input, gives up politely after
 * MAX_ATTEMPTS, and answers with the work-account result card. `cancel` works at any step:
 * the main dialog's interruptions handle it for every flow.
 */
import { ActivityTypes, MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { cardAttachment, renderCard } from '../cards/render.js';
import { workAccountResultCard, workAccountResultData } from '../cards/workAccountResult.js';
import { t } from '../services/i18n/index.js';
import type { Logger } from '../services/loggerPort.js';
import { parseAddress, type ParseErrorCode } from '../services/workAccount/parseAddress.js';
import type { WorkAccountReport } from '../services/workAccount/report.js';
import { SYNTAX_HINT_KEYS, type WorkAccountService } from '../services/workAccount/workAccountService.js';
import { tenantOf } from '../services/accounts/activityIdentity.js';

export const CHECK_DOMAIN_DIALOG = 'checkDomainDialog';
const WATERFALL = 'checkDomainDialog.waterfall';
const ADDRESS_PROMPT = 'checkDomainDialog.address';

/** Invalid answers (including an invalid address given with the command) before giving up. */
export const MAX_ATTEMPTS = 3;

export interface CheckDomainDialogOptions {
  /** The address or domain typed with the command (`check you@contoso.com`). */
  readonly initialInput?: string;
}

export interface CheckDomainDialogDeps {
  readonly workAccount: WorkAccountService;
  readonly logger: Logger;
}

/** Carried in PromptOptions.validations so the validator counts the command's input too. */
interface AttemptState {
  readonly priorAttempts: number;
}

function priorAttempts(validations: unknown): number {
  const value = (validations as Partial<AttemptState> | undefined)?.priorAttempts;
  return typeof value === 'number' ? value : 0;
}

function invalidText(locale: string | undefined, error: ParseErrorCode): string {
  return t(locale, 'workAccount.prompt.invalid', { hint: t(locale, SYNTAX_HINT_KEYS[error]) });
}

export class CheckDomainDialog extends ComponentDialog {
  constructor(private readonly deps: CheckDomainDialogDeps) {
    super(CHECK_DOMAIN_DIALOG);
    this.addDialog(new TextPrompt(ADDRESS_PROMPT, (prompt) => this.validateAddress(prompt)));
    this.addDialog(
      new WaterfallDialog<CheckDomainDialogOptions>(WATERFALL, [
        (step) => this.askStep(step),
        (step) => this.checkStep(step),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<CheckDomainDialogOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const initial = step.options.initialInput?.trim();
    if (initial) {
      const parsed = parseAddress(initial);
      if (parsed.ok) return step.next(initial);
      const validations: AttemptState = { priorAttempts: 1 };
      return step.prompt(ADDRESS_PROMPT, { prompt: invalidText(locale, parsed.error), validations });
    }
    const validations: AttemptState = { priorAttempts: 0 };
    return step.prompt(ADDRESS_PROMPT, { prompt: t(locale, 'workAccount.prompt.ask'), validations });
  }

  /** Accepts a parsable address; after MAX_ATTEMPTS accepts anything so the next step can end the dialog. */
  private async validateAddress(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { locale } = prompt.context.activity;
    const parsed =
      prompt.recognized.succeeded && prompt.recognized.value !== undefined
        ? parseAddress(prompt.recognized.value)
        : undefined;
    if (parsed?.ok) return true;
    if (priorAttempts(prompt.options.validations) + prompt.attemptCount >= MAX_ATTEMPTS) return true;
    await prompt.context.sendActivity(
      parsed ? invalidText(locale, parsed.error) : t(locale, 'workAccount.prompt.notText'),
    );
    return false;
  }

  private async checkStep(step: WaterfallStepContext<CheckDomainDialogOptions>): Promise<DialogTurnResult> {
    const { activity } = step.context;
    const input = typeof step.result === 'string' ? step.result : '';
    if (!parseAddress(input).ok) {
      this.deps.logger.info({ attempts: MAX_ATTEMPTS }, 'check domain: no valid input; giving up');
      await step.context.sendActivity(t(activity.locale, 'workAccount.prompt.tooManyAttempts'));
      return step.endDialog();
    }
    await step.context.sendActivity({ type: ActivityTypes.Typing });
    const report: WorkAccountReport = await this.deps.workAccount.checkWorkAccount({
      input,
      admin: {
        aadObjectId: activity.from?.aadObjectId,
        tenantId: tenantOf(activity),
      },
    });
    const card = renderCard(workAccountResultCard, workAccountResultData(report, activity.locale));
    await step.context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    return step.endDialog(report);
  }
}
