/**
 * Delivers one outbox entry through the Bot Connector: finds (or creates) the recipient's
 * personal conversation, waits for a rate-limit slot, sends or updates, and classifies
 * failures so the dispatcher knows whether to retry, park or give up. Content is always
 * rendered from the current state in the store, never from the entry.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import {
  cardKindOf,
  isAccountOutboxEntry,
  isRegistrationOutboxEntry,
  type AccountAuditEntry,
  type AccountOutboxEntry,
  type MergeOutboxEntry,
  type MergeRequest,
  type OutboxEntry,
  type OutboxRecipient,
  type PartnerAccount,
  type RegistrationOutboxEntry,
  type SentCardRecord,
} from '../../services/model.js';
import { findUser } from '../../services/accounts/roles.js';
import { userWelcomeCard } from '../../cards/notice.js';
import { registrationCard } from '../../cards/registration.js';
import { findWatcher } from '../../services/accounts/watchers.js';
import { watcherWelcomeCard } from '../../cards/watcherWelcome.js';
import { check, put, type Store, type StoreReads } from '../../services/store/types.js';
import { isDomainError } from '../../services/errors.js';
import type { Logger } from '../../services/loggerPort.js';
import { t } from '../../services/i18n/index.js';
import { cardAttachment, type AdaptiveCardJson } from '../../cards/render.js';
import { managerNotificationCardFor } from '../../cards/managerNotification.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { ConversationDirectory } from '../conversations.js';
import type { ProactiveMessenger } from '../proactive.js';
import type { MergeViews } from '../merge/mergeViews.js';
import { sentCardRecord } from '../merge/mergeDelivery.js';
import { CardKeeper } from './cardKeeper.js';
import type { RateLimiter } from './rateLimiter.js';
import { GraphUnavailableError } from '../../services/graph/errors.js';
import {
  classifyError,
  isUnknownUser,
  LeaseLostError,
  NO_LEASE,
  outcomeOf,
  type Lease,
  type SendOutcome,
} from './sendOutcome.js';

export interface NotificationSenderDeps {
  readonly store: Store;
  readonly views: MergeViews;
  readonly conversations: ConversationDirectory;
  readonly messenger: ProactiveMessenger;
  readonly limiter: RateLimiter;
  readonly logger: Logger;
  /** Connector endpoint for a new conversation with someone of a tenant the bot has no conversation in yet. */
  readonly serviceUrl: string;
  readonly clock?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Looks up a person's Entra manager (Graph); needed for `actorManager` recipients. */
  readonly managerOf?: (person: {
    tenantId: string;
    aadObjectId: string;
  }) => Promise<{ id: string; displayName: string | undefined } | null>;
  /** Installs the app for a person who does not have it (Graph); Teams then sends the install event. */
  readonly installApp?: (person: { tenantId: string; aadObjectId: string }) => Promise<void>;
}

export class NotificationSender {
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * Per merge, the refresh of delivered merge cards and new merge cards run one after the
   * other: run together, a refresh could redraw an earlier card in full just after the new
   * card superseded it, and the chat would show the same card twice. Manager cards are not
   * refreshed, so a large fan-out to managers still runs in parallel.
   */
  private readonly mergeCardTurns = new Map<string, Promise<unknown>>();

  private readonly keeper: CardKeeper;

  constructor(private readonly deps: NotificationSenderDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.sleep = deps.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.keeper = new CardKeeper({
      store: deps.store,
      views: deps.views,
      messenger: deps.messenger,
      logger: deps.logger,
      clock: this.clock,
      paced: (reference) => this.paced(reference),
    });
  }

  /** Delivers one entry; `lease` is confirmed right before each message goes out. */
  send(entry: OutboxEntry, lease: Lease = NO_LEASE): Promise<SendOutcome> {
    if (isAccountOutboxEntry(entry)) return this.deliverAccountNotice(entry, lease);
    if (isRegistrationOutboxEntry(entry)) return this.deliverRegistrationNotice(entry, lease);
    if (entry.kind !== 'refreshCards' && entry.kind !== 'mergeCard') return this.deliver(entry, lease);
    const previous = this.mergeCardTurns.get(entry.mergeId) ?? Promise.resolve();
    const turn = previous.then(() => this.deliver(entry, lease));
    const settled = turn.catch(() => undefined);
    this.mergeCardTurns.set(entry.mergeId, settled);
    void settled.then(() => {
      if (this.mergeCardTurns.get(entry.mergeId) === settled) this.mergeCardTurns.delete(entry.mergeId);
    });
    return turn;
  }

