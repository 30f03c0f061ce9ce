/**
 * The merge use cases the Teams layer calls. Every call reloads what it needs from the
 * store (accounts, roles, the request) and never trusts state passed in by the caller;
 * writes use the store's optimistic concurrency, so of two racing decisions exactly one
 * is applied and the other is told the request was already decided.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, fail, isDomainError, ok, type Result } from '../errors.js';
import type { Logger } from '../loggerPort.js';
import { findUser, isAccountAdmin, type UserIdentity } from '../accounts/roles.js';
import { visibleText } from '../text.js';
import { isMergeId, parseMpnId, userKey } from '../accounts/validation.js';
import type {
  Actor,
  ActorRef,
  InvitedMerge,
  MergeAction,
  MergeEvent,
  MergeRequest,
  MpnId,
  PartnerAccount,
  SentCardRecord,
} from '../model.js';
import { isLiveMergeCard } from '../model.js';
import { committedRecord, put, type Store, type StoreReads, type WriteOp } from '../store/types.js';
import { executeMerge, markAbsorbed, previewMerge, type MergePreview } from './execute.js';
import { planNotifications, type PlanAccounts } from '../notify/planner.js';
import { buildNotice, type MergeNotice } from './notifications.js';
import { adminMemberships, allowedActions, canView, createInvitation, transition } from './stateMachine.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;
/** Who acts; a user's admin memberships are always re-read from the store. */
export type ActorInput = Actor | ActorRef;

export const SYSTEM_ACTOR: Actor = { kind: 'system' };

/** The merge rules' defaults (the config module's defaults too, so they live here only). */
export const MERGE_DEFAULTS = { invitationDays: 14, reminderDaysBefore: 3 } as const;

export interface MergeServiceOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  /** Days until an unanswered invitation expires (default 14). */
  readonly invitationDays?: number;
  /** Days before expiry when the invited admins are reminded (default 3; 0 = no reminder). */
  readonly reminderDaysBefore?: number;
  readonly idFactory?: () => string;
  readonly logger?: Logger;
  /** Write the notifications of each change into the outbox, in the same commit (default true). */
  readonly outbox?: boolean;
  /** Also notify the Entra manager of the admin who acted (default false). */
  readonly notifyActorManager?: boolean;
}

export interface AppliedDecision {
  readonly outcome: 'applied';
  readonly request: MergeRequest;
  /** Set when a confirm completed the merge. */
  readonly mergedAccount?: PartnerAccount;
  readonly notice: MergeNotice;
  /** The accounts after the decision, for the card (no further reads). */
  readonly view: MergeCardView;
}

export type DecideResult =
  | AppliedDecision
  | {
      readonly outcome: 'unchanged';
      readonly request: MergeRequest;
      readonly error: DomainError;
      readonly view: MergeCardView;
    }
  | { readonly outcome: 'not-found'; readonly error: DomainError }
  | { readonly outcome: 'hidden'; readonly error: DomainError };

/**
 * What a merge card needs besides the request, as read in the same snapshot: both
 * accounts (and the account a side was merged into), and the viewer's own accounts.
 */
export interface MergeCardView {
  readonly accounts: readonly PartnerAccount[];
  readonly viewerAccounts: readonly PartnerAccount[];
}

export interface DecideOptions {
  /** The caller's look at the store (a turn's), used for the first attempt instead of a new snapshot. */
  readonly reads?: StoreReads;
  /** The person clicking: a merge they may not see is `hidden`, and `view` is theirs. */
  readonly viewer?: UserIdentity;
  /** The card clicked, recorded with the decision when it is not known yet. */
  readonly clickedCard?: { readonly activityId: string; record(request: MergeRequest): SentCardRecord };
}

export type InviteResult =
  | { readonly outcome: 'applied'; readonly request: InvitedMerge; readonly notice: MergeNotice }
  | { readonly outcome: 'refused'; readonly error: DomainError };

