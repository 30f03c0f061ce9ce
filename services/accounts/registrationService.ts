/**
 * Companies that join in Teams: a person of a tenant the bot does not know sends a
 * registration, the bot proves what it can (Partner IDs free, no personal mailbox domain,
 * every domain verified by the person's own tenant), and the operator's reviewers decide
 * what it cannot prove (that the person is the Account admin of that Partner ID). Every
 * write is one commit with its notifications; a refusal writes nothing.
 */
import { DomainError, isDomainError } from '../errors.js';
import type { Logger } from '../loggerPort.js';
import type { PartnerAccount, PersonRef, PersonRefWithUpn, RegistrationChecks, RegistrationRequest } from '../model.js';
import { planRegistrationNotifications } from '../notify/registrationPlanner.js';
import { put, type Store, type StoreReads, type WriteOp } from '../store/types.js';
import { mpnIdsOf } from '../store/registrationIndex.js';
import { visibleText } from '../text.js';
import type { DomainOwner } from '../workAccount/workAccountService.js';
import { userKey } from './validation.js';
import {
  accountFromRegistration,
  decideRegistration,
  parseRegistrationForm,
  parseRequesterAddress,
  registrationId,
  type FieldProblem,
  type ParsedRegistration,
  type RegistrationDecision,
  type RegistrationForm,
} from './registration.js';

/** Who the operator trusts to review registrations (Entra users). */
export interface Reviewer {
  readonly tenantId: string;
  readonly aadObjectId: string;
  /** For the review card's recipient line; the chat knows the real name. */
  readonly displayName?: string;
}

export interface RegistrationServiceOptions {
  readonly store: Store;
  readonly owners: {
    domainOwner(domain: string, person: { tenantId: string; aadObjectId: string }): Promise<DomainOwner>;
  };
  readonly reviewers: readonly Reviewer[];
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Requests one tenant may send in a day (a rejected one counts). */
  readonly perTenantPerDay?: number;
  /** Checked submissions (each asks who owns the domains) one tenant may make per window. */
  readonly attemptsPerWindow?: number;
  readonly attemptWindowMs?: number;
}

/** Where a person stands: a user of an account, of a tenant that has one, waiting, or unknown. */
export type Standing =
  | { readonly kind: 'member'; readonly accounts: readonly PartnerAccount[] }
  | { readonly kind: 'tenant-known'; readonly account: PartnerAccount }
  | { readonly kind: 'pending'; readonly registration: RegistrationRequest }
  | { readonly kind: 'unknown' };

export type RequestOutcome =
  | { readonly kind: 'sent'; readonly registration: RegistrationRequest }
  /** The form needs fixing; nothing was written. */
  | { readonly kind: 'problems'; readonly problems: readonly FieldProblem[]; readonly form: ParsedFormEcho }
  /** Refused as a whole (known tenant, one waiting, too many); nothing was written. */
  | { readonly kind: 'refused'; readonly error: DomainError; readonly registration?: RegistrationRequest };

/** What the person typed, kept for the form they get back. */
export interface ParsedFormEcho {
  readonly globalMpnId: string;
  readonly companyName: string;
  readonly domains: string;
  readonly locations: string;
  readonly requesterAddress: string;
}

export type DecideOutcome =
  | { readonly kind: 'decided'; readonly registration: RegistrationRequest; readonly account?: PartnerAccount }
  | { readonly kind: 'refused'; readonly error: DomainError; readonly registration?: RegistrationRequest };

const DAY_MS = 24 * 60 * 60 * 1000;

export class RegistrationService {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly reviewerKeys: ReadonlySet<string>;
  private readonly perTenantPerDay: number;
  private readonly attempts: AttemptWindow;

  constructor(private readonly options: RegistrationServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.reviewerKeys = new Set(options.reviewers.map(userKey));
    this.perTenantPerDay = options.perTenantPerDay ?? 3;
    this.attempts = new AttemptWindow(options.attemptsPerWindow ?? 10, options.attemptWindowMs ?? 10 * 60 * 1000);
  }

  /** Whether registrations can be reviewed at all (the operator named reviewers). */
  get open(): boolean {
    return this.options.reviewers.length > 0;
  }