  /** A change of an account's managers list or people: a welcome card, or a short text. */
  private async deliverAccountNotice(entry: AccountOutboxEntry, lease: Lease): Promise<SendOutcome> {
    const reads = await this.deps.store.snapshot();
    const account = await reads.accounts.get(entry.accountMpnId);
    const change = account?.audit?.[entry.auditIndex];
    if (!account || !change)
      return { kind: 'failed', error: `account ${entry.accountMpnId} has no change ${entry.auditIndex}` };
    const activity = accountNoticeActivity(account, change, entry);
    return this.deliverTo(entry.recipient, reads, activity, lease);
  }

  /** A registration: the review card to a reviewer, the decision to the requester (drawn as it is now). */
  private async deliverRegistrationNotice(entry: RegistrationOutboxEntry, lease: Lease): Promise<SendOutcome> {
    const reads = await this.deps.store.snapshot();
    const registration = await reads.registrations.get(entry.registrationId);
    if (!registration) return { kind: 'failed', error: `registration ${entry.registrationId} no longer exists` };
    const audience = entry.kind === 'registrationReview' ? 'reviewer' : 'requester';
    return this.deliverTo(
      entry.recipient,
      reads,
      (locale, mri) => ({
        type: 'message',
        attachments: [
          cardAttachment(registrationCard({ registration, audience, refreshUserIds: mri ? [mri] : [], locale })),
        ],
      }),
      lease,
    );
  }

  /** Reaches the person and sends what `activity` draws for their language (nothing: delivered, nothing to say). */
  private async deliverTo(
    recipient: OutboxRecipient,
    reads: StoreReads,
    activity: NoticeActivity,
    lease: Lease,
  ): Promise<SendOutcome> {
    try {
      const reference = await this.reach(recipient, reads);
      if ('kind' in reference) return reference;
      const drawn = activity(reference.locale, reference.user?.id);
      if (!drawn) return { kind: 'delivered' };
      await this.paced(reference, lease);
      const activityId = await this.deps.messenger.send(reference, drawn);
      return { kind: 'delivered', ...(activityId ? { activityId } : {}) };
    } catch (err: unknown) {
      return outcomeOf(err);
    }
  }

  /** One look at the store for what the delivery needs (on Azure one `~gen` read, not one per lookup). */
  private async deliver(entry: MergeOutboxEntry, lease: Lease): Promise<SendOutcome> {
    const reads = await this.deps.store.snapshot();
    const request = await reads.merges.get(entry.mergeId);
    if (!request) return { kind: 'failed', error: `merge ${entry.mergeId} no longer exists` };
    try {
      if (entry.kind === 'refreshCards') return await this.refreshCards(request);
      if (!entry.recipient) return { kind: 'failed', error: `${entry.kind} entry without a recipient` };
      const recipient = await this.resolve(entry.recipient);
      if ('kind' in recipient) return recipient;
      const reference = await this.reach(recipient, reads);
      if ('kind' in reference) return reference;
      const viewer = recipientViewer(recipient, reference);
      switch (entry.kind) {
        case 'mergeCard':
          return await this.sendCard(
            request,
            viewer,
            reference,
            'merge',
            await this.deps.views.cardFor(request, viewer, undefined, reads),
            lease,
          );
        case 'managerCard':
          return await this.sendCard(
            request,
            viewer,
            reference,
            'manager',
            managerNotificationCardFor(request, viewer.locale, entry.auditIndex),
            lease,
          );
        case 'mergeText': {
          const key = entry.action === 'expired' ? 'mergeFlow.notify.expired' : 'mergeFlow.notify.cancelled';
          const text = t(viewer.locale, key, {
            initiator: request.initiatorCompanyName,
            invited: request.invitedCompanyName,
          });
          await this.paced(reference, lease);
          const activityId = await this.deps.messenger.send(reference, { type: 'message', text, textFormat: 'plain' });
          return { kind: 'delivered', ...(activityId ? { activityId } : {}) };
        }
      }
    } catch (err: unknown) {
      return outcomeOf(err);
    }
  }