export interface InviteTarget {
  readonly initiator: PartnerAccount;
  readonly invited: PartnerAccount;
}

export interface MergeHistoryEntry {
  /** The role of the asked-about account in this merge. */
  readonly role: 'initiator' | 'invited';
  readonly other: { readonly mpnId: MpnId; readonly companyName: string };
  /** Includes the audit trail, oldest entry first. */
  readonly request: MergeRequest;
}

export class MergeService {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly invitationDays: number;
  private readonly reminderDaysBefore: number;
  private readonly idFactory: () => string;
  private readonly logger: Logger | undefined;
  private readonly outbox: boolean;
  private readonly notifyActorManager: boolean;

  constructor(options: MergeServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.invitationDays = options.invitationDays ?? MERGE_DEFAULTS.invitationDays;
    this.reminderDaysBefore = options.reminderDaysBefore ?? MERGE_DEFAULTS.reminderDaysBefore;
    if (!(this.invitationDays > 0) || this.reminderDaysBefore < 0 || this.reminderDaysBefore >= this.invitationDays) {
      throw new RangeError('invitationDays must be > 0 and 0 <= reminderDaysBefore < invitationDays');
    }
    this.idFactory = options.idFactory ?? randomUUID;
    this.logger = options.logger;
    this.outbox = options.outbox ?? true;
    this.notifyActorManager = options.notifyActorManager ?? false;
  }

  /** The outbox entries of one audit entry, as write operations of the same commit. */
  private notificationOps(
    request: MergeRequest,
    auditIndex: number,
    accounts: PlanAccounts,
    now: Date,
    cardsToRedraw?: boolean,
  ): WriteOp[] {
    if (!this.outbox) return [];
    return planNotifications(request, auditIndex, accounts, now, {
      actorManager: this.notifyActorManager,
      ...(cardsToRedraw === undefined ? {} : { cardsToRedraw }),
    }).map((e) => put('outbox', e, 0));
  }

  /* ------------------------------------------------------------ identities */

  /** The user with their Account admin memberships, read fresh from the store. */
  async resolveActor(aadObjectId: string, tenantId: string, displayName: string): Promise<UserActor> {
    const accounts = await this.store.accounts.listForUser(aadObjectId, tenantId);
    // The name goes into the audit trail and onto the other company's cards: stored as it will be shown.
    return {
      kind: 'user',
      aadObjectId,
      tenantId,
      displayName: visibleText(displayName).slice(0, 200),
      accountAdminOf: adminMemberships(accounts, { aadObjectId, tenantId }),
    };
  }

  /** Active accounts the user belongs to. */
  accountsForUser(aadObjectId: string, tenantId: string): Promise<PartnerAccount[]> {
    return this.store.accounts.listForUser(aadObjectId, tenantId);
  }

  /** The user's account; one they administer first. */
  async findAccountForUser(aadObjectId: string, tenantId: string): Promise<PartnerAccount | undefined> {
    const accounts = await this.accountsForUser(aadObjectId, tenantId);
    return accounts.find((a) => isAccountAdmin(a, { aadObjectId, tenantId })) ?? accounts[0];
  }

  private async refresh(actor: ActorInput): Promise<Actor> {
    return actor.kind === 'system'
      ? SYSTEM_ACTOR
      : this.resolveActor(actor.aadObjectId, actor.tenantId, actor.displayName);
  }

  /* --------------------------------------------------------------- lookups */

  /**
   * An active account by its partner global MPN ID. A location MPN ID is refused with a
   * message naming the global MPN ID to use instead.
   */
  async lookupGlobalAccount(mpnIdInput: unknown): Promise<Result<PartnerAccount>> {
    const parsed = parseMpnId(mpnIdInput);
    if (!parsed.ok) return parsed;
    const match = await this.store.accounts.findByMpnId(parsed.value);
    if (match === undefined) return fail('unknown-mpn-id', { mpnId: parsed.value });
    if (match.kind === 'location') {
      return fail('location-mpn-id', {
        mpnId: parsed.value,
        globalMpnId: match.account.globalMpnId,
        company: match.account.companyName,
      });
    }
    return ok(match.account);
  }

