/**
 * The domain model of partner accounts and account merges (see shared/domain.md).
 * Plain, JSON-serialisable data: dates are ISO strings, records that are stored on their
 * own carry `version` for optimistic concurrency (the store sets it, callers never do).
 */

/** A partner global or location MPN ID: 6–10 ASCII digits (see accounts/validation.ts). */
export type MpnId = string;
/** ISO-8601 timestamp in UTC, e.g. `2020-06-01T10:00:00.000Z`. */
export type IsoDateTime = string;
/** Calendar day `YYYY-MM-DD`. */
export type IsoDate = string;
/** Calendar month `YYYY-MM` (Action Pack anniversaries are months in the article). */
export type IsoMonth = string;

export const PARTNER_CENTER_ROLES = [
  'account-admin',
  'executive-report-viewer',
  'incentives-admin',
  'incentives-user',
  'referrals-admin',
  'referrals-user',
  'mpn-partner-admin',
  'user-management-admin',
  'billing-admin',
  'admin-agent',
  'sales-agent',
  'helpdesk-agent',
] as const;
export type PartnerCenterRole = (typeof PARTNER_CENTER_ROLES)[number];

/** A role held by a user; `scopeMpnId` limits it to one location (e.g. an incentives admin of a location). */
export interface RoleAssignment {
  readonly role: PartnerCenterRole;
  readonly scopeMpnId?: MpnId;
}

export interface PartnerUser {
  /** Entra object id of the user in `tenantId`. */
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly upn: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
}

/** A person to notify about merge state changes (a manager). */
export interface Watcher {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly upn?: string;
  /** Who put the person on the list in Teams; absent for imported and demo watchers. */
  readonly addedBy?: PersonRef;
  readonly addedAt?: IsoDateTime;
}

/** A person as recorded in a trail: identity and the name shown. */
export interface PersonRef {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
}

/** What changed in an account's own trail (merges keep theirs on the merge request). */
export type WatcherAuditAction = 'watcher-added' | 'watcher-removed' | 'watcher-stopped';
export type UserAuditAction = 'user-added' | 'user-removed' | 'user-roles-changed';
export type AccountAuditAction = WatcherAuditAction | UserAuditAction | 'registered' | 'location-added';

/** A person as a trail names them: identity, the name shown, and their sign-in name when known. */
export type PersonRefWithUpn = PersonRef & { readonly upn?: string };

interface AccountAuditBase {
  readonly at: IsoDateTime;
  /** Who did it: an Account admin, a reviewer (registered), or a watcher who stopped. */
  readonly actor: PersonRef;
}

/** A change of the managers list. */
export interface WatcherAuditEntry extends AccountAuditBase {
  readonly action: WatcherAuditAction;
  /** The person who was added or removed, or who stopped. */
  readonly watcher: PersonRefWithUpn;
}

/** A user added, removed, or given other Partner Center roles by an Account admin. */
export interface UserAuditEntry extends AccountAuditBase {
  readonly action: UserAuditAction;
  readonly user: PersonRefWithUpn;
  /** The roles the user holds after the change (empty once removed). */
  readonly roles: readonly RoleAssignment[];
}

/** The account was created from a registration; `actor` is the reviewer who approved it. */
export interface RegisteredAuditEntry extends AccountAuditBase {
  readonly action: 'registered';
  /** The requester, the account's first Account admin. */
  readonly user: PersonRefWithUpn;
  readonly registrationId: string;
}

export interface LocationAuditEntry extends AccountAuditBase {
  readonly action: 'location-added';
  readonly location: { readonly mpnId: MpnId; readonly name: string };
}

/** One line of an account's append-only trail: who did what to whom, when. */
export type AccountAuditEntry = WatcherAuditEntry | UserAuditEntry | RegisteredAuditEntry | LocationAuditEntry;

/**
 * Items that a merge carries over remember the global MPN ID of the account they came
 * from (absent means "this account's own", i.e. never merged in).
 */
export interface FromOrigin {
  readonly originGlobalMpnId?: MpnId;
}

