/**
 * The merge request state machine (pure):
 *
 *   invited  → accepted | rejected(reason) | cancelled | expired      (+ remind, no status change)
 *   accepted → completed (initiator confirms) | cancelled
 *
 * Only an Account admin of the invited account accepts or rejects; only an Account admin
 * of the initiating account invites, confirms and cancels; only the system expires and
 * reminds. The actor's admin memberships are resolved from the store by the caller.
 * Every applied event appends one audit entry; refusals change nothing.
 */
import { DomainError, fail, ok, type Result } from '../errors.js';
import { isAccountAdmin, type UserIdentity } from '../accounts/roles.js';
import { parseReason, userKey } from '../accounts/validation.js';
import {
  actorRef,
  type Actor,
  type AuditAction,
  type AuditEntry,
  type InvitedMerge,
  type MergeAction,
  type MergeEvent,
  type MergeEventType,
  type MergeRequest,
  type MergeStatus,
  type MpnId,
  type PartnerAccount,
} from '../model.js';

export type TransitionResult =
  | { readonly ok: true; readonly request: MergeRequest; readonly entry: AuditEntry }
  | { readonly ok: false; readonly error: DomainError };

type Side = 'initiator' | 'invited';

interface Rule {
  readonly from: readonly MergeStatus[];
  /** Whose Account admin may do it; `system` for scheduler events. */
  readonly by: Side | 'system';
  readonly audit: AuditAction;
}

const RULES: Readonly<Record<MergeEventType, Rule>> = {
  accept: { from: ['invited'], by: 'invited', audit: 'accepted' },
  reject: { from: ['invited'], by: 'invited', audit: 'rejected' },
  confirm: { from: ['accepted'], by: 'initiator', audit: 'completed' },
  cancel: { from: ['invited', 'accepted'], by: 'initiator', audit: 'cancelled' },
  expire: { from: ['invited'], by: 'system', audit: 'expired' },
  remind: { from: ['invited'], by: 'system', audit: 'reminded' },
};

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationInput {
  readonly id: string;
  readonly initiator: PartnerAccount;
  readonly invited: PartnerAccount;
  readonly actor: Actor;
  readonly now: Date;
  readonly invitationDays: number;
  readonly reminderDaysBefore: number;
}

/**
 * Creates the `invited` request. Checks what can be checked without the store: the actor
 * is an Account admin of the initiator, both accounts are active, and they differ. The
 * one-open-merge rule needs the store and is the service's job.
 */
export function createInvitation(input: InvitationInput): Result<InvitedMerge> {
  const { initiator, invited, actor, now } = input;
  if (actor.kind !== 'user') return fail('not-authorized', { action: 'invite' });
  if (!actor.accountAdminOf.includes(initiator.globalMpnId)) {
    return fail('not-account-admin', { mpnId: initiator.globalMpnId, company: initiator.companyName });
  }
  for (const account of [initiator, invited]) {
    if (account.status !== 'active') {
      return fail('account-not-active', { mpnId: account.globalMpnId, mergedInto: account.mergedInto ?? '' });
    }
  }
  if (initiator.globalMpnId === invited.globalMpnId) return fail('self-merge', { mpnId: invited.globalMpnId });

  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + input.invitationDays * DAY_MS);
  const remindAt = new Date(expiresAt.getTime() - input.reminderDaysBefore * DAY_MS);
  const by = actorRef(actor);
  return ok({
    id: input.id,
    status: 'invited',
    initiatorMpnId: initiator.globalMpnId,
    initiatorCompanyName: initiator.companyName,
    invitedMpnId: invited.globalMpnId,
    invitedCompanyName: invited.companyName,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    expiresAt: expiresAt.toISOString(),
    remindAt: remindAt.toISOString(),
    audit: [{ at, action: 'invited', actor: by, toStatus: 'invited' }],
    version: 0,
  });
}

function sideMpnId(request: MergeRequest, side: Side): MpnId {
  return side === 'initiator' ? request.initiatorMpnId : request.invitedMpnId;
}

function isAdminOf(actor: Actor, mpnId: MpnId): boolean {
  return actor.kind === 'user' && actor.accountAdminOf.includes(mpnId);
}

function refuse(error: DomainError): TransitionResult {
  return { ok: false, error };
}

/** Checks state, then authorization, then time and input; applies the event if all pass. */
export function transition(request: MergeRequest, event: MergeEvent, actor: Actor, now: Date): TransitionResult {
  const rule = RULES[event.type];
  const mergeId = request.id;

  if (!rule.from.includes(request.status)) {
    // Confirming too early is the only "not yet"; everything else was decided already.
    if (event.type === 'confirm' && request.status === 'invited') {
      return refuse(new DomainError('not-accepted-yet', { mergeId }));
    }
    return refuse(new DomainError('already-decided', { status: request.status, mergeId }));
  }

  if (rule.by === 'system') {
    if (actor.kind !== 'system') return refuse(new DomainError('not-authorized', { action: event.type }));
  } else {
    if (actor.kind !== 'user') return refuse(new DomainError('not-authorized', { action: event.type }));
    const mpnId = sideMpnId(request, rule.by);
    if (!isAdminOf(actor, mpnId)) {
      const company = rule.by === 'initiator' ? request.initiatorCompanyName : request.invitedCompanyName;
      return refuse(new DomainError('not-account-admin', { mpnId, company }));
    }
  }

  const nowMs = now.getTime();
  const expired = request.status === 'invited' && nowMs >= Date.parse(request.expiresAt);
  if (event.type === 'expire' && !expired) return refuse(new DomainError('not-due', { action: 'expire', mergeId }));
  if (
    event.type === 'remind' &&
    (expired || nowMs < Date.parse(request.remindAt) || request.reminderSentAt !== undefined)
  ) {
    return refuse(new DomainError('not-due', { action: 'remind', mergeId }));
  }
  if (rule.by !== 'system' && expired) {
    return refuse(new DomainError('invitation-expired', { expiresAt: request.expiresAt.slice(0, 10), mergeId }));
  }

  // Irreversible: a confirm counts only with the explicit acknowledgement from the card.
  if (event.type === 'confirm' && !event.acknowledged)
    return refuse(new DomainError('acknowledgement-required', { mergeId }));

  let reason: string | undefined;
  if (event.type === 'reject') {
    const parsed = parseReason(event.reason);
    if (!parsed.ok) return refuse(parsed.error);
    reason = parsed.value;
  }

  const at = now.toISOString();
  const by = actorRef(actor);
  const entry: AuditEntry = {
    at,
    action: rule.audit,
    actor: by,
    fromStatus: request.status,
    toStatus: nextStatus(request.status, event.type),
    ...(reason === undefined ? {} : { reason }),
  };
  const base = { ...request, updatedAt: at, audit: [...request.audit, entry] };
  return { ok: true, request: applyEvent(base, event.type, at, by, reason), entry };
}

