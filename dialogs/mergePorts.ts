/**
 * What the merge dialogs need from the Teams layer, as interfaces: the bot wires the
 * implementations (bot/merge/), the dialogs stay testable without proactive messaging.
 */
import type { ConversationReference } from 'botbuilder';
import type { InvitedMerge, MergeRequest } from '../services/model.js';
import type { AdaptiveCardJson } from '../cards/render.js';

/** A person looking at a merge card: identity, Teams MRI (for card refresh), language. */
export interface Viewer {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** Teams user id (`29:…`) used in the card's refresh `userIds`. */
  readonly mri?: string;
  readonly locale: string | undefined;
}

/** Who an invitation goes to: admins with a known chat now, and those reached once they open the bot. */
export interface InvitationReach {
  readonly reachable: ReadonlyArray<{ readonly displayName: string }>;
  readonly notYetReachable: ReadonlyArray<{ readonly displayName: string }>;
}

export interface MergeCardsPort {
  /** The live merge card as `viewer` should see it (buttons by role, read-only reasons). */
  cardFor(request: MergeRequest, viewer: Viewer, notice?: string): Promise<AdaptiveCardJson>;
  /** Records a card sent in the current turn so later state changes update it in place. */
  recordSent(request: MergeRequest, viewer: Viewer, activityId: string, reference: Partial<ConversationReference>): Promise<void>;
  /**
   * After the invitation was committed (its notifications with it): wakes the outbox, which
   * delivers the cards, and says which invited Account admins the bot can reach now.
   */
  invitationSent(request: InvitedMerge): Promise<InvitationReach>;
}