  isReviewer(who: { tenantId: string; aadObjectId: string }): boolean {
    return this.reviewerKeys.has(userKey(who));
  }

  async standing(who: { tenantId: string; aadObjectId: string }, reads: StoreReads = this.store): Promise<Standing> {
    const accounts = await reads.accounts.listForUser(who.aadObjectId, who.tenantId);
    if (accounts.length > 0) return { kind: 'member', accounts };
    const [account] = await reads.accounts.listForTenant(who.tenantId);
    if (account) return { kind: 'tenant-known', account };
    const [latest] = await reads.registrations.listForTenant(who.tenantId);
    return latest?.status === 'pending' ? { kind: 'pending', registration: latest } : { kind: 'unknown' };
  }

  /** A new registration from `requester` (`upn`: what Teams says their sign-in name is, when it does). */
  async request(requester: PersonRefWithUpn, form: RegistrationForm): Promise<RequestOutcome> {
    const who = { ...requester, displayName: visibleText(requester.displayName).slice(0, 200) };
    for (let attempt = 0; ; attempt += 1) {
      const refused = await this.refusal(who);
      if (refused) return refused;
      const checked = await this.check(who, form);
      if (checked.kind !== 'ok') return checked.outcome;
      try {
        return await this.write(who, checked.parsed, checked.checks, checked.upn);
      } catch (err: unknown) {
        // Another request of the tenant was written meanwhile: the next round says it is waiting.
        if (!(isDomainError(err) && err.is('version-conflict')) || attempt > 0) throw err;
      }
    }
  }

  /** Refusals that need no form: a known tenant, a request waiting, too many lately. */
  private async refusal(who: PersonRefWithUpn): Promise<RequestOutcome | undefined> {
    const standing = await this.standing(who);
    if (standing.kind === 'member')
      return refused('tenant-has-account', {
        company: standing.accounts[0]!.companyName,
        mpnId: standing.accounts[0]!.globalMpnId,
      });
    if (standing.kind === 'tenant-known')
      return refused('tenant-has-account', {
        company: standing.account.companyName,
        mpnId: standing.account.globalMpnId,
      });
    if (standing.kind === 'pending') {
      const r = standing.registration;
      return {
        ...refused('registration-waiting', { company: r.companyName, mpnId: r.globalMpnId, createdAt: r.createdAt }),
        registration: r,
      };
    }
    const now = this.clock().getTime();
    const recent = (await this.store.registrations.listForTenant(who.tenantId)).filter(
      (r) => now - Date.parse(r.createdAt) < DAY_MS,
    );
    if (recent.length >= this.perTenantPerDay) {
      const oldest = recent.at(-1)!;
      return refused('registration-limit', {
        max: this.perTenantPerDay,
        retryAt: new Date(Date.parse(oldest.createdAt) + DAY_MS).toISOString(),
      });
    }
    const retryAt = this.attempts.take(who.tenantId.toLowerCase(), now);
    if (retryAt !== undefined)
      return refused('registration-limit', { max: this.perTenantPerDay, retryAt: new Date(retryAt).toISOString() });
    return undefined;
  }

  /** The form and everything the bot can prove about it. */
  private async check(
    who: PersonRefWithUpn,
    form: RegistrationForm,
  ): Promise<
    | { kind: 'ok'; parsed: ParsedRegistration; checks: RegistrationChecks; upn: string }
    | { kind: 'stop'; outcome: RequestOutcome }
  > {
    const echo = echoOf(form);
    const problemsOf = (problems: FieldProblem[]) => ({
      kind: 'stop' as const,
      outcome: { kind: 'problems' as const, problems, form: echo },
    });
    const parsed = parseRegistrationForm(form);
    if (!parsed.ok) return problemsOf(parsed.problems);
    const domains = await this.domainChecks(who, parsed.value.domains);
    const problems = [...(await this.takenIds(parsed.value)), ...domains.problems];
    const address = parseRequesterAddress(who.upn ?? form.requesterAddress, parsed.value.domains);
    if (!address.ok) problems.push({ field: 'requesterAddress', error: address.error });
    if (problems.length > 0 || !address.ok) return problemsOf(problems);
    const proofs = domains.proofs;
    const competing = await this.competing(parsed.value, who.tenantId);
    return { kind: 'ok', parsed: parsed.value, checks: { domains: proofs, competing }, upn: address.value };
  }