export interface Location extends FromOrigin {
  readonly mpnId: MpnId;
  readonly name: string;
  readonly country?: string;
}

/** An Entra ID tenant with access to the account. Tenants are never merged. */
export interface Tenant extends FromOrigin {
  readonly tenantId: string;
  readonly domains: readonly string[];
}

export type CompetencyLevel = 'silver' | 'gold';

/** An awarded competency. */
export interface Competency {
  readonly name: string;
  readonly level: CompetencyLevel;
  readonly benefitsExpireOn: IsoDate;
}

/** One competency benefits package; each merged account keeps its own until renewal. */
export interface BenefitPackage {
  readonly originGlobalMpnId: MpnId;
  readonly expiresOn: IsoDate;
  readonly competencies: readonly { readonly name: string; readonly level: CompetencyLevel }[];
}

export interface ActionPackPurchase {
  readonly originGlobalMpnId: MpnId;
  readonly anniversary: IsoMonth;
}

export interface ExpertMspMembership {
  readonly originGlobalMpnId: MpnId;
  readonly benefitsExpireOn?: IsoDate;
}

export interface AdvancedSpecialization extends FromOrigin {
  readonly name: string;
}

export interface SoftwareAssuranceVoucher extends FromOrigin {
  readonly voucherId: string;
  readonly product: string;
  readonly expiresOn?: IsoDate;
}

/** An MCP ID association; after a merge every association points at the PGA's global MPN ID. */
export interface McpAssociation extends FromOrigin {
  readonly mcpId: string;
  readonly displayName?: string;
  readonly associatedMpnId: MpnId;
}

export interface PublishedOffer extends FromOrigin {
  readonly offerId: string;
  readonly name: string;
}

export type AccountStatus = 'active' | 'merged';

export interface PartnerAccount {
  /** The partner global MPN ID; also the record key. */
  readonly globalMpnId: MpnId;
  readonly companyName: string;
  /** `merged`: absorbed into `mergedInto`; its MPN IDs now resolve as locations of that PGA. */
  readonly status: AccountStatus;
  readonly mergedInto?: MpnId;
  readonly mergedAt?: IsoDateTime;
  /** Global MPN IDs of accounts merged into this one, oldest first. */
  readonly mergedFrom?: readonly MpnId[];
  readonly locations: readonly Location[];
  readonly tenants: readonly Tenant[];
  readonly users: readonly PartnerUser[];
  readonly competencies: readonly Competency[];
  /** Benefit packages kept until renewal; empty means derived from `competencies` (one per expiry). */
  readonly benefitPackages: readonly BenefitPackage[];
  /** After a merge: the date all packages renew as one package. */
  readonly benefitsRenewOn?: IsoDate;
  readonly actionPackAnniversary?: IsoMonth;
  /** Action Pack purchases retained until renewal (after a merge: one per original account). */
  readonly actionPacks: readonly ActionPackPurchase[];
  readonly azureExpertMsp: readonly ExpertMspMembership[];
  readonly advancedSpecializations: readonly AdvancedSpecialization[];
  readonly softwareAssuranceVouchers: readonly SoftwareAssuranceVoucher[];
  readonly mcpIds: readonly McpAssociation[];
  readonly offers: readonly PublishedOffer[];
  readonly coSellPipelineCount: number;
  readonly watchers: readonly Watcher[];
  /** Changes made in Teams (who gets merge notifications), oldest first; absent until the first. */
  readonly audit?: readonly AccountAuditEntry[];
  readonly version: number;
  readonly updatedAt?: IsoDateTime;
}

/* ------------------------------------------------------------------ merges */

/** Who did something, as recorded (no roles: those are resolved fresh each time). */
export type ActorRef =
  | { readonly kind: 'user'; readonly aadObjectId: string; readonly tenantId: string; readonly displayName: string }
  | { readonly kind: 'system' };

/** A resolved identity: the caller looks up roles in the store just before acting. */
export type Actor =
  (Extract<ActorRef, { kind: 'user' }> & { readonly accountAdminOf: readonly MpnId[] }) | { readonly kind: 'system' };

