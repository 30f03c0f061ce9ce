/**
 * What the merge dialogs need from the Teams layer, as interfaces: the bot wires the
 * implementations (bot/merge/), the dialogs stay testable without proactive messaging.
 */
import type { ConversationReference } from 'botbuilder';
import type { InvitedMerge, MergeRequest } from '../services/model.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { Viewer } from '../services/merge/viewer.js';

/** The dialogs' name for who looks at a merge card (defined with the merge domain). */
export type { Viewer };

/** Who an invitation goes to: admins with a known chat now, and those reached once they open the bot. */
export interface InvitationReach {
  readonly reachable: ReadonlyArray<{ readonly displayName: string }>;
  readonly notYetReachable: ReadonlyArray<{ readonly displayName: string }>;
}

export interface MergeCardsPort {
  /** The live merge card as `viewer` should see it (buttons by role, read-only reasons). */
  cardFor(request: MergeRequest, viewer: Viewer, notice?: string): Promise<AdaptiveCardJson>;
  /** Records a card sent in the current turn so later state changes update it in place. */
  recordSent(
    request: MergeRequest,
    viewer: Viewer,
    activityId: string,
    reference: Partial<ConversationReference>,
  ): Promise<void>;
  /**
   * After the invitation was committed (its notifications with it): wakes the outbox, which
   * delivers the cards, and says which invited Account admins the bot can reach now.
   */
  invitationSent(request: InvitedMerge): Promise<InvitationReach>;
}