  private async takenIds(parsed: ParsedRegistration): Promise<FieldProblem[]> {
    const out: FieldProblem[] = [];
    for (const mpnId of mpnIdsOf(parsed)) {
      if (await this.store.accounts.findByMpnId(mpnId))
        out.push({
          field: mpnId === parsed.globalMpnId ? 'globalMpnId' : 'locations',
          error: new DomainError('mpn-id-taken', { mpnId }),
        });
    }
    return out;
  }

  /**
   * Who owns each domain: the problems (another tenant, none, no answer) and, when all are the person's, the proofs.
   */
  private async domainChecks(
    who: PersonRefWithUpn,
    domains: readonly string[],
  ): Promise<{ problems: FieldProblem[]; proofs: RegistrationChecks['domains'] }> {
    const answers = await Promise.all(
      domains.map(async (domain) => [domain, await this.options.owners.domainOwner(domain, who)] as const),
    );
    const problems: FieldProblem[] = [];
    const proofs: Array<RegistrationChecks['domains'][number]> = [];
    for (const [domain, owner] of answers) {
      const error = ownerProblem(domain, owner, who.tenantId);
      if (error) problems.push({ field: 'domains', error });
      else if (owner.kind === 'tenant') proofs.push({ domain, proof: owner.proof });
    }
    return { problems, proofs };
  }