  /** The account the actor would invite from: the one they are Account admin of. */
  async initiatingAccount(actor: ActorInput, initiatorMpnId?: MpnId): Promise<Result<PartnerAccount>> {
    const fresh = await this.refresh(actor);
    if (fresh.kind !== 'user') return fail('not-authorized', { action: 'invite' });
    if (initiatorMpnId !== undefined) {
      const account = await this.store.accounts.get(initiatorMpnId);
      if (account === undefined) return fail('unknown-mpn-id', { mpnId: initiatorMpnId });
      if (!fresh.accountAdminOf.includes(initiatorMpnId))
        return fail('not-account-admin', { mpnId: initiatorMpnId, company: account.companyName });
      return ok(account);
    }
    const [only, ...more] = fresh.accountAdminOf;
    if (only === undefined) return fail('no-admin-account', {});
    if (more.length > 0) return fail('multiple-admin-accounts', { accounts: fresh.accountAdminOf.join(', ') });
    const account = await this.store.accounts.get(only);
    return account === undefined ? fail('unknown-mpn-id', { mpnId: only }) : ok(account);
  }

  /**
   * Everything that must hold before an invitation: the actor is an Account admin of the
   * initiator; the target is a known partner global MPN ID (not a location ID) of another
   * account; neither account is in an open merge. Accounts are read before open merges so
   * that the invite's version fence on both accounts catches a concurrent invite.
   */
  async validateInviteTarget(
    actor: ActorInput,
    mpnIdInput: unknown,
    options: { initiatorMpnId?: MpnId } = {},
  ): Promise<Result<InviteTarget>> {
    const initiator = await this.initiatingAccount(actor, options.initiatorMpnId);
    if (!initiator.ok) return initiator;
    const parsed = parseMpnId(mpnIdInput);
    if (!parsed.ok) return parsed;
    const match = await this.store.accounts.findByMpnId(parsed.value);
    // Typing one of your own location IDs is a self-merge, not a "use the global ID".
    if (parsed.value === initiator.value.globalMpnId || match?.account.globalMpnId === initiator.value.globalMpnId) {
      // A former global ID absorbed by an earlier merge: say so, with when it happened.
      const absorbed =
        parsed.value === initiator.value.globalMpnId ? undefined : await this.store.accounts.get(parsed.value);
      if (absorbed?.mergedInto === initiator.value.globalMpnId && absorbed.mergedAt !== undefined) {
        return fail('own-location', {
          mpnId: parsed.value,
          company: initiator.value.companyName,
          mergedOn: absorbed.mergedAt,
        });
      }
      return fail('self-merge', { mpnId: parsed.value });
    }
    const invited = await this.lookupGlobalAccount(parsed.value);
    if (!invited.ok) return invited;
    for (const [side, account] of [
      ['initiator', initiator.value],
      ['invited', invited.value],
    ] as const) {
      const busy = await this.openMergeRefusal(account, side);
      if (busy !== undefined) return busy;
    }
    return ok({ initiator: initiator.value, invited: invited.value });
  }

  /** Whether the actor may start a merge at all (before asking for an MPN ID). */
  async canStartMerge(actor: ActorInput, options: { initiatorMpnId?: MpnId } = {}): Promise<Result<PartnerAccount>> {
    const initiator = await this.initiatingAccount(actor, options.initiatorMpnId);
    if (!initiator.ok) return initiator;
    return (await this.openMergeRefusal(initiator.value, 'initiator')) ?? initiator;
  }

  private async openMergeRefusal(
    account: PartnerAccount,
    side: 'initiator' | 'invited',
  ): Promise<Result<never> | undefined> {
    const open = await this.store.merges.findOpenForAccount(account.globalMpnId);
    return open === undefined
      ? undefined
      : fail('open-merge-exists', { mpnId: account.globalMpnId, company: account.companyName, mergeId: open.id, side });
  }

