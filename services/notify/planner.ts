/**
 * Who is told what about a merge event (pure). The entries are written in the same commit
 * as the state change, so there is no notification without its change and no change
 * without its notifications. Ids are dedupe keys: one entry per (event, kind, recipient).
 *
 * Admins get what they must act on or know: the invitation (and its reminder) goes to the
 * invited admins, the answer to the initiating admins, cancellation and expiry as a short
 * message, completion to everyone but the one who confirmed. Watchers (managers) of both
 * accounts get a manager card for every state change. The person who acted sees the
 * result in their own turn and is not notified again.
 */
import { accountAdmins } from '../accounts/roles.js';
import { userKey } from '../accounts/validation.js';
import type {
  AuditAction,
  MergeOutboxEntry,
  MergeOutboxKind,
  MergeRequest,
  OutboxRecipient,
  PartnerAccount,
} from '../model.js';
import { freshDelivery } from './newEntry.js';

export interface PlanAccounts {
  readonly initiator?: PartnerAccount;
  readonly invited?: PartnerAccount;
}

type Side = 'initiator' | 'invited';

/** Per event: which side's admins get which kind of delivery. */
const ADMIN_DELIVERIES: Readonly<
  Record<AuditAction, ReadonlyArray<readonly [Side, Exclude<MergeOutboxKind, 'managerCard' | 'refreshCards'>]>>
> = {
  invited: [['invited', 'mergeCard']],
  reminded: [['invited', 'mergeCard']],
  accepted: [['initiator', 'mergeCard']],
  rejected: [['initiator', 'mergeCard']],
  cancelled: [['invited', 'mergeText']],
  expired: [
    ['initiator', 'mergeText'],
    ['invited', 'mergeText'],
  ],
  completed: [
    ['invited', 'mergeCard'],
    ['initiator', 'mergeCard'],
  ],
};

/** State changes managers hear about (a reminder is not one). */
const MANAGER_ACTIONS: ReadonlySet<AuditAction> = new Set([
  'invited',
  'accepted',
  'rejected',
  'cancelled',
  'expired',
  'completed',
]);

export function outboxId(
  mergeId: string,
  auditIndex: number,
  kind: string,
  recipient?: { tenantId: string; aadObjectId: string },
): string {
  return recipient ? `${mergeId}:${auditIndex}:${kind}:${userKey(recipient)}` : `${mergeId}:${auditIndex}:${kind}`;
}

export interface PlanOptions {
  /** Also notify the Entra manager of the admin who acted (resolved through Graph at delivery). */
  readonly actorManager?: boolean;
  /**
   * Whether a delivered card still shows an earlier state of the merge (default: assume
   * so). False when every card already shows this change: no redraw is queued then.
   */
  readonly cardsToRedraw?: boolean;
}

export function planNotifications(
  request: MergeRequest,
  auditIndex: number,
  accounts: PlanAccounts,
  now: Date,
  options: PlanOptions = {},
): MergeOutboxEntry[] {
  const entry = request.audit[auditIndex];
  if (entry === undefined) throw new RangeError(`merge ${request.id} has no audit entry ${auditIndex}`);
  const actorKey = entry.actor.kind === 'user' ? userKey(entry.actor) : undefined;
  const at = now.toISOString();
  const out: MergeOutboxEntry[] = [];
  const told = new Set<string>();
  if (actorKey) told.add(actorKey);

  const add = (kind: MergeOutboxKind, recipient?: OutboxRecipient): void => {
    // The actor's manager is keyed apart from the actor, who may be a recipient too.
    const idKey =
      recipient?.role === 'actorManager'
        ? { tenantId: recipient.tenantId, aadObjectId: `manager-of-${recipient.aadObjectId}` }
        : recipient;
    out.push({
      id: outboxId(request.id, auditIndex, kind, idKey),
      mergeId: request.id,
      auditIndex,
      action: entry.action,
      kind,
      ...(recipient ? { recipient } : {}),
      ...freshDelivery(at),
    });
  };

  // Cards already delivered show the new state (nothing is delivered before the invitation).
  if (entry.action !== 'invited' && options.cardsToRedraw !== false) add('refreshCards');

  for (const [side, kind] of ADMIN_DELIVERIES[entry.action]) {
    const account = side === 'initiator' ? accounts.initiator : accounts.invited;
    for (const admin of account ? accountAdmins(account) : []) {
      const key = userKey(admin);
      if (told.has(key)) continue;
      told.add(key);
      add(kind, {
        tenantId: admin.tenantId,
        aadObjectId: admin.aadObjectId,
        displayName: admin.displayName,
        role: 'admin',
      });
    }
  }

  if (MANAGER_ACTIONS.has(entry.action)) {
    for (const watcher of [...(accounts.initiator?.watchers ?? []), ...(accounts.invited?.watchers ?? [])]) {
      const key = userKey(watcher);
      if (told.has(key)) continue;
      told.add(key);
      add('managerCard', {
        tenantId: watcher.tenantId,
        aadObjectId: watcher.aadObjectId,
        displayName: watcher.displayName,
        role: 'watcher',
      });
    }
    if (options.actorManager && entry.actor.kind === 'user') {
      add('managerCard', {
        tenantId: entry.actor.tenantId,
        aadObjectId: entry.actor.aadObjectId,
        displayName: entry.actor.displayName,
        role: 'actorManager',
      });
    }
  }
  return out;
}
