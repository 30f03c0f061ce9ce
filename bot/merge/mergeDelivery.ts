/**
 * Gets merge cards to people: new cards to the admins who must act next, in-place updates
 * of every card already delivered for the merge, and a record of who got what. Delivery
 * problems are logged and reported, never thrown: the decision that caused them is
 * already stored and acknowledged.
 */
import type { ConversationReference } from 'botbuilder';
import { accountAdmins } from '../../services/accounts/roles.js';
import { userKey } from '../../services/accounts/validation.js';
import type { AppliedDecision, MergeService } from '../../services/merge/mergeService.js';
import type { InvitedMerge, MergeRequest, MpnId, PartnerUser, SentCardRecord } from '../../services/model.js';
import { put, type Store } from '../../services/store/types.js';
import type { Logger } from '../../services/logger.js';
import { t } from '../../services/i18n/index.js';
import { cardAttachment } from '../../cards/render.js';
import type { DeliveryReport, MergeCardsPort, Viewer } from '../../dialogs/mergePorts.js';
import type { ConversationDirectory, Person } from '../conversations.js';
import type { ProactiveMessenger } from '../proactive.js';
import type { MergeViews } from './mergeViews.js';

export interface MergeDeliveryDeps {
  readonly store: Store;
  readonly merges: MergeService;
  readonly views: MergeViews;
  readonly conversations: ConversationDirectory;
  readonly messenger: ProactiveMessenger;
  readonly logger: Logger;
  readonly clock?: () => Date;
}

type Recipient = Person & { readonly displayName: string };

export class MergeDelivery implements MergeCardsPort {
  private readonly clock: () => Date;

