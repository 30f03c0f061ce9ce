/**
 * Builds the merge card for one viewer from fresh state: the viewer's side and role are
 * resolved from the account directory each time, the buttons come from the state
 * machine's allowed actions, never from anything the card sent back. The accounts come
 * with the decision that changed the merge (`cardFrom`), or from one snapshot of the store.
 */
import type { MergeCardView, MergeService } from '../../services/merge/mergeService.js';
import type { StoreReads } from '../../services/store/types.js';
import type { MergeRequest, PartnerAccount } from '../../services/model.js';
import { adminMemberships, allowedActions, canView } from '../../services/merge/stateMachine.js';
import { previewMerge, type MergePreview } from '../../services/merge/execute.js';
import { isDomainError } from '../../services/errors.js';
import { visibleText } from '../../services/text.js';
import { mergeRequestCard, type MergeViewerSide } from '../../cards/mergeRequest.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { mergeUnavailableCard } from '../../cards/mergeUnavailable.js';
import type { Viewer } from '../../services/merge/viewer.js';

export class MergeViews {
  constructor(private readonly merges: MergeService) {}

  /**
   * The viewer's card, or the minimal "not available to you" card for anyone the merge may
   * not be shown to. `reads`: a snapshot already taken (else one is taken).
   */
  async cardFor(request: MergeRequest, viewer: Viewer, notice?: string, reads?: StoreReads): Promise<AdaptiveCardJson> {
    return this.cardFrom(request, viewer, await this.merges.cardView(request, viewer, reads), notice);
  }

  /** The same card from accounts already read (a decision returns them): no store reads. */
  cardFrom(request: MergeRequest, viewer: Viewer, view: MergeCardView, notice?: string): AdaptiveCardJson {
    if (!canView(request, view.accounts, viewer)) return mergeUnavailableCard(viewer.locale);
    const who = { aadObjectId: viewer.aadObjectId, tenantId: viewer.tenantId };
    const actor = {
      kind: 'user' as const,
      ...who,
      displayName: visibleText(viewer.displayName).slice(0, 200),
      accountAdminOf: adminMemberships(view.viewerAccounts, who),
    };
    const side = sideOf(request, view.viewerAccounts);
    const adminOf =
      side === 'initiator' ? request.initiatorMpnId : side === 'invited' ? request.invitedMpnId : undefined;
    const initiator = view.accounts.find((a) => a.globalMpnId === request.initiatorMpnId);
    const invited = view.accounts.find((a) => a.globalMpnId === request.invitedMpnId);
    const preview =
      request.status === 'invited' || request.status === 'accepted' ? previewOf(initiator, invited) : undefined;
    const mergedAccount = request.status === 'completed' ? initiator : undefined;
    return mergeRequestCard({
      request,
      actions: allowedActions(request, actor),
      viewer: { side, isAccountAdmin: adminOf !== undefined && actor.accountAdminOf.includes(adminOf) },
      ...(preview ? { preview } : {}),
      ...(mergedAccount ? { mergedAccount } : {}),
      refreshUserIds: viewer.mri ? [viewer.mri] : [],
      ...(notice ? { notice } : {}),
      locale: viewer.locale,
    });
  }
}

/** What the merge would change, when both accounts can still be merged. */
function previewOf(
  initiator: PartnerAccount | undefined,
  invited: PartnerAccount | undefined,
): MergePreview | undefined {
  if (initiator?.status !== 'active' || invited?.status !== 'active') return undefined;
  try {
    return previewMerge(initiator, invited);
  } catch (err: unknown) {
    if (isDomainError(err)) return undefined;
    throw err;
  }
}

/** Which side of the merge the viewer belongs to (after completion both are the PGA's). */
function sideOf(request: MergeRequest, accounts: readonly PartnerAccount[]): MergeViewerSide {
  if (accounts.some((a) => a.globalMpnId === request.initiatorMpnId)) return 'initiator';
  if (accounts.some((a) => a.globalMpnId === request.invitedMpnId)) return 'invited';
  return 'none';
}
