/**
 * The managers-list use cases: who gets an account's merge notifications, changed by its
 * Account admins in Teams. Every call re-reads the account; a change, its audit entry and
 * its notifications (the welcome card, or the notice when someone stops) are one commit.
 * People are found among the account's own users first, then in the directory of the
 * admin's tenant (the demo directory or Microsoft Graph).
 */
import { DomainError, fail, ok, type Result } from '../errors.js';
import { changeAccount } from './accountChange.js';
import type { Logger } from '../loggerPort.js';
import type { MpnId, PartnerAccount, PersonRef } from '../model.js';
import { put, type Store, type WriteOp } from '../store/types.js';
import { visibleText } from '../text.js';
import { parseAddress } from '../workAccount/parseAddress.js';
import type { PeopleDirectory } from '../people/directory.js';
import { PersonResolver, type PersonInput } from '../people/resolvePerson.js';
import { planWatcherNotifications } from '../notify/watcherPlanner.js';
import type { UserIdentity } from './roles.js';
import {
  canChangeWatchers,
  canSeeWatchers,
  changeWatchers,
  findWatcher,
  MAX_WATCHERS,
  type ChangedWatchers,
  type WatcherChange,
} from './watchers.js';

export interface WatcherServiceOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  /** The directory of the admin's tenant (demo directory or Graph); none: the account's users only. */
  readonly people?: PeopleDirectory;
  readonly logger?: Logger;
  /** Write the notifications of each change into the outbox, in the same commit (default true). */
  readonly outbox?: boolean;
  readonly limit?: number;
}

/** One account's list as one person may see it. */
export interface WatcherListView {
  readonly account: PartnerAccount;
  /** An Account admin: may add and remove. */
  readonly canChange: boolean;
  /** The viewer is on the list (and may stop). */
  readonly isWatcher: boolean;
}

/** What one add or remove did: the changes applied and, per person, why not. */
export interface WatcherOutcome {
  /** The account as it now is; undefined when it does not exist or the person may not see it. */
  readonly account: PartnerAccount | undefined;
  /** The list as the person may now see it (undefined once a watcher who stopped may not). */
  readonly view: WatcherListView | undefined;
  readonly applied: readonly ChangedWatchers['entry'][];
  readonly refused: readonly DomainError[];
}

export type { PersonInput } from '../people/resolvePerson.js';

const MAX_PEOPLE_PER_ADD = 20;

export class WatcherService {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly resolver: PersonResolver;
  private readonly logger: Logger | undefined;
  private readonly outbox: boolean;
  readonly limit: number;

  constructor(options: WatcherServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.resolver = new PersonResolver(options.store.conversations, options.people, options.logger);
    this.logger = options.logger;
    this.outbox = options.outbox ?? true;
    this.limit = options.limit ?? MAX_WATCHERS;
  }

  /** Every list the person may see: accounts they have a role in, then accounts they watch. */
  async visibleTo(who: UserIdentity): Promise<WatcherListView[]> {
    const [member, watched] = await Promise.all([
      this.store.accounts.listForUser(who.aadObjectId, who.tenantId),
      this.store.accounts.listWatchedBy(who.aadObjectId, who.tenantId),
    ]);
    const seen = new Set<string>();
    const out: WatcherListView[] = [];
    for (const account of [...member, ...watched]) {
      if (seen.has(account.globalMpnId)) continue;
      seen.add(account.globalMpnId);
      const view = viewOf(account, who);
      if (view) out.push(view);
    }
    return out;
  }

  /** One account's list, when the person may see it; otherwise undefined (as for an unknown account). */
  async view(mpnId: MpnId, who: UserIdentity): Promise<WatcherListView | undefined> {
    const account = await this.store.accounts.get(mpnId);
    return account ? viewOf(account, who) : undefined;
  }

  /** Adds people (picker ids or typed addresses) to the account's list, in one commit. */
  async add(actor: PersonRef, mpnId: MpnId, inputs: readonly PersonInput[]): Promise<WatcherOutcome> {
    return this.change(actor, mpnId, async (account) => {
      const changes: Array<Result<WatcherChange>> = [];
      for (const input of inputs.slice(0, MAX_PEOPLE_PER_ADD)) {
        const person = await this.resolver.resolve(account.users, account.companyName, actor, input);
        changes.push(person.ok ? ok({ type: 'add', person: person.value }) : person);
      }
      return changes;
    });
  }

  /** Removes one watcher: by identity (the card's button) or by typed address. */
  async remove(
    actor: PersonRef,
    mpnId: MpnId,
    target: UserIdentity | { readonly address: string },
  ): Promise<WatcherOutcome> {
    return this.change(actor, mpnId, (account) => {
      if (!('address' in target)) return Promise.resolve([ok({ type: 'remove', person: target })]);
      const parsed = parseAddress(target.address);
      if (!parsed.ok || parsed.kind !== 'email' || parsed.address === undefined)
        return Promise.resolve([fail('invalid-person-address', { input: visibleText(target.address).slice(0, 100) })]);
      const wanted = parsed.address.toLowerCase();
      const watcher = account.watchers.find((w) => w.upn?.toLowerCase() === wanted);
      return Promise.resolve([
        watcher ? ok({ type: 'remove', person: watcher }) : fail('watcher-not-found', { company: account.companyName }),
      ]);
    });
  }

  /** The watcher takes themselves off the list ("Stop these notifications"); the admins are told. */
  async stop(who: PersonRef, mpnId: MpnId): Promise<WatcherOutcome> {
    // Someone no longer on the list (removed, or a second click) hears just that.
    return this.change(
      who,
      mpnId,
      () => Promise.resolve([ok({ type: 'stop' })]),
      (account) => new DomainError('not-watching', { company: account.companyName }),
    );
  }

  /**
   * Reads the account, turns the request into changes, applies those that pass and commits
   * them with their notifications. A conflict with a concurrent write is retried once.
   */
  private async change(
    actor: PersonRef,
    mpnId: MpnId,
    plan: (account: PartnerAccount) => Promise<Array<Result<WatcherChange>>>,
    hidden?: (account: PartnerAccount) => DomainError,
  ): Promise<WatcherOutcome> {
    const outcome = await changeAccount({
      store: this.store,
      mpnId,
      actor,
      now: this.clock,
      visible: canSeeWatchers,
      ...(hidden ? { hidden } : {}),
      plan,
      apply: (account, change, by, now) => changeWatchers(account, change, by, now, this.limit),
      notify: (account, auditIndex, now) => this.notificationOps(account, auditIndex, now),
    });
    const stored = outcome.account;
    if (outcome.applied.length > 0 && stored)
      this.logger?.info(
        { mpnId, changes: outcome.applied.map((e) => e.action), watchers: stored.watchers.length },
        'managers list changed',
      );
    return {
      account: stored,
      view: stored ? viewOf(stored, actor) : undefined,
      applied: outcome.applied,
      refused: outcome.refused,
    };
  }

  private notificationOps(account: PartnerAccount, auditIndex: number, now: Date): WriteOp[] {
    return this.outbox ? planWatcherNotifications(account, auditIndex, now).map((e) => put('outbox', e, 0)) : [];
  }
}

function viewOf(account: PartnerAccount, who: UserIdentity): WatcherListView | undefined {
  if (account.status !== 'active' || !canSeeWatchers(account, who)) return undefined;
  return { account, canChange: canChangeWatchers(account, who), isWatcher: findWatcher(account, who) !== undefined };
}