  /** What a merge would change; `from` is an actor (invite card) or the initiator's global MPN ID (confirm card). */
  async preview(from: ActorInput | MpnId, invitedMpnId: unknown): Promise<Result<MergePreview>> {
    const initiator =
      typeof from === 'string' ? await this.lookupGlobalAccount(from) : await this.initiatingAccount(from);
    if (!initiator.ok) return initiator;
    const invited = await this.lookupGlobalAccount(invitedMpnId);
    if (!invited.ok) return invited;
    try {
      return ok(previewMerge(initiator.value, invited.value));
    } catch (err) {
      if (isDomainError(err)) return { ok: false, error: err };
      throw err;
    }
  }

  /* ----------------------------------------------------------------- writes */

  async invite(
    actor: ActorInput,
    invitedMpnId: unknown,
    options: { initiatorMpnId?: MpnId } = {},
  ): Promise<InviteResult> {
    for (let attempt = 0; ; attempt += 1) {
      const target = await this.validateInviteTarget(actor, invitedMpnId, options);
      if (!target.ok) return { outcome: 'refused', error: target.error };
      const { initiator, invited } = target.value;
      const created = createInvitation({
        id: this.idFactory(),
        initiator,
        invited,
        actor: await this.refresh(actor),
        now: this.clock(),
        invitationDays: this.invitationDays,
        reminderDaysBefore: this.reminderDaysBefore,
      });
      if (!created.ok) return { outcome: 'refused', error: created.error };
      try {
        // Rewriting both accounts unchanged bumps their versions: a concurrent invite
        // involving either account then conflicts (one open merge per account).
        const ops = [
          put('merge', created.value, 0),
          put('account', initiator),
          put('account', invited),
          ...this.notificationOps(created.value, 0, { initiator, invited }, this.clock()),
        ];
        const request = committedRecord(ops, await this.store.commit(ops), 'merge', created.value.id) as InvitedMerge;
        const entry = request.audit[request.audit.length - 1];
        if (entry === undefined) throw new Error('invitation without audit entry');
        return { outcome: 'applied', request, notice: buildNotice(request, entry, { initiator, invited }) };
      } catch (err) {
        if (attempt === 0 && isConflict(err)) continue;
        if (isConflict(err)) return { outcome: 'refused', error: err };
        throw err;
      }
    }
  }

  async get(mergeId: string): Promise<MergeRequest | undefined> {
    return isMergeId(mergeId) ? this.store.merges.get(mergeId) : undefined;
  }

  /**
   * Whether `who` may see the merge (see canView in the state machine), read fresh from the
   * directory: both accounts, and the account a side was merged into.
   */
  async canView(request: MergeRequest, who: UserIdentity): Promise<boolean> {
    const sides = (
      await Promise.all([
        this.store.accounts.get(request.initiatorMpnId),
        this.store.accounts.get(request.invitedMpnId),
      ])
    ).filter((a) => a !== undefined);
    const into = [...new Set(sides.flatMap((a) => (a.mergedInto === undefined ? [] : [a.mergedInto])))].filter(
      (id) => !sides.some((a) => a.globalMpnId === id),
    );
    const pgas = (await Promise.all(into.map((id) => this.store.accounts.get(id)))).filter((a) => a !== undefined);
    return canView(request, [...sides, ...pgas], who);
  }

  /** The card buttons for this actor, with roles read fresh. */
  async actionsFor(request: MergeRequest, actor: ActorInput): Promise<readonly MergeAction[]> {
    return allowedActions(request, await this.refresh(actor));
  }

