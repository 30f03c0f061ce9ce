/**
 * Merge history: `history` lists the merges of the user's partner account(s), initiated
 * and received, newest first; `history <merge id>` shows one merge with its audit trail,
 * only to the people it may be shown to (canView: roles and watchers of both accounts);
 * anyone else gets the same answer as for an id that does not exist.
 */
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder';
import type { MergeService } from '../services/merge/mergeService.js';
import { t } from '../services/i18n/index.js';
import { mergeHistoryCard } from '../cards/mergeHistory.js';
import { mergeAuditCard } from '../cards/mergeAudit.js';
import { cardAttachment } from '../cards/render.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { isMergeId } from '../services/accounts/validation.js';
import type { NotKnownReply } from './notKnown.js';

export const HISTORY_DIALOG = 'historyDialog';
const FLOW = 'historyDialog.flow';

export interface HistoryOptions {
  readonly mergeId?: string;
}

export class HistoryDialog extends ComponentDialog {
  constructor(private readonly deps: { readonly merges: MergeService; readonly notKnown?: NotKnownReply }) {
    super(HISTORY_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showStep(step: WaterfallStepContext<HistoryOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    if (!viewer) {
      await step.context.sendActivity(t(locale, 'core.cannotIdentify'));
      return step.endDialog();
    }
    const mergeId = step.options.mergeId;
    if (mergeId !== undefined) {
      const request = isMergeId(mergeId) ? await this.deps.merges.get(mergeId) : undefined;
      // The same answer for a merge this person may not see as for one that does not exist.
      if (!request || !(await this.deps.merges.canView(request, viewer))) {
        await step.context.sendActivity(t(locale, 'mergeFlow.history.notFound'));
        return step.endDialog();
      }
      await step.context.sendActivity(MessageFactory.attachment(cardAttachment(mergeAuditCard({ request, locale }))));
      return step.endDialog();
    }
    const accounts = await this.deps.merges.accountsForUser(viewer.aadObjectId, viewer.tenantId);
    if (accounts.length === 0) {
      const reason = t(locale, 'mergeFlow.history.noAccount');
      await step.context.sendActivity(this.deps.notKnown ? await this.deps.notKnown(viewer, reason) : reason);
      return step.endDialog();
    }
    for (const account of accounts) {
      const entries = await this.deps.merges.history(account.globalMpnId);
      await step.context.sendActivity(
        MessageFactory.attachment(cardAttachment(mergeHistoryCard({ account, entries, locale }))),
      );
    }
    return step.endDialog();
  }
}
