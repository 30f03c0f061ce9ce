/**
 * The merge-card port of the dialogs and card handlers: builds a viewer's card, records
 * cards sent in a turn so later changes update them in place, and says who an invitation
 * goes to. Sending to other people happens only through the outbox (bot/notify/), written
 * in the same commit as the change.
 */
import type { ConversationReference } from 'botbuilder';
import { accountAdmins } from '../../services/accounts/roles.js';
import { userKey } from '../../services/accounts/validation.js';
import type { InvitedMerge, MergeRequest, SentCardRecord } from '../../services/model.js';
import { put, type Store } from '../../services/store/types.js';
import type { InvitationReach, MergeCardsPort } from '../../dialogs/mergePorts.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { ConversationDirectory } from '../conversations.js';
import type { MergeViews } from './mergeViews.js';

export interface MergeDeliveryDeps {
  readonly store: Store;
  readonly views: MergeViews;
  readonly conversations: ConversationDirectory;
  /** Wakes the outbox dispatcher after a change wrote notifications. */
  readonly notify: () => void;
  readonly clock?: () => Date;
}

/** The record of a card delivered to one person, kept so later changes update it in place. */
export function sentCardRecord(
  request: MergeRequest,
  viewer: Pick<Viewer, 'tenantId' | 'aadObjectId'>,
  activityId: string,
  reference: Partial<ConversationReference>,
  cardKind: 'merge' | 'manager',
  now: Date,
): SentCardRecord {
  const at = now.toISOString();
  return {
    key: `${request.id}|${userKey(viewer)}|${activityId}`,
    mergeId: request.id,
    tenantId: viewer.tenantId,
    aadObjectId: viewer.aadObjectId,
    activityId,
    cardKind,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    sentAt: at,
    updatedAt: at,
    shows: request.version,
    version: 0,
  };
}

export class MergeDelivery implements MergeCardsPort {
  private readonly clock: () => Date;

  constructor(private readonly deps: MergeDeliveryDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  cardFor(request: MergeRequest, viewer: Viewer, notice?: string) {
    return this.deps.views.cardFor(request, viewer, notice);
  }

  async recordSent(
    request: MergeRequest,
    viewer: Viewer,
    activityId: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    await this.deps.store.commit([
      put('sentCard', sentCardRecord(request, viewer, activityId, reference, 'merge', this.clock()), 0),
    ]);
  }

  async invitationSent(request: InvitedMerge): Promise<InvitationReach> {
    this.deps.notify();
    const invited = await this.deps.store.accounts.get(request.invitedMpnId);
    const reachable: Array<{ displayName: string }> = [];
    const notYetReachable: Array<{ displayName: string }> = [];
    for (const admin of invited ? accountAdmins(invited) : []) {
      ((await this.deps.conversations.referenceFor(admin)) ? reachable : notYetReachable).push({
        displayName: admin.displayName,
      });
    }
    return { reachable, notYetReachable };
  }

  /** A decision was committed with its notifications: deliver them now. */
  changed(): void {
    this.deps.notify();
  }
}
