/**
 * Who hears about a merge state change (pure). Managers registered as watchers of either
 * account are told about every change (invited, accepted, rejected with reason, cancelled,
 * expired, completed); a reminder goes to the invited account's admins, who must answer.
 * Sending is the Teams layer's job.
 */
import { accountAdmins, asWatcher } from '../accounts/roles.js';
import { userKey } from '../accounts/validation.js';
import type {
  ActorRef,
  AuditAction,
  AuditEntry,
  MergeRequest,
  MergeStatus,
  MpnId,
  PartnerAccount,
  Watcher,
} from '../model.js';

export interface MergeNotice {
  readonly mergeId: string;
  readonly action: AuditAction;
  readonly status: MergeStatus;
  readonly at: string;
  readonly actor: ActorRef;
  readonly reason?: string;
  readonly initiator: { readonly mpnId: MpnId; readonly companyName: string };
  readonly invited: { readonly mpnId: MpnId; readonly companyName: string };
  readonly recipients: readonly Watcher[];
}

export function buildNotice(
  request: MergeRequest,
  entry: AuditEntry,
  accounts: { readonly initiator?: PartnerAccount | undefined; readonly invited?: PartnerAccount | undefined },
): MergeNotice {
  const recipients =
    entry.action === 'reminded'
      ? accounts.invited === undefined
        ? []
        : accountAdmins(accounts.invited).map(asWatcher)
      : [...(accounts.initiator?.watchers ?? []), ...(accounts.invited?.watchers ?? [])];
  // One notice per person, even if they watch both accounts.
  const unique = new Map(recipients.map((w) => [userKey(w), w]));
  return {
    mergeId: request.id,
    action: entry.action,
    status: request.status,
    at: entry.at,
    actor: entry.actor,
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    initiator: { mpnId: request.initiatorMpnId, companyName: request.initiatorCompanyName },
    invited: { mpnId: request.invitedMpnId, companyName: request.invitedCompanyName },
    recipients: [...unique.values()],
  };
}