export type MergeStatus = 'invited' | 'accepted' | 'rejected' | 'cancelled' | 'expired' | 'completed';
export const OPEN_MERGE_STATUSES = ['invited', 'accepted'] as const satisfies readonly MergeStatus[];
export type OpenMergeStatus = (typeof OPEN_MERGE_STATUSES)[number];
export type TerminalMergeStatus = Exclude<MergeStatus, OpenMergeStatus>;

export type MergeEvent =
  | { readonly type: 'accept' }
  | { readonly type: 'reject'; readonly reason: string }
  /** `acknowledged`: the person ticked "I understand this cannot be undone" (the merge is irreversible). */
  | { readonly type: 'confirm'; readonly acknowledged: boolean }
  | { readonly type: 'cancel' }
  | { readonly type: 'expire' }
  | { readonly type: 'remind' };
export type MergeEventType = MergeEvent['type'];

/** What a card may offer; `refresh` is not a transition. */
export type MergeAction = 'accept' | 'reject' | 'confirm' | 'cancel' | 'refresh';

export type AuditAction = 'invited' | 'accepted' | 'rejected' | 'cancelled' | 'expired' | 'completed' | 'reminded';

/** One append-only audit trail line: who, when, what, why. */
export interface AuditEntry {
  readonly at: IsoDateTime;
  readonly action: AuditAction;
  readonly actor: ActorRef;
  readonly fromStatus?: MergeStatus;
  readonly toStatus: MergeStatus;
  readonly reason?: string;
}

interface MergeRequestBase {
  readonly id: string;
  readonly initiatorMpnId: MpnId;
  readonly initiatorCompanyName: string;
  readonly invitedMpnId: MpnId;
  readonly invitedCompanyName: string;
  readonly createdAt: IsoDateTime;
  readonly createdBy: ActorRef;
  readonly updatedAt: IsoDateTime;
  /** Unanswered invitations expire at this moment. */
  readonly expiresAt: IsoDateTime;
  /** From this moment the invited admins get one reminder. */
  readonly remindAt: IsoDateTime;
  readonly reminderSentAt?: IsoDateTime;
  readonly audit: readonly AuditEntry[];
  readonly version: number;
}

export interface InvitedMerge extends MergeRequestBase {
  readonly status: 'invited';
}
export interface AcceptedMerge extends MergeRequestBase {
  readonly status: 'accepted';
  readonly acceptedAt: IsoDateTime;
  readonly acceptedBy: ActorRef;
}
export interface RejectedMerge extends MergeRequestBase {
  readonly status: 'rejected';
  readonly rejectedAt: IsoDateTime;
  readonly rejectedBy: ActorRef;
  readonly reason: string;
}
export interface CancelledMerge extends MergeRequestBase {
  readonly status: 'cancelled';
  readonly cancelledAt: IsoDateTime;
  readonly cancelledBy: ActorRef;
  readonly cancelledFrom: OpenMergeStatus;
  readonly acceptedAt?: IsoDateTime;
  readonly acceptedBy?: ActorRef;
}
export interface ExpiredMerge extends MergeRequestBase {
  readonly status: 'expired';
  readonly expiredAt: IsoDateTime;
}
export interface CompletedMerge extends MergeRequestBase {
  readonly status: 'completed';
  readonly acceptedAt: IsoDateTime;
  readonly acceptedBy: ActorRef;
  readonly completedAt: IsoDateTime;
  readonly completedBy: ActorRef;
}

export type MergeRequest =
  InvitedMerge | AcceptedMerge | RejectedMerge | CancelledMerge | ExpiredMerge | CompletedMerge;
export type OpenMergeRequest = InvitedMerge | AcceptedMerge;

/* ------------------------------------------------------- conversations */

/**
 * Where the bot can reach a person proactively: the Bot Framework conversation reference
 * of their personal chat with the bot, kept opaque here (the Teams layer owns its shape).
 */
export interface ConversationRecord {
  /** `tenantId|aadObjectId`, lower case (see accounts/validation.ts userKey). */
  readonly key: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName?: string;
  readonly reference: Readonly<Record<string, unknown>>;
  readonly updatedAt: IsoDateTime;
  readonly version: number;
}