  /** Pending registrations of other tenants that name one of the same Partner IDs. */
  private async competing(parsed: ParsedRegistration, tenantId: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const mpnId of mpnIdsOf(parsed)) {
      for (const r of await this.store.registrations.listPendingByMpnId(mpnId))
        if (r.tenantId.toLowerCase() !== tenantId.toLowerCase()) ids.add(r.id);
    }
    return [...ids];
  }

  private async write(
    who: PersonRefWithUpn,
    parsed: ParsedRegistration,
    checks: RegistrationChecks,
    upn: string,
  ): Promise<RequestOutcome> {
    const count = (await this.store.registrations.listForTenant(who.tenantId)).length;
    const now = this.clock();
    const registration: RegistrationRequest = {
      id: registrationId(who.tenantId, count + 1),
      tenantId: who.tenantId.toLowerCase(),
      requester: { aadObjectId: who.aadObjectId, tenantId: who.tenantId, displayName: who.displayName, upn },
      ...parsed,
      checks,
      status: 'pending',
      createdAt: now.toISOString(),
      version: 0,
    };
    const ops: WriteOp[] = [put('registration', registration, 0), ...this.notificationOps(registration, now)];
    const { records } = await this.store.commit(ops);
    const stored = records[0] as RegistrationRequest;
    this.options.logger?.info(
      { registrationId: stored.id, mpnId: stored.globalMpnId, reviewers: this.options.reviewers.length },
      'registration sent for review',
    );
    return { kind: 'sent', registration: stored };
  }

  /** A reviewer approves (the account is created) or rejects (with a reason) a pending registration. */
  async decide(reviewer: PersonRef, id: string, decision: RegistrationDecision): Promise<DecideOutcome> {
    if (!this.isReviewer(reviewer)) return { kind: 'refused', error: new DomainError('not-reviewer', {}) };
    for (let attempt = 0; ; attempt += 1) {
      const registration = await this.store.registrations.get(id);
      if (!registration) return { kind: 'refused', error: new DomainError('registration-not-found', {}) };
      const decided = decideRegistration(registration, decision, reviewer, this.clock());
      if (!decided.ok) return { kind: 'refused', error: decided.error, registration };
      const blocked = decision.type === 'approve' ? await this.approvalBlocker(registration) : undefined;
      if (blocked) return { kind: 'refused', error: blocked, registration };
      try {
        return await this.writeDecision(registration, decided.value, reviewer);
      } catch (err: unknown) {
        if (!(isDomainError(err) && err.is('version-conflict')) || attempt > 0) throw err;
      }
    }
  }

  /** What changed since the request that an approval would contradict: a Partner ID or the tenant taken. */
  private async approvalBlocker(registration: RegistrationRequest): Promise<DomainError | undefined> {
    for (const mpnId of mpnIdsOf(registration)) {
      if (await this.store.accounts.findByMpnId(mpnId)) return new DomainError('mpn-id-taken', { mpnId });
    }
    const [account] = await this.store.accounts.listForTenant(registration.tenantId);
    return account
      ? new DomainError('tenant-has-account', { company: account.companyName, mpnId: account.globalMpnId })
      : undefined;
  }

  private async writeDecision(
    before: RegistrationRequest,
    after: RegistrationRequest,
    reviewer: PersonRef,
  ): Promise<DecideOutcome> {
    const now = this.clock();
    const account = after.status === 'approved' ? accountFromRegistration(after, reviewer, now) : undefined;
    const ops: WriteOp[] = [
      put('registration', after, before.version),
      ...(account ? [put('account', account, 0)] : []),
      ...this.notificationOps(after, now),
    ];
    const { records } = await this.store.commit(ops);
    const stored = records[0] as RegistrationRequest;
    const created = account ? (records[1] as PartnerAccount) : undefined;
    this.options.logger?.info(
      { registrationId: stored.id, status: stored.status, mpnId: stored.globalMpnId },
      'registration decided',
    );
    return { kind: 'decided', registration: stored, ...(created ? { account: created } : {}) };
  }

  private notificationOps(registration: RegistrationRequest, now: Date): WriteOp[] {
    const reviewers = this.options.reviewers.map((r) => ({
      tenantId: r.tenantId,
      aadObjectId: r.aadObjectId,
      displayName: r.displayName ?? '',
    }));
    return planRegistrationNotifications(registration, reviewers, now).map((e) => put('outbox', e, 0));
  }

  /** A registration for a reviewer (any) or its requester; anyone else gets nothing, as for an unknown id. */
  async view(id: string, who: { tenantId: string; aadObjectId: string }): Promise<RegistrationRequest | undefined> {
    const registration = await this.store.registrations.get(id);
    if (!registration) return undefined;
    return this.isReviewer(who) || userKey(registration.requester) === userKey(who) ? registration : undefined;
  }

  /** The registrations waiting for review, for a reviewer; nothing for anyone else. */
  async pendingFor(who: { tenantId: string; aadObjectId: string }): Promise<RegistrationRequest[]> {
    return this.isReviewer(who) ? this.store.registrations.listPending() : [];
  }
}

function refused<C extends 'tenant-has-account' | 'registration-waiting' | 'registration-limit'>(
  code: C,
  params: DomainError<C>['params'],
): RequestOutcome & { kind: 'refused' } {
  return { kind: 'refused', error: new DomainError(code, params) };
}

function ownerProblem(domain: string, owner: DomainOwner, tenantId: string): DomainError | undefined {
  switch (owner.kind) {
    case 'tenant':
      return owner.tenantId.toLowerCase() === tenantId.toLowerCase()
        ? undefined
        : new DomainError('domain-other-tenant', { domain });
    case 'none':
      return new DomainError('domain-no-tenant', { domain });
    case 'unknown':
      return new DomainError('domain-unverifiable', { domain });
  }
}

function echoOf(form: RegistrationForm): ParsedFormEcho {
  const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');
  return {
    globalMpnId: text(form.globalMpnId, 40),
    companyName: text(form.companyName, 200),
    domains: text(form.domains, 1000),
    locations: text(form.locations, 4000),
    requesterAddress: text(form.requesterAddress, 320),
  };
}

/**
 * At most `limit` checked submissions per key in a sliding window (in this process): each
 * asks the directory who owns the domains, so a flood from one tenant is cut off early.
 */
class AttemptWindow {
  private readonly seen = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; returns when the next one is allowed if this one is not. */
  take(key: string, now: number): number | undefined {
    const recent = (this.seen.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(key, recent);
      return recent[0]! + this.windowMs;
    }
    recent.push(now);
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value as string);
    return undefined;
  }
}