  /**
   * Applies a decision. A repeated click or a lost race returns `unchanged` with
   * `already-decided` and the current request: no second transition, no second audit
   * entry. A conflict with an unrelated write is retried once from fresh data.
   *
   * Everything is read from one snapshot of the store, and the result carries what a card
   * of the merge needs (`view`), so a click reads the store once and commits once. With
   * `viewer`, a merge that person may not see is `hidden` (the same as not found for them).
   * `clickedCard`: the card clicked, recorded in the decision's own commit when new.
   */
  async decide(
    mergeId: string,
    event: MergeEvent,
    actor: ActorInput,
    options: DecideOptions = {},
  ): Promise<DecideResult> {
    for (let attempt = 0; ; attempt += 1) {
      // A retry after a conflict looks again.
      const reads = attempt === 0 && options.reads ? options.reads : await this.store.snapshot();
      const request = isMergeId(mergeId) ? await reads.merges.get(mergeId) : undefined;
      if (request === undefined)
        return { outcome: 'not-found', error: new DomainError('merge-not-found', { mergeId: mergeId.slice(0, 100) }) };
      const view = await mergeCardView(reads, request, options.viewer ?? (actor.kind === 'user' ? actor : undefined));
      if (options.viewer && !canView(request, view.accounts, options.viewer))
        return { outcome: 'hidden', error: new DomainError('merge-not-found', { mergeId }) };
      const fresh: Actor = actor.kind === 'system' ? SYSTEM_ACTOR : this.actorFrom(actor, view.viewerAccounts);
      const result = transition(request, event, fresh, this.clock());
      if (!result.ok) return { outcome: 'unchanged', request, error: result.error, view };

      const initiator = view.accounts.find((a) => a.globalMpnId === request.initiatorMpnId);
      const invited = view.accounts.find((a) => a.globalMpnId === request.invitedMpnId);
      const ops: WriteOp[] = [put('merge', result.request, request.version)];
      let merged: { readonly pga: PartnerAccount; readonly absorbed: PartnerAccount } | undefined;
      if (result.request.status === 'completed') {
        if (initiator === undefined || invited === undefined) {
          throw new Error(`merge ${mergeId} refers to a missing account`);
        }
        const now = new Date(result.entry.at);
        // Merged account and final request state are written together or not at all.
        const pga = executeMerge(initiator, invited, now);
        merged = { pga, absorbed: markAbsorbed(invited, pga, now) };
        ops.push(put('account', merged.pga, initiator.version), put('account', merged.absorbed, invited.version));
      }
      const sent = await reads.sentCards.listForMerge(request.id);
      const clicked = options.clickedCard;
      // The stored version this commit gives the merge; the clicked card is answered with it.
      const shows = request.version + 1;
      // A card delivery of this merge still under way may record a card this snapshot does
      // not hold yet (or draw an earlier state): then the cards are redrawn after this change.
      const drawing = (await reads.outbox.listActiveForMerge(request.id)).some(
        (e) => e.kind === 'mergeCard' || e.kind === 'refreshCards',
      );
      const cardsToRedraw =
        drawing || sent.some((c) => isLiveMergeCard(c) && c.shows !== shows && c.activityId !== clicked?.activityId);
      ops.push(
        ...this.notificationOps(
          result.request,
          result.request.audit.length - 1,
          { ...(initiator ? { initiator } : {}), ...(invited ? { invited } : {}) },
          new Date(result.entry.at),
          cardsToRedraw,
        ),
      );
      if (clicked) ops.push(...clickedCardOps(sent, result.request, shows, clicked));
      try {
        const committed = await this.store.commit(ops);
        const stored = committedRecord(ops, committed, 'merge', request.id);
        const pga = merged ? committedRecord(ops, committed, 'account', merged.pga.globalMpnId) : undefined;
        const absorbed = merged ? committedRecord(ops, committed, 'account', merged.absorbed.globalMpnId) : undefined;
        // Debug: the caller logs the decision once, with its turn's context.
        this.logger?.debug({ mergeId, action: result.entry.action, status: stored.status }, 'merge request updated');
        const who = options.viewer ?? (actor.kind === 'user' ? actor : undefined);
        return {
          outcome: 'applied',
          request: stored,
          ...(pga === undefined ? {} : { mergedAccount: pga }),
          notice: buildNotice(stored, result.entry, { initiator: pga ?? initiator, invited }),
          view: viewAfterMerge(view, pga, absorbed, who),
        };
      } catch (err) {
        if (!isConflict(err)) throw err;
        // Re-reading usually turns a lost race into `already-decided`.
        if (attempt === 0) continue;
        return { outcome: 'unchanged', request: (await this.get(mergeId)) ?? request, error: err, view };
      }
    }
  }