/**
 * A merge card the bot delivered to one person, so it can be updated in place when the
 * merge changes. The reference and ids are the Teams layer's, opaque here.
 */
export interface SentCardRecord {
  /** `mergeId|tenantId|aadObjectId` (lower case ids). */
  readonly key: string;
  readonly mergeId: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly activityId: string;
  /** Which card it is: the live merge card, or a manager's notification card. */
  readonly cardKind?: 'merge' | 'manager';
  readonly reference: Readonly<Record<string, unknown>>;
  readonly sentAt: IsoDateTime;
  readonly updatedAt: IsoDateTime;
  /**
   * Set once a newer card of the same kind went to the same person: it then shows a short superseded note and is left
   * alone.
   */
  readonly supersededAt?: IsoDateTime;
  /** When the superseded note was drawn on it (absent: the note is still to be drawn). */
  readonly notedAt?: IsoDateTime;
  /**
   * The merge's version the card was drawn from when it was sent (or clicked): a refresh
   * leaves a card that already shows the merge as it is. Absent on older records.
   */
  readonly shows?: number;
  readonly version: number;
}

/* ------------------------------------------------------------ registrations */

/** pending: waiting for a reviewer; approved: the account exists; rejected: with a reason. */
export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

/** How the bot proved that a domain belongs to the requester's tenant. */
export type DomainProof = 'openid' | 'graph' | 'ownDomains' | 'demo';

/** What the bot checked itself before the request went to the reviewers. */
export interface RegistrationChecks {
  /** Each domain with the tenant that owns it (always the requester's, or the request is refused). */
  readonly domains: ReadonlyArray<{ readonly domain: string; readonly proof: DomainProof }>;
  /** Other pending registrations that name one of the same Partner IDs, when it was sent (ids). */
  readonly competing: readonly string[];
}

/**
 * A company's request to join: what the requester said (Partner IDs, name, domains) and
 * what the bot proved (checks). Key: `<tenant id>:<n>`, the tenant's n-th request, so two
 * requests from one tenant at the same moment cannot both be written.
 */
export interface RegistrationRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly requester: PersonRefWithUpn;
  readonly globalMpnId: MpnId;
  readonly companyName: string;
  readonly domains: readonly string[];
  readonly locations: ReadonlyArray<{ readonly mpnId: MpnId; readonly name: string }>;
  readonly checks: RegistrationChecks;
  readonly status: RegistrationStatus;
  readonly createdAt: IsoDateTime;
  readonly decidedAt?: IsoDateTime;
  readonly decidedBy?: PersonRef;
  /** Why it was rejected (shown to the requester). */
  readonly reason?: string;
  readonly version: number;
}

/* ------------------------------------------------------------------ outbox */

/** What a merge notification does when delivered. */
export type MergeOutboxKind =
  /** The merge card as the recipient should see it, as a new message (then kept up to date). */
  | 'mergeCard'
  /** A short text message (cancelled, expired). */
  | 'mergeText'
  /** The manager notification card for a watcher. */
  | 'managerCard'
  /** Update every merge card already delivered for the merge (no recipient). */
  | 'refreshCards';

/** What a notification about an account's own change (its managers list) does. */
export type AccountOutboxKind =
  /** The welcome card of a person added as a manager, with "Stop these notifications". */
  | 'watcherWelcome'
  /** A short text: to a person who was removed, or to the admins when a manager stopped. */
  | 'watcherText'
  /** The welcome card of a person an Account admin added as a user of the account. */
  | 'userWelcome'
  /** A short text to a user who was removed from the account. */
  | 'userText';

/** What a notification about a company's registration does. */
export type RegistrationOutboxKind =
  /** The review card, to each of the operator's reviewers. */
  | 'registrationReview'
  /** The decision (approved or rejected, with the reason), to the requester. */
  | 'registrationDecision';

export type OutboxKind = MergeOutboxKind | AccountOutboxKind | RegistrationOutboxKind;

