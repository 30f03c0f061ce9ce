/**
 * The managers list in the chat: `managers` shows the list card of every partner account
 * the person may see it for; `add manager <address>` and `remove manager <address>` (the
 * typed forms, for keyboards and clients without Teams' people picker) change the list of
 * the one account the person is Account admin of, asking for the address when it is
 * missing. Every change goes through the watcher service, which re-checks who may.
 */
import { MessageFactory, type Activity } from 'botbuilder';
import type { NotKnownReply } from './notKnown.js';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeError } from '../services/errors.js';
import { t } from '../services/i18n/index.js';
import type { WatcherService, WatcherListView, WatcherOutcome } from '../services/accounts/watcherService.js';
import { cardAttachment } from '../cards/render.js';
import { watchersCard } from '../cards/watchers.js';
import { viewerOf } from '../services/accounts/activityIdentity.js';
import { plainMessage } from '../cards/plainMessage.js';
import type { Viewer } from './mergePorts.js';

export const MANAGERS_DIALOG = 'managersDialog';
const FLOW = 'managersDialog.flow';
const ADDRESS_PROMPT = 'managersDialog.address';

export interface ManagersDialogOptions {
  readonly action: 'show' | 'add' | 'remove';
  readonly address?: string;
}

export interface ManagersDialogDeps {
  readonly watchers: WatcherService;
  /** Whether the acting admin's Entra manager is told too (the operator's setting, shown on the card). */
  readonly entraManager: boolean;
  /** Wakes the outbox: a change's welcome card or notice was written with it. */
  readonly changed: () => void;
  /** The answer to someone the bot does not know (Register your company). */
  readonly notKnown?: NotKnownReply;
}

export class ManagersDialog extends ComponentDialog {
  constructor(private readonly deps: ManagersDialogDeps) {
    super(MANAGERS_DIALOG);
    this.addDialog(new TextPrompt(ADDRESS_PROMPT));
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.changeStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext<ManagersDialogOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    if (!viewer) {
      await step.context.sendActivity(t(locale, 'core.cannotIdentify'));
      return step.endDialog();
    }
    const { action, address } = step.options;
    if (action === 'show') {
      const views = await this.deps.watchers.visibleTo(viewer);
      if (views.length === 0)
        await step.context.sendActivity(await this.notKnown(viewer, t(locale, 'watchers.dialog.noAccount')));
      for (const view of views)
        await step.context.sendActivity(MessageFactory.attachment(cardAttachment(this.card(view, viewer))));
      return step.endDialog();
    }
    if (address !== undefined) return step.next(address);
    return step.prompt(ADDRESS_PROMPT, {
      prompt: t(locale, action === 'add' ? 'watchers.dialog.askAdd' : 'watchers.dialog.askRemove'),
    });
  }

  private async changeStep(step: WaterfallStepContext<ManagersDialogOptions>): Promise<DialogTurnResult> {
    const { locale } = step.context.activity;
    const viewer = viewerOf(step.context.activity);
    const address = typeof step.result === 'string' ? step.result : '';
    if (!viewer) return step.endDialog();
    const views = await this.deps.watchers.visibleTo(viewer);
    const admin = views.filter((v) => v.canChange);
    const [only, ...more] = admin;
    if (only === undefined) {
      // Someone who may see a list but not change it is told who can; anyone else, that there is none.
      const readOnly = views[0];
      const reply = readOnly
        ? plainMessage(
            t(locale, 'merge.error.not-account-admin', {
              company: readOnly.account.companyName,
              mpnId: readOnly.account.globalMpnId,
            }),
          )
        : await this.notKnown(viewer, t(locale, 'watchers.dialog.noAccount'));
      await step.context.sendActivity(reply);
      return step.endDialog();
    }
    if (more.length > 0) {
      await step.context.sendActivity(
        plainMessage(
          t(locale, 'watchers.dialog.several', {
            accounts: admin.map((v) => `${v.account.companyName} (${v.account.globalMpnId})`).join(', '),
          }),
        ),
      );
      return step.endDialog();
    }
    const mpnId = only.account.globalMpnId;
    const action = step.options.action === 'add' ? 'add' : 'remove';
    const outcome =
      action === 'add'
        ? await this.deps.watchers.add(viewer, mpnId, [{ address }])
        : await this.deps.watchers.remove(viewer, mpnId, { address });
    if (outcome.applied.length > 0) this.deps.changed();
    await step.context.sendActivity(plainMessage(answer(outcome, viewer, action, only.account.companyName, locale)));
    return step.endDialog();
  }

  private notKnown(viewer: Viewer, reason: string): Promise<Partial<Activity>> {
    return this.deps.notKnown ? this.deps.notKnown(viewer, reason) : Promise.resolve(plainMessage(reason));
  }

  private card(view: WatcherListView, viewer: Viewer) {
    return watchersCard({
      ...view,
      viewer,
      entraManager: this.deps.entraManager,
      limit: this.deps.watchers.limit,
      locale: viewer.locale,
    });
  }
}

/** The typed command's answer: what changed, or why nothing did. */
function answer(
  outcome: WatcherOutcome,
  viewer: Viewer,
  action: 'add' | 'remove',
  company: string,
  locale: string | undefined,
): string {
  const [done] = outcome.applied;
  if (done) {
    const name = done.watcher.displayName;
    if (action === 'remove') return t(locale, 'watchers.dialog.removed', { name, company });
    const self =
      done.watcher.aadObjectId === viewer.aadObjectId &&
      done.watcher.tenantId.toLowerCase() === viewer.tenantId.toLowerCase();
    return t(locale, self ? 'watchers.dialog.added' : 'watchers.dialog.addedWelcome', { name, company });
  }
  const [error] = outcome.refused;
  return error ? describeError(error, locale) : t(locale, 'core.cancelled');
}
