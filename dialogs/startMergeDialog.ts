/**
 * Start a merge: check the user is an Account admin of a partner account, ask for the
 * partner global MPN ID to invite (validated against every rule, with the reason and how
 * to find the right ID when it is refused), show what the merge will do, ask for
 * confirmation, create the invitation, deliver it to the invited Account admins and say
 * what happens next. `cancel` at any prompt is handled by the main dialog.
 */
import {
  ComponentDialog,
  DialogReason,
  TextPrompt,
  type DialogInstance,
  type DialogState,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { MessageFactory, TurnContext } from 'botbuilder';
import type { MergeService } from '../services/merge/mergeService.js';
import { describeError, type DomainError } from '../services/errors.js';
import type { NotKnownReply } from './notKnown.js';
import { t } from '../services/i18n/index.js';
import type { Logger } from '../services/loggerPort.js';
import { mergePreviewCard } from '../cards/mergePreview.js';
import { cardAttachment } from '../cards/render.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { actorOf } from '../services/merge/viewer.js';
import { plainMessage } from '../cards/plainMessage.js';
import type { InvitationReach, MergeCardsPort } from './mergePorts.js';

export const START_MERGE_DIALOG = 'startMergeDialog';
const FLOW = 'startMergeDialog.flow';
const MPN_PROMPT = 'startMergeDialog.mpnId';
const CONFIRM_PROMPT = 'startMergeDialog.confirm';
export const MAX_MPN_ATTEMPTS = 3;

export interface StartMergeOptions {
  /** An MPN ID typed with the command (`start merge 3333333`). */
  readonly mpnId?: string;
}

export interface StartMergeDeps {
  readonly merges: MergeService;
  readonly cards: MergeCardsPort;
  readonly logger: Logger;
  /** The answer to someone the bot does not know (Register your company). */
  readonly notKnown?: NotKnownReply;
}

/** What the flow remembers between steps. */
interface FlowValues {
  initiatorMpnId?: string;
  invitedMpnId?: string;
  /** The preview card's activity: it becomes the live merge card, or loses its buttons. */
  previewActivityId?: string;
}

const valuesOf = (step: WaterfallStepContext): FlowValues => step.values;

interface MpnPromptOptions {
  readonly initiatorMpnId: string;
}

const YES = /^(yes|y|ok|okay|send|send invitation|confirm|ja|j|versturen|uitnodiging versturen|bevestigen)$/i;
const NO = /^(no|n|nee|niet versturen)$/i;

export class StartMergeDialog extends ComponentDialog {
  constructor(private readonly deps: StartMergeDeps) {
    super(START_MERGE_DIALOG);
    this.addDialog(new TextPrompt(MPN_PROMPT, this.validateMpnId.bind(this)));
    this.addDialog(new TextPrompt(CONFIRM_PROMPT, this.validateConfirmation.bind(this)));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.checkAdminStep.bind(this),
        this.previewStep.bind(this),
        this.inviteStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** Only an Account admin may start; the MPN ID typed with the command skips the prompt. */
  private async checkAdminStep(step: WaterfallStepContext<StartMergeOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    if (!viewer) {
      await step.context.sendActivity(t(locale, 'core.cannotIdentify'));
      return step.endDialog();
    }
    const can = await this.deps.merges.canStartMerge(actorOf(viewer));
    if (!can.ok) {
      const reason = describeError(can.error, locale);
      const known = can.error.is('no-admin-account') && this.deps.notKnown;
      await step.context.sendActivity(known ? await known(viewer, reason) : plainMessage(reason));
      return step.endDialog();
    }
    const initiator = can.value;
    valuesOf(step).initiatorMpnId = initiator.globalMpnId;
    const given = step.options.mpnId?.trim();
    if (given) {
      const target = await this.deps.merges.validateInviteTarget(actorOf(viewer), given, {
        initiatorMpnId: initiator.globalMpnId,
      });
      if (target.ok) return step.next(target.value.invited.globalMpnId);
      await step.context.sendActivity(plainMessage(this.refusal(target.error, locale)));
    }
    const options: MpnPromptOptions = { initiatorMpnId: initiator.globalMpnId };
    return step.prompt(MPN_PROMPT, {
      prompt: t(locale, 'mergeFlow.start.askMpnId', { company: initiator.companyName, mpnId: initiator.globalMpnId }),
      retryPrompt: t(locale, 'mergeFlow.start.retryMpnId'),
      validations: options,
    });
  }

  /** Shows what the merge will do and asks to send the invitation. */
  private async previewStep(step: WaterfallStepContext<StartMergeOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    const mpnId = typeof step.result === 'string' ? step.result : undefined;
    if (!viewer || !mpnId) {
      await step.context.sendActivity(t(locale, 'mergeFlow.start.tooManyAttempts'));
      return step.endDialog();
    }
    const preview = await this.deps.merges.preview(actorOf(viewer), mpnId);
    if (!preview.ok) {
      await step.context.sendActivity(plainMessage(this.refusal(preview.error, locale)));
      return step.endDialog();
    }
    valuesOf(step).invitedMpnId = mpnId;
    // Sent here rather than as the prompt, so its id is known and the card can change later.
    const sent = await step.context.sendActivity(
      MessageFactory.attachment(cardAttachment(mergePreviewCard({ preview: preview.value, locale }))),
    );
    if (sent?.id) valuesOf(step).previewActivityId = sent.id;
    return step.prompt(CONFIRM_PROMPT, { retryPrompt: t(locale, 'mergeFlow.start.confirmRetry') });
  }

  /** Creates the invitation (re-validated: things may have changed while the user read). */
  private async inviteStep(step: WaterfallStepContext<StartMergeOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    const { initiatorMpnId, invitedMpnId, previewActivityId } = valuesOf(step);
    if (step.result !== 'yes' || !viewer || !invitedMpnId) {
      await closePreview(step.context, previewActivityId, invitedMpnId, this.deps.merges);
      await step.context.sendActivity(t(locale, 'core.cancelled'));
      return step.endDialog();
    }
    const result = await this.deps.merges.invite(
      actorOf(viewer),
      invitedMpnId,
      initiatorMpnId ? { initiatorMpnId } : {},
    );
    if (result.outcome === 'refused') {
      await closePreview(step.context, previewActivityId, invitedMpnId, this.deps.merges);
      await step.context.sendActivity(plainMessage(this.refusal(result.error, locale)));
      return step.endDialog();
    }
    const { request } = result;
    this.deps.logger.info(
      { mergeId: request.id, initiator: request.initiatorMpnId, invited: request.invitedMpnId },
      'merge invitation created',
    );

    // The preview becomes the initiator's live merge card (one card per thing), updated in
    // place as the invited company answers; without a preview id, a new card is sent.
    const attachment = cardAttachment(await this.deps.cards.cardFor(request, viewer));
    let cardId = previewActivityId;
    if (cardId) await step.context.updateActivity({ type: 'message', id: cardId, attachments: [attachment] });
    else cardId = (await step.context.sendActivity(MessageFactory.attachment(attachment)))?.id;
    if (cardId && step.context.activity.conversation?.conversationType === 'personal') {
      await this.deps.cards.recordSent(
        request,
        viewer,
        cardId,
        TurnContext.getConversationReference(step.context.activity),
      );
    }
    const report = await this.deps.cards.invitationSent(request);
    await step.context.sendActivity(plainMessage(whoWasInvited(report, request.invitedCompanyName, locale)));
    return step.endDialog(request.id);
  }

  /** Typed `cancel` (handled by the main dialog) ends this dialog too: the preview loses its buttons. */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) {
      const values = flowValuesOf(instance);
      await closePreview(context, values?.previewActivityId, values?.invitedMpnId, this.deps.merges);
    }
    await super.endDialog(context, instance, reason);
  }

  /** Valid when the merge service accepts the MPN ID as an invitation target. */
  private async validateMpnId(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { locale } = prompt.context.activity;
    const viewer = viewerOf(prompt.context.activity);
    const options = prompt.options.validations as MpnPromptOptions | undefined;
    if (!viewer || !options) return false;
    const input = prompt.recognized.succeeded ? (prompt.recognized.value ?? '').trim() : '';
    if (input) {
      const target = await this.deps.merges.validateInviteTarget(actorOf(viewer), input, {
        initiatorMpnId: options.initiatorMpnId,
      });
      if (target.ok) {
        prompt.recognized.value = target.value.invited.globalMpnId;
        return true;
      }
      await prompt.context.sendActivity(plainMessage(this.refusal(target.error, locale)));
    }
    if (prompt.attemptCount >= MAX_MPN_ATTEMPTS) {
      // Give up: the next step sees no MPN ID and ends the dialog politely.
      prompt.recognized.value = '';
      return true;
    }
    return false;
  }

  /** Send-invitation button (messageBack "yes" with choice=confirm) or a typed yes/no. */
  private validateConfirmation(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const value: unknown = prompt.context.activity.value;
    const choice = typeof value === 'object' && value !== null ? (value as { choice?: unknown }).choice : undefined;
    const text = prompt.recognized.succeeded ? (prompt.recognized.value ?? '').trim() : '';
    if (choice === 'confirm' || YES.test(text)) prompt.recognized.value = 'yes';
    else if (choice === 'cancel' || NO.test(text)) prompt.recognized.value = 'no';
    else return Promise.resolve(false);
    return Promise.resolve(true);
  }

  /** The domain's reason, plus where to find the right ID when the ID itself was the problem. */
  private refusal(error: DomainError, locale: string | undefined): string {
    const message = describeError(error, locale);
    return error.code === 'invalid-mpn-id' || error.code === 'unknown-mpn-id' || error.code === 'location-mpn-id'
      ? `${message} ${t(locale, 'mergeFlow.start.findGlobalId')}`
      : message;
  }
}