  /** The actor with Account admin memberships from accounts already read. */
  private actorFrom(
    actor: UserIdentity & { readonly displayName: string },
    accounts: readonly PartnerAccount[],
  ): UserActor {
    const { aadObjectId, tenantId } = actor;
    return {
      kind: 'user',
      aadObjectId,
      tenantId,
      displayName: visibleText(actor.displayName).slice(0, 200),
      accountAdminOf: adminMemberships(accounts, { aadObjectId, tenantId }),
    };
  }

  /** A merge with what its card needs, in one look at the store, if `viewer` may see it. */
  /**
   * The merge as `viewer` may see it, from one look at the store. With `activityId` (the card
   * a refresh is for), whether that card of theirs was superseded by a newer one.
   */
  async viewFor(
    mergeId: string,
    viewer: UserIdentity,
    activityId?: string,
  ): Promise<
    | {
        readonly outcome: 'visible';
        readonly request: MergeRequest;
        readonly view: MergeCardView;
        readonly superseded: boolean;
      }
    | { readonly outcome: 'not-found' | 'hidden' }
  > {
    const reads = await this.store.snapshot();
    const request = isMergeId(mergeId) ? await reads.merges.get(mergeId) : undefined;
    if (request === undefined) return { outcome: 'not-found' };
    const view = await mergeCardView(reads, request, viewer);
    if (!canView(request, view.accounts, viewer)) return { outcome: 'hidden' };
    const card =
      activityId === undefined
        ? undefined
        : (await reads.sentCards.listForMerge(mergeId)).find(
            (c) => c.activityId === activityId && userKey(c) === userKey(viewer),
          );
    return { outcome: 'visible', request, view, superseded: card?.supersededAt !== undefined };
  }

  /** What a card of the merge needs, read from one snapshot (for a card outside a decision): `reads`, or a new one. */
  async cardView(request: MergeRequest, viewer: UserIdentity, reads?: StoreReads): Promise<MergeCardView> {
    return mergeCardView(reads ?? (await this.store.snapshot()), request, viewer);
  }

  /* ---------------------------------------------------------------- history */

  /** All merges of an account (as initiator and as invited), newest first, with audit trails. */
  async history(globalMpnIdInput: unknown, options: { limit?: number } = {}): Promise<MergeHistoryEntry[]> {
    const parsed = parseMpnId(globalMpnIdInput);
    if (!parsed.ok) throw parsed.error;
    const mpnId = parsed.value;
    // Absorbed accounts keep their history although their MPN ID is now a location.
    if ((await this.store.accounts.get(mpnId)) === undefined) {
      const lookup = await this.lookupGlobalAccount(mpnId);
      if (!lookup.ok) throw lookup.error;
    }
    const merges = await this.store.merges.listByAccount(mpnId, options);
    return merges.map((request) => {
      const role = request.initiatorMpnId === mpnId ? 'initiator' : 'invited';
      const other =
        role === 'initiator'
          ? { mpnId: request.invitedMpnId, companyName: request.invitedCompanyName }
          : { mpnId: request.initiatorMpnId, companyName: request.initiatorCompanyName };
      return { role, other, request };
    });
  }

  /* -------------------------------------------------------------- scheduler */