  /** The person to deliver to: the recipient, or for `actorManager` their Entra manager. */
  private async resolve(recipient: OutboxRecipient): Promise<OutboxRecipient | SendOutcome> {
    if (recipient.role !== 'actorManager') return recipient;
    if (!this.deps.managerOf) return { kind: 'failed', error: 'Entra manager lookup is not configured' };
    try {
      const manager = await this.deps.managerOf(recipient);
      if (!manager) return { kind: 'failed', error: `${recipient.displayName} has no manager in Microsoft Entra ID` };
      return {
        tenantId: recipient.tenantId,
        aadObjectId: manager.id,
        displayName: manager.displayName ?? '',
        role: 'watcher',
      };
    } catch (err: unknown) {
      // Graph unavailable or throttled: try again later; a permission problem will not heal by itself.
      const kind = err instanceof GraphUnavailableError ? 'retry' : 'failed';
      return { kind, error: `Entra manager lookup failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** The stored conversation, or a new one created with the user (Teams: needs the app installed for them). */
  private async reach(
    recipient: OutboxRecipient,
    reads: StoreReads,
  ): Promise<Partial<ConversationReference> | SendOutcome> {
    // Someone already waiting for (parked) is not tried again: their install or first message releases everything.
    const waiting = await reads.outbox.listParkedFor(recipient.tenantId, recipient.aadObjectId);
    if (waiting.length > 0)
      return { kind: 'unreachable', error: waiting[0]?.lastError ?? 'not reachable yet', alreadyWaiting: true };
    const known = await this.deps.conversations.referenceFor(recipient, reads);
    if (known) return known;
    try {
      return await this.createConversation(recipient);
    } catch (err: unknown) {
      const { status, message } = classifyError(err);
      // 403/404 here means the bot is not installed for this user: park until they open it,
      // or until the install we ask Graph for arrives as Teams' install event.
      if (status === 403 || status === 404 || isUnknownUser(status, message)) {
        return { kind: 'unreachable', error: `${status} ${message}${await this.install(recipient)}` };
      }
      return outcomeOf(err);
    }
  }

  /** Asks Graph to install the app for the person, when configured; says what happened. */
  private async install(recipient: OutboxRecipient): Promise<string> {
    if (!this.deps.installApp) return '';
    try {
      await this.deps.installApp(recipient);
      this.deps.logger.info(
        { recipient: recipient.aadObjectId },
        'installed the app for a person through Graph; waiting for the install event',
      );
      return '; app installed through Graph, waiting for the install event';
    } catch (err: unknown) {
      this.deps.logger.warn({ err, recipient: recipient.aadObjectId }, 'could not install the app through Graph');
      return `; app install through Graph failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
    }
  }

  private async createConversation(recipient: OutboxRecipient): Promise<Partial<ConversationReference>> {
    // Teams accepts the Entra object id of a user in the tenant as the member id.
    const member = { id: recipient.aadObjectId, aadObjectId: recipient.aadObjectId, name: recipient.displayName };
    let reference: Partial<ConversationReference> | undefined;
    // Teams' service URLs are regional: start where the bot already talks to this tenant.
    const serviceUrl =
      (await this.deps.store.conversations.serviceUrlForTenant(recipient.tenantId)) ?? this.deps.serviceUrl;
    await this.deps.messenger.createConversation(
      serviceUrl,
      {
        isGroup: false,
        tenantId: recipient.tenantId,
        members: [member],
        channelData: { tenant: { id: recipient.tenantId } },
      },
      (context: TurnContext) => {
        const a = context.activity;
        reference = {
          channelId: a.channelId,
          serviceUrl: a.serviceUrl,
          conversation: { ...a.conversation, conversationType: 'personal', tenantId: recipient.tenantId },
          ...(a.recipient ? { bot: a.recipient } : {}),
          user: member,
        };
        return Promise.resolve();
      },
    );
    if (!reference?.conversation?.id) throw new Error('the connector created no conversation');
    await this.deps.conversations.save(recipient, reference);
    return reference;
  }

  /**
   * A new card for the person: sent, recorded, and then their earlier cards of the same kind
   * for this merge become the short superseded note (CardKeeper, on fresh reads). A card once
   * sent is never sent again because of what happens after: whatever fails later is logged,
   * and the next change of the merge settles its cards.
   */
  private async sendCard(
    request: MergeRequest,
    viewer: Viewer,
    reference: Partial<ConversationReference>,
    cardKind: 'merge' | 'manager',
    card: AdaptiveCardJson,
    lease: Lease,
  ): Promise<SendOutcome> {
    await this.paced(reference, lease);
    const activityId = await this.deps.messenger.send(reference, {
      type: 'message',
      attachments: [cardAttachment(card)],
    });
    if (!activityId) return { kind: 'delivered' };
    const sentNow = sentCardRecord(request, viewer, activityId, reference, cardKind, this.clock());
    try {
      const behind = await this.recordSent(request, sentNow);
      await this.keeper.settlePerson(request.id, viewer, cardKind);
      // A decision committed while this card was drawn did not know of it: the card catches up now.
      if (behind) await this.keeper.catchUp(request.id, sentNow.key);
    } catch (err: unknown) {
      this.deps.logger.warn(
        { err, mergeId: request.id, activityId },
        'card delivered, but recording or settling it failed; the next change of the merge settles the cards',
      );
    }
    return { kind: 'delivered', activityId };
  }

  /**
   * Records a new card (a create, which conflicts with nothing); a merge card only while the
   * merge is still the version it was drawn from (a check in the same commit, no extra read).
   * Otherwise it is recorded anyway and is `behind`.
   */
  private async recordSent(request: MergeRequest, sent: SentCardRecord): Promise<boolean> {
    if (cardKindOf(sent) !== 'merge') {
      await this.deps.store.commit([put('sentCard', sent, 0)]);
      return false;
    }
    try {
      await this.deps.store.commit([check('merge', request.id, request.version), put('sentCard', sent, 0)]);
      return false;
    } catch (err: unknown) {
      if (!(isDomainError(err) && err.is('version-conflict') && err.params.kind === 'merge')) throw err;
      await this.deps.store.commit([put('sentCard', sent, 0)]);
      return true;
    }
  }

  /**
   * Every card delivered for the merge as it should be: one live card per person and kind,
   * the earlier ones drawn as the note, live merge cards showing the current version.
   * Managers get a new card for every event; their live card is never redrawn.
   */
  private refreshCards(request: MergeRequest): Promise<SendOutcome> {
    return this.keeper.settleMerge(request.id);
  }

  /**
   * Waits for the thread's and tenant's rate-limit slot, then confirms the claim (a new message must not go out twice).
   */
  private async paced(reference: Partial<ConversationReference>, lease: Lease = NO_LEASE): Promise<void> {
    const thread = reference.conversation?.id ?? 'unknown';
    const tenant = reference.conversation?.tenantId ?? 'unknown';
    await this.deps.limiter.acquire(thread, tenant, this.sleep);
    if (!(await lease.confirm()))
      throw new LeaseLostError('the claim ran out before the send; another dispatcher has the entry');
  }
}

/**
 * What a notice says, drawn for the recipient's language once their chat is known (undefined: nothing to send any
 * more).
 */
type NoticeActivity = (locale: string | undefined, mri: string | undefined) => Partial<Activity> | undefined;

/** The welcome card or short text of an account change, as the account is now. */
function accountNoticeActivity(
  account: PartnerAccount,
  change: AccountAuditEntry,
  entry: AccountOutboxEntry,
): NoticeActivity {
  const company = account.companyName;
  const text = (value: string): Partial<Activity> => ({ type: 'message', text: value, textFormat: 'plain' });
  return (locale) => {
    switch (entry.kind) {
      case 'watcherWelcome': {
        // Taken off the list again before this went out: there is nothing to welcome them to.
        const watcher = findWatcher(account, entry.recipient);
        return watcher
          ? { type: 'message', attachments: [cardAttachment(watcherWelcomeCard({ account, watcher, locale }))] }
          : undefined;
      }
      case 'watcherText':
        if (change.action === 'watcher-stopped')
          return text(t(locale, 'watchers.text.stopped', { name: change.watcher.displayName, company }));
        return text(t(locale, 'watchers.text.removed', { actor: change.actor.displayName, company }));
      case 'userWelcome': {
        // Removed again before this went out: nothing to welcome them to.
        const user = findUser(account, entry.recipient);
        return user
          ? {
              type: 'message',
              attachments: [
                cardAttachment(userWelcomeCard({ account, user, addedBy: change.actor, addedAt: change.at, locale })),
              ],
            }
          : undefined;
      }
      case 'userText':
        return text(t(locale, 'people.text.removed', { actor: change.actor.displayName, company }));
    }
  };
}

function recipientViewer(
  person: { tenantId: string; aadObjectId: string; displayName: string },
  reference: Partial<ConversationReference>,
): Viewer {
  return {
    tenantId: person.tenantId,
    aadObjectId: person.aadObjectId,
    displayName: person.displayName,
    ...(reference.user?.id ? { mri: reference.user.id } : {}),
    locale: reference.locale,
  };
}