/** Who got the invitation: the one thing the live card does not say. */
function whoWasInvited(report: InvitationReach, invited: string, locale: string | undefined): string {
  const reached = report.reachable.map((p) => p.displayName).join(', ');
  return report.reachable.length > 0
    ? t(locale, 'mergeFlow.start.sentTo', { company: invited, people: reached })
    : t(locale, 'mergeFlow.start.sentNobodyYet', { company: invited });
}

/** The waterfall's values inside this component's saved state (see endDialog). */
function flowValuesOf(instance: DialogInstance): FlowValues | undefined {
  const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack.find(
    (d) => d.id === FLOW,
  );
  return (inner?.state as { values?: FlowValues } | undefined)?.values;
}

/** A preview that was not sent keeps its facts and loses its buttons. */
async function closePreview(
  context: TurnContext,
  activityId: string | undefined,
  invitedMpnId: string | undefined,
  merges: MergeService,
): Promise<void> {
  const viewer = viewerOf(context.activity);
  if (!activityId || !invitedMpnId || !viewer) return;
  const preview = await merges.preview(actorOf(viewer), invitedMpnId);
  if (!preview.ok) return;
  const card = mergePreviewCard({ preview: preview.value, locale: context.activity.locale, state: 'notSent' });
  await context.updateActivity({ type: 'message', id: activityId, attachments: [cardAttachment(card)] });
}