/**
 * pending: waiting for its next attempt; sending: claimed by a dispatcher until
 * `leaseUntil`; delivered; parked: the recipient cannot be reached yet (bot not
 * installed for them) and is retried when they become reachable; failed: refused for
 * good (403/404: removed, conversation gone); dead: gave up after the maximum attempts.
 */
export type OutboxStatus = 'pending' | 'sending' | 'delivered' | 'parked' | 'failed' | 'dead';

export interface OutboxRecipient {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly displayName: string;
  /** `actorManager`: the Entra manager of this person (the one who acted), looked up at delivery. */
  readonly role: 'admin' | 'watcher' | 'actorManager' | 'user' | 'reviewer' | 'requester';
}

interface OutboxEntryBase {
  readonly id: string;
  readonly recipient?: OutboxRecipient;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: IsoDateTime;
  readonly nextAttemptAt: IsoDateTime;
  readonly leaseUntil?: IsoDateTime;
  readonly deliveredAt?: IsoDateTime;
  readonly lastError?: string;
  readonly version: number;
}

/**
 * One notification, written in the same commit as the state change that causes it. The
 * id is the dedupe key: one entry per (event, kind, recipient).
 */
export interface MergeOutboxEntry extends OutboxEntryBase {
  readonly mergeId: string;
  /** The audit entry this notification is about (index into the merge's audit trail). */
  readonly auditIndex: number;
  readonly action: AuditAction;
  readonly kind: MergeOutboxKind;
  readonly accountMpnId?: undefined;
  readonly registrationId?: undefined;
}

/** A notification about a change of an account's managers list (index into `account.audit`). */
export interface AccountOutboxEntry extends OutboxEntryBase {
  readonly accountMpnId: MpnId;
  readonly auditIndex: number;
  readonly action: AccountAuditAction;
  readonly kind: AccountOutboxKind;
  readonly recipient: OutboxRecipient;
  readonly mergeId?: undefined;
  readonly registrationId?: undefined;
}

/** A notification about a registration (content is drawn from the registration as it is then). */
export interface RegistrationOutboxEntry extends OutboxEntryBase {
  readonly registrationId: string;
  readonly action: RegistrationStatus;
  readonly kind: RegistrationOutboxKind;
  readonly recipient: OutboxRecipient;
  readonly mergeId?: undefined;
  readonly accountMpnId?: undefined;
}

export type OutboxEntry = MergeOutboxEntry | AccountOutboxEntry | RegistrationOutboxEntry;

export function isAccountOutboxEntry(entry: OutboxEntry): entry is AccountOutboxEntry {
  return entry.accountMpnId !== undefined;
}

export function isRegistrationOutboxEntry(entry: OutboxEntry): entry is RegistrationOutboxEntry {
  return entry.registrationId !== undefined;
}

/** A new active account: every list empty unless given. */
export function newPartnerAccount(
  init: Pick<PartnerAccount, 'globalMpnId' | 'companyName' | 'tenants'> & Partial<PartnerAccount>,
): PartnerAccount {
  return {
    status: 'active',
    locations: [],
    users: [],
    competencies: [],
    benefitPackages: [],
    actionPacks: [],
    azureExpertMsp: [],
    advancedSpecializations: [],
    softwareAssuranceVouchers: [],
    mcpIds: [],
    offers: [],
    coSellPipelineCount: 0,
    watchers: [],
    version: 0,
    ...init,
  };
}

export function isOpenMerge(request: MergeRequest): request is OpenMergeRequest {
  return request.status === 'invited' || request.status === 'accepted';
}

/** Which card a record is; records written before card kinds existed are merge cards. */
export function cardKindOf(card: SentCardRecord): 'merge' | 'manager' {
  return card.cardKind ?? 'merge';
}

/** A live merge card: one that follows the merge (not a manager's card, not superseded). */
export function isLiveMergeCard(card: SentCardRecord): boolean {
  return cardKindOf(card) === 'merge' && card.supersededAt === undefined;
}

export function actorRef(actor: Actor | ActorRef): ActorRef {
  return actor.kind === 'system'
    ? { kind: 'system' }
    : { kind: 'user', aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, displayName: actor.displayName };
}
