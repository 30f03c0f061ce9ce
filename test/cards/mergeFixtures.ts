/**
 * Merge requests in every state, built with the real services (demo accounts, state
 * machine, preview and execution), and the four viewers the card tests look through.
 */
import { DEMO, demoAccounts } from '../../services/demo/demoData.js';
import { executeMerge, previewMerge, type MergePreview } from '../../services/merge/execute.js';
import { adminMemberships, allowedActions, createInvitation, transition } from '../../services/merge/stateMachine.js';
import type { Actor, MergeAction, MergeRequest, MergeStatus, PartnerAccount } from '../../services/model.js';
import type { MergeCardInput, MergeViewerSide } from '../../cards/mergeRequest.js';

export const T0 = new Date('2020-06-01T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

export const MERGE_ID = 'merge-0001';
export const REFRESH_USER_IDS = ['29:1contoso-admin', '29:1fabricam-admin'] as const;
export const DEFAULT_REASON = 'We are not ready to merge yet.';

export const STATUSES: readonly MergeStatus[] = [
  'invited',
  'accepted',
  'rejected',
  'cancelled',
  'expired',
  'completed',
];
export const VIEWERS = ['initiatorAdmin', 'invitedAdmin', 'invitedMember', 'outsider'] as const;
export type ViewerName = (typeof VIEWERS)[number];

export interface Viewer {
  readonly actor: Extract<Actor, { kind: 'user' }>;
  readonly side: MergeViewerSide;
  readonly isAccountAdmin: boolean;
}

export interface WorldOptions {
  /** Company names (hostile-name tests). */
  readonly initiatorName?: string;
  readonly invitedName?: string;
  /** Rewrites every person's display name (hostile-name tests). */
  readonly displayName?: (original: string) => string;
  readonly reason?: string;
}

export interface MergeWorld {
  readonly contoso: PartnerAccount;
  readonly fabricam: PartnerAccount;
  readonly northwind: PartnerAccount;
  readonly preview: MergePreview;
  readonly merged: PartnerAccount;
  readonly viewers: Readonly<Record<ViewerName, Viewer>>;
  readonly requests: Readonly<Record<MergeStatus, MergeRequest>>;
  /** The card input for a request as seen by a viewer, with buttons from allowedActions. */
  input(
    status: MergeStatus,
    viewer: ViewerName,
    locale: string | undefined,
    extra?: Partial<MergeCardInput>,
  ): MergeCardInput;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function applied(result: ReturnType<typeof transition>): MergeRequest {
  if (!result.ok) throw result.error;
  return result.request;
}

export function mergeWorld(options: WorldOptions = {}): MergeWorld {
  const rename = options.displayName ?? ((n: string) => n);
  const byId = new Map(demoAccounts().map((a) => [a.globalMpnId, a]));
  const account = (id: string, companyName?: string): PartnerAccount => {
    const found = byId.get(id);
    if (found === undefined) throw new Error(`demo account ${id} missing`);
    return {
      ...found,
      ...(companyName === undefined ? {} : { companyName }),
      users: found.users.map((u) => ({ ...u, displayName: rename(u.displayName) })),
    };
  };
  const contoso = account(DEMO.contoso.globalMpnId, options.initiatorName);
  const fabricam = account(DEMO.fabricam.globalMpnId, options.invitedName);
  const northwind = account(DEMO.northwind.globalMpnId);
  const accounts = [contoso, fabricam, northwind];

  const viewer = (person: { aadObjectId: string; tenantId: string; displayName: string }): Viewer => {
    const actor = {
      kind: 'user' as const,
      aadObjectId: person.aadObjectId,
      tenantId: person.tenantId,
      displayName: rename(person.displayName),
      accountAdminOf: adminMemberships(accounts, person),
    };
    const member = (a: PartnerAccount) =>
      a.users.some((u) => u.aadObjectId === person.aadObjectId && u.tenantId === person.tenantId);
    const side: MergeViewerSide = member(contoso) ? 'initiator' : member(fabricam) ? 'invited' : 'none';
    const adminOfSide =
      side === 'initiator' ? contoso.globalMpnId : side === 'invited' ? fabricam.globalMpnId : undefined;
    return { actor, side, isAccountAdmin: adminOfSide !== undefined && actor.accountAdminOf.includes(adminOfSide) };
  };
  const viewers = {
    initiatorAdmin: viewer(DEMO.contoso.admin),
    invitedAdmin: viewer(DEMO.fabricam.admin),
    invitedMember: viewer(DEMO.fabricam.user),
    outsider: viewer(DEMO.northwind.admin),
  };

  const invited = unwrap(
    createInvitation({
      id: MERGE_ID,
      initiator: contoso,
      invited: fabricam,
      actor: viewers.initiatorAdmin.actor,
      now: T0,
      invitationDays: 14,
      reminderDaysBefore: 3,
    }),
  );
  const accepted = applied(transition(invited, { type: 'accept' }, viewers.invitedAdmin.actor, at(26)));
  const requests: Record<MergeStatus, MergeRequest> = {
    invited,
    accepted,
    rejected: applied(
      transition(
        invited,
        { type: 'reject', reason: options.reason ?? DEFAULT_REASON },
        viewers.invitedAdmin.actor,
        at(27),
      ),
    ),
    cancelled: applied(transition(accepted, { type: 'cancel' }, viewers.initiatorAdmin.actor, at(30))),
    expired: applied(transition(invited, { type: 'expire' }, { kind: 'system' }, at(14 * 24))),
    completed: applied(
      transition(accepted, { type: 'confirm', acknowledged: true }, viewers.initiatorAdmin.actor, at(50)),
    ),
  };
  const preview = previewMerge(contoso, fabricam);
  const merged = executeMerge(contoso, fabricam, at(50));

  return {
    contoso,
    fabricam,
    northwind,
    preview,
    merged,
    viewers,
    requests,
    input(status, name, locale, extra = {}) {
      const request = requests[status];
      const v = viewers[name];
      const actions: readonly MergeAction[] = allowedActions(request, v.actor);
      return {
        request,
        actions,
        viewer: { side: v.side, isAccountAdmin: v.isAccountAdmin },
        ...(status === 'invited' || status === 'accepted' ? { preview } : {}),
        ...(status === 'completed' ? { mergedAccount: merged } : {}),
        refreshUserIds: REFRESH_USER_IDS,
        locale,
        ...extra,
      };
    },
  };
}