  /** Expires every overdue invitation; returns what was applied (to notify). */
  async expireDue(): Promise<AppliedDecision[]> {
    return this.runDue(await this.store.merges.listDueForExpiry(this.clock()), { type: 'expire' });
  }

  /**
   * Claims due reminders (marks them sent) and returns them with their recipients; a
   * second scheduler run or instance does not get the same reminder again.
   */
  async remindersDue(): Promise<AppliedDecision[]> {
    return this.runDue(await this.store.merges.listDueForReminder(this.clock()), { type: 'remind' });
  }

  private async runDue(due: readonly MergeRequest[], event: MergeEvent): Promise<AppliedDecision[]> {
    const applied: AppliedDecision[] = [];
    for (const request of due) {
      const result = await this.decide(request.id, event, SYSTEM_ACTOR);
      if (result.outcome === 'applied') applied.push(result);
    }
    return applied;
  }
}

/**
 * The clicked card shows the merge as the decision's commit stores it (`shows`): recorded
 * when new, or marked as showing that version, so no redraw of it is queued.
 */
function clickedCardOps(
  sent: readonly SentCardRecord[],
  decided: MergeRequest,
  shows: number,
  clicked: NonNullable<DecideOptions['clickedCard']>,
): WriteOp[] {
  const known = sent.find((c) => c.activityId === clicked.activityId);
  if (known === undefined) return [put('sentCard', { ...clicked.record(decided), shows }, 0)];
  return isLiveMergeCard(known) ? [put('sentCard', { ...known, shows }, known.version)] : [];
}

/** Both accounts of the merge, the account a side was merged into, and the viewer's own accounts. */
async function mergeCardView(
  reads: StoreReads,
  request: MergeRequest,
  viewer: UserIdentity | undefined,
): Promise<MergeCardView> {
  const sides = (
    await Promise.all([reads.accounts.get(request.initiatorMpnId), reads.accounts.get(request.invitedMpnId)])
  ).filter((a) => a !== undefined);
  const into = [...new Set(sides.flatMap((a) => (a.mergedInto === undefined ? [] : [a.mergedInto])))].filter(
    (id) => !sides.some((a) => a.globalMpnId === id),
  );
  const pgas = (await Promise.all(into.map((id) => reads.accounts.get(id)))).filter((a) => a !== undefined);
  const viewerAccounts = viewer ? await reads.accounts.listForUser(viewer.aadObjectId, viewer.tenantId) : [];
  return { accounts: [...sides, ...pgas], viewerAccounts };
}

/** Active accounts among `accounts` that have `who` as a user (as `listForUser` would answer). */
function activeAccountsOf(accounts: readonly PartnerAccount[], who: UserIdentity): PartnerAccount[] {
  return accounts
    .filter((a) => a.status === 'active' && findUser(a, who) !== undefined)
    .sort((a, b) => a.globalMpnId.localeCompare(b.globalMpnId));
}

function isConflict(err: unknown): err is DomainError<'version-conflict'> {
  return isDomainError(err) && err.is('version-conflict');
}

/** The card's view once the decision is stored: the merged accounts in place, the viewer's after a merge. */
function viewAfterMerge(
  view: MergeCardView,
  pga: PartnerAccount | undefined,
  absorbed: PartnerAccount | undefined,
  who: { readonly aadObjectId: string; readonly tenantId: string } | undefined,
): MergeCardView {
  const accounts = view.accounts.map((a) =>
    a.globalMpnId === pga?.globalMpnId ? pga : a.globalMpnId === absorbed?.globalMpnId ? absorbed : a,
  );
  if (!who || !pga) return { accounts, viewerAccounts: view.viewerAccounts };
  // After a merge the viewer may belong to the PGA now (users are merged in).
  const others = view.viewerAccounts.filter(
    (a) => a.globalMpnId !== pga.globalMpnId && a.globalMpnId !== absorbed?.globalMpnId,
  );
  return { accounts, viewerAccounts: activeAccountsOf([...others, pga], who) };
}