  constructor(private readonly deps: MergeDeliveryDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  cardFor(request: MergeRequest, viewer: Viewer, notice?: string) {
    return this.deps.views.cardFor(request, viewer, notice);
  }

  async recordSent(request: MergeRequest, viewer: Viewer, activityId: string, reference: Partial<ConversationReference>): Promise<void> {
    const now = this.clock().toISOString();
    const record: SentCardRecord = {
      key: `${request.id}|${userKey(viewer)}|${activityId}`,
      mergeId: request.id,
      tenantId: viewer.tenantId,
      aadObjectId: viewer.aadObjectId,
      activityId,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      sentAt: now,
      updatedAt: now,
      version: 0,
    };
    await this.deps.store.commit([put('sentCard', record, 0)]);
  }

  sentCardsFor(mergeId: string): Promise<SentCardRecord[]> {
    return this.deps.store.sentCards.listForMerge(mergeId);
  }

  deliverInvitation(request: InvitedMerge): Promise<DeliveryReport> {
    return this.sendCards(request, this.adminsOf(request.invitedMpnId));
  }

  /** After a decision: update every delivered card, then tell whoever must act or know. */
  async afterTransition(decision: AppliedDecision, skipActivityId?: string): Promise<void> {
    const { request } = decision;
    await this.refreshDelivered(request, skipActivityId);
    switch (request.status) {
      case 'accepted': // the initiator must now review and confirm
      case 'rejected': // the initiator learns the answer and the reason
        await this.sendCards(request, this.adminsOf(request.initiatorMpnId));
        break;
      case 'cancelled':
        await this.sendText(request, this.adminsOf(request.invitedMpnId), 'mergeFlow.notify.cancelled');
        break;
      case 'expired':
        await this.sendText(request, this.adminsOf(request.initiatorMpnId, request.invitedMpnId), 'mergeFlow.notify.expired');
        break;
      case 'completed':
        await this.sendCards(request, this.adminsOf(request.invitedMpnId));
        break;
      case 'invited':
        break;
    }
  }

  /**
   * Someone just became reachable (installed the bot, first message): deliver the open
   * invitations they must answer and have not received yet.
   */
  async deliverPending(person: Person): Promise<number> {
    let delivered = 0;
    for (const account of await this.deps.merges.accountsForUser(person.aadObjectId, person.tenantId)) {
      const open = await this.deps.store.merges.findOpenForAccount(account.globalMpnId);
      if (!open) continue;
      const mustAct = (open.status === 'invited' && open.invitedMpnId === account.globalMpnId) || (open.status === 'accepted' && open.initiatorMpnId === account.globalMpnId);
      const admin = accountAdmins(account).find((u) => userKey(u) === userKey(person));
      if (!mustAct || !admin) continue;
      const already = (await this.deps.store.sentCards.listForMerge(open.id)).some((c) => userKey(c) === userKey(person));
      if (already) continue;
      const report = await this.sendCards(open, () => Promise.resolve([recipientOf(admin)]));
      delivered += report.delivered.length;
    }
    return delivered;
  }

  private adminsOf(...mpnIds: MpnId[]): () => Promise<Recipient[]> {
    return async () => {
      const out: Recipient[] = [];
      for (const mpnId of mpnIds) {
        // After completion the invited account's admins live in the PGA; its record keeps them too.
        const account = await this.deps.store.accounts.get(mpnId);
        for (const admin of account ? accountAdmins(account) : []) {
          if (!out.some((r) => userKey(r) === userKey(admin))) out.push(recipientOf(admin));
        }
      }
      return out;
    };
  }

  private async sendCards(request: MergeRequest, recipients: () => Promise<Recipient[]>): Promise<DeliveryReport> {
    const delivered: Recipient[] = [];
    const unreachable: Recipient[] = [];
    for (const person of await recipients()) {
      const log = this.deps.logger.child({ mergeId: request.id, recipient: person.aadObjectId });
      try {
        const reference = await this.deps.conversations.referenceFor(person);
        if (!reference) {
          log.info('no conversation with this admin yet; the card is delivered when they open the bot');
          unreachable.push(person);
          continue;
        }
        const viewer = viewerOf(person, reference);
        const card = await this.deps.views.cardFor(request, viewer);
        const activityId = await this.deps.messenger.send(reference, { type: 'message', attachments: [cardAttachment(card)] });
        if (activityId) await this.recordSent(request, viewer, activityId, reference);
        delivered.push(person);
        log.info({ status: request.status }, 'merge card delivered');
      } catch (err: unknown) {
        log.warn({ err }, 'merge card delivery failed');
        unreachable.push(person);
      }
    }
    return { delivered, unreachable };
  }

  private async sendText(request: MergeRequest, recipients: () => Promise<Recipient[]>, key: 'mergeFlow.notify.cancelled' | 'mergeFlow.notify.expired'): Promise<void> {
    for (const person of await recipients()) {
      try {
        const reference = await this.deps.conversations.referenceFor(person);
        if (!reference) continue;
        const text = t(reference.locale, key, { initiator: request.initiatorCompanyName, invited: request.invitedCompanyName });
        await this.deps.messenger.send(reference, { type: 'message', text });
      } catch (err: unknown) {
        this.deps.logger.warn({ err, mergeId: request.id, recipient: person.aadObjectId }, 'merge message delivery failed');
      }
    }
  }

  /** Updates every card delivered for the merge to its recipient's current view. */
  private async refreshDelivered(request: MergeRequest, skipActivityId?: string): Promise<void> {
    for (const sent of await this.deps.store.sentCards.listForMerge(request.id)) {
      if (sent.activityId === skipActivityId) continue;
      const reference = sent.reference as Partial<ConversationReference>;
      try {
        const viewer = viewerOf({ tenantId: sent.tenantId, aadObjectId: sent.aadObjectId, displayName: reference.user?.name ?? '' }, reference);
        const card = await this.deps.views.cardFor(request, viewer);
        await this.deps.messenger.update(reference, sent.activityId, { attachments: [cardAttachment(card)] });
      } catch (err: unknown) {
        this.deps.logger.warn({ err, mergeId: request.id, activityId: sent.activityId }, 'could not update a delivered merge card');
      }
    }
  }
}

function recipientOf(user: PartnerUser): Recipient {
  return { tenantId: user.tenantId, aadObjectId: user.aadObjectId, displayName: user.displayName };
}

function viewerOf(person: Recipient, reference: Partial<ConversationReference>): Viewer {
  return {
    tenantId: person.tenantId,
    aadObjectId: person.aadObjectId,
    displayName: person.displayName,
    ...(reference.user?.id ? { mri: reference.user.id } : {}),
    locale: reference.locale,
  };
}