function nextStatus(current: MergeStatus, type: MergeEventType): MergeStatus {
  switch (type) {
    case 'accept':
      return 'accepted';
    case 'reject':
      return 'rejected';
    case 'confirm':
      return 'completed';
    case 'cancel':
      return 'cancelled';
    case 'expire':
      return 'expired';
    case 'remind':
      return current;
  }
}

/** Builds the next variant of the union; `base` already has the new audit trail. */
function applyEvent(
  base: MergeRequest,
  type: MergeEventType,
  at: string,
  by: AuditEntry['actor'],
  reason: string | undefined,
): MergeRequest {
  const common = withoutStatusFields(base);
  switch (type) {
    case 'accept':
      return { ...common, status: 'accepted', acceptedAt: at, acceptedBy: by };
    case 'reject':
      return { ...common, status: 'rejected', rejectedAt: at, rejectedBy: by, reason: reason ?? '' };
    case 'confirm':
      if (base.status !== 'accepted') throw new Error('confirm applies to accepted requests only');
      return {
        ...common,
        status: 'completed',
        acceptedAt: base.acceptedAt,
        acceptedBy: base.acceptedBy,
        completedAt: at,
        completedBy: by,
      };
    case 'cancel':
      if (base.status !== 'invited' && base.status !== 'accepted')
        throw new Error('cancel applies to open requests only');
      return {
        ...common,
        status: 'cancelled',
        cancelledAt: at,
        cancelledBy: by,
        cancelledFrom: base.status,
        ...(base.status === 'accepted' ? { acceptedAt: base.acceptedAt, acceptedBy: base.acceptedBy } : {}),
      };
    case 'expire':
      return { ...common, status: 'expired', expiredAt: at };
    case 'remind':
      return { ...common, status: 'invited', reminderSentAt: at };
  }
}

/** The fields every variant shares (drops the previous state's own fields). */
function withoutStatusFields(request: MergeRequest) {
  return {
    id: request.id,
    initiatorMpnId: request.initiatorMpnId,
    initiatorCompanyName: request.initiatorCompanyName,
    invitedMpnId: request.invitedMpnId,
    invitedCompanyName: request.invitedCompanyName,
    createdAt: request.createdAt,
    createdBy: request.createdBy,
    updatedAt: request.updatedAt,
    expiresAt: request.expiresAt,
    remindAt: request.remindAt,
    ...(request.reminderSentAt === undefined ? {} : { reminderSentAt: request.reminderSentAt }),
    audit: request.audit,
    version: request.version,
  };
}

/**
 * The buttons a card shows this actor. Terminal states allow no transition; `refresh`
 * is always offered to users (it changes nothing). The system never sees a card.
 */
export function allowedActions(request: MergeRequest, actor: Actor): readonly MergeAction[] {
  if (actor.kind !== 'user') return [];
  const actions: MergeAction[] = [];
  const invitedAdmin = isAdminOf(actor, request.invitedMpnId);
  const initiatorAdmin = isAdminOf(actor, request.initiatorMpnId);
  if (request.status === 'invited') {
    if (invitedAdmin) actions.push('accept', 'reject');
    if (initiatorAdmin) actions.push('cancel');
  } else if (request.status === 'accepted' && initiatorAdmin) {
    actions.push('confirm', 'cancel');
  }
  actions.push('refresh');
  return actions;
}

/**
 * Who may see a merge (domain: "who may see a merge"): anyone with a Partner Center role in
 * either account (Account admins included) and the watchers of either account, matched by
 * Entra object id and tenant. `accounts` are fresh records of both sides and of the account
 * a side was merged into (the PGA's people see the merges of accounts it absorbed). Nobody
 * else learns anything about the merge, not even that it exists.
 */
export function canView(request: MergeRequest, accounts: readonly PartnerAccount[], who: UserIdentity): boolean {
  const sides = new Set<MpnId>([request.initiatorMpnId, request.invitedMpnId]);
  const key = userKey(who);
  return accounts
    .filter((a) => sides.has(a.globalMpnId) || (a.mergedFrom ?? []).some((id) => sides.has(id)))
    .some(
      (a) =>
        a.users.some((u) => u.roles.length > 0 && userKey(u) === key) || a.watchers.some((w) => userKey(w) === key),
    );
}

/** Resolves the admin memberships of a user from fresh account records. */
export function adminMemberships(
  accounts: readonly PartnerAccount[],
  who: { aadObjectId: string; tenantId: string },
): MpnId[] {
  return accounts.filter((a) => isAccountAdmin(a, who)).map((a) => a.globalMpnId);
}
