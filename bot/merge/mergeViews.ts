/**
 * Builds the merge card for one viewer from fresh state: the viewer's side and role are
 * resolved from the account directory each time, the buttons come from the state
 * machine's allowed actions, never from anything the card sent back.
 */
import type { MergeService } from '../../services/merge/mergeService.js';
import type { MergeRequest, PartnerAccount } from '../../services/model.js';
import type { Store } from '../../services/store/types.js';
import { mergeRequestCard, type MergeViewerSide } from '../../cards/mergeRequest.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { mergeUnavailableCard } from '../../cards/mergeUnavailable.js';
import type { Viewer } from '../../dialogs/mergePorts.js';

export class MergeViews {
  constructor(
    private readonly merges: MergeService,
    private readonly store: Store,
  ) {}

  /** The viewer's card, or the minimal "not available to you" card for anyone the merge may not be shown to. */
  async cardFor(request: MergeRequest, viewer: Viewer, notice?: string): Promise<AdaptiveCardJson> {
    if (!(await this.merges.canView(request, viewer))) return mergeUnavailableCard(viewer.locale);
    const actor = await this.merges.resolveActor(viewer.aadObjectId, viewer.tenantId, viewer.displayName);
    const accounts = await this.merges.accountsForUser(viewer.aadObjectId, viewer.tenantId);
    const side = sideOf(request, accounts);
    const adminOf = side === 'initiator' ? request.initiatorMpnId : side === 'invited' ? request.invitedMpnId : undefined;
    const actions = await this.merges.actionsFor(request, actor);
    let preview;
    if (request.status === 'invited' || request.status === 'accepted') {
      const result = await this.merges.preview(request.initiatorMpnId, request.invitedMpnId);
      if (result.ok) preview = result.value;
    }
    const mergedAccount = request.status === 'completed' ? await this.store.accounts.get(request.initiatorMpnId) : undefined;
    return mergeRequestCard({
      request,
      actions,
      viewer: { side, isAccountAdmin: adminOf !== undefined && actor.accountAdminOf.includes(adminOf) },
      ...(preview ? { preview } : {}),
      ...(mergedAccount ? { mergedAccount } : {}),
      refreshUserIds: viewer.mri ? [viewer.mri] : [],
      ...(notice ? { notice } : {}),
      locale: viewer.locale,
    });
  }
}

/** Which side of the merge the viewer belongs to (after completion both are the PGA's). */
function sideOf(request: MergeRequest, accounts: readonly PartnerAccount[]): MergeViewerSide {
  if (accounts.some((a) => a.globalMpnId === request.initiatorMpnId)) return 'initiator';
  if (accounts.some((a) => a.globalMpnId === request.invitedMpnId)) return 'invited';
  return 'none';
}
