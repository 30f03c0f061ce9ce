/**
 * The managers-list use cases: who gets an account's merge notifications, changed by its
 * Account admins in Teams. Every call re-reads the account; a change, its audit entry and
 * its notifications (the welcome card, or the notice when someone stops) are one commit.
 * People are found among the account's own users first, then in the directory of the
 * admin's tenant (the demo directory or Microsoft Graph).
 */
import { DomainError, fail, isDomainError, ok, type Result } from '../errors.js';
import type { Logger } from '../logger.js';
import type { MpnId, PartnerAccount, PersonRef } from '../model.js';
import { put, type Store, type WriteOp } from '../store/types.js';
import { visibleText } from '../text.js';
import { parseAddress } from '../workAccount/parseAddress.js';
import { PeopleLookupUnavailableError, type DirectoryPerson, type PeopleDirectory } from '../people/directory.js';
import { planWatcherNotifications } from '../notify/watcherPlanner.js';
import { findPerson, isGuid } from './validation.js';
import type { UserIdentity } from './roles.js';
import { canChangeWatchers, canSeeWatchers, changeWatchers, findWatcher, MAX_WATCHERS, type ChangedWatchers, type WatcherChange } from './watchers.js';

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

/** A person to add: an object id from the people picker, or a typed address. */
export type PersonInput = { readonly objectId: string } | { readonly address: string };

const MAX_PEOPLE_PER_ADD = 20;

export class WatcherService {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly people: PeopleDirectory | undefined;
  private readonly logger: Logger | undefined;
  private readonly outbox: boolean;
  readonly limit: number;

  constructor(options: WatcherServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.people = options.people;
    this.logger = options.logger;
    this.outbox = options.outbox ?? true;
    this.limit = options.limit ?? MAX_WATCHERS;
  }

  /** Every list the person may see: accounts they have a role in, then accounts they watch. */
  async visibleTo(who: UserIdentity): Promise<WatcherListView[]> {
    const [member, watched] = await Promise.all([this.store.accounts.listForUser(who.aadObjectId, who.tenantId), this.store.accounts.listWatchedBy(who.aadObjectId, who.tenantId)]);
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
        const person = await this.resolve(account, actor, input);
        changes.push(person.ok ? ok({ type: 'add', person: person.value }) : person);
      }
      return changes;
    });
  }

  /** Removes one watcher: by identity (the card's button) or by typed address. */
  async remove(actor: PersonRef, mpnId: MpnId, target: UserIdentity | { readonly address: string }): Promise<WatcherOutcome> {
    return this.change(actor, mpnId, (account) => {
      if (!('address' in target)) return Promise.resolve([ok({ type: 'remove', person: target })]);
      const parsed = parseAddress(target.address);
      if (!parsed.ok || parsed.kind !== 'email' || parsed.address === undefined) return Promise.resolve([fail('invalid-person-address', { input: visibleText(target.address).slice(0, 100) })]);
      const wanted = parsed.address.toLowerCase();
      const watcher = account.watchers.find((w) => w.upn?.toLowerCase() === wanted);
      return Promise.resolve([watcher ? ok({ type: 'remove', person: watcher }) : fail('watcher-not-found', { company: account.companyName })]);
    });
  }

  /** The watcher takes themselves off the list ("Stop these notifications"); the admins are told. */
  async stop(who: PersonRef, mpnId: MpnId): Promise<WatcherOutcome> {
    // Someone no longer on the list (removed, or a second click) hears just that.
    return this.change(who, mpnId, () => Promise.resolve([ok({ type: 'stop' })]), (account) => new DomainError('not-watching', { company: account.companyName }));
  }

  /**
   * Reads the account, turns the request into changes, applies those that pass and commits
   * them with their notifications. A conflict with a concurrent write is retried once.
   */
  private async change(
    actor: PersonRef,
    mpnId: MpnId,
    plan: (account: PartnerAccount) => Promise<Array<Result<WatcherChange>>>,
    hidden: (account: PartnerAccount) => DomainError = () => new DomainError('unknown-mpn-id', { mpnId }),
  ): Promise<WatcherOutcome> {
    const by: PersonRef = { aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, displayName: visibleText(actor.displayName).slice(0, 200) };
    for (let attempt = 0; ; attempt += 1) {
      const account = await this.store.accounts.get(mpnId);
      if (!account) return { account: undefined, view: undefined, applied: [], refused: [new DomainError('unknown-mpn-id', { mpnId })] };
      if (!canSeeWatchers(account, by)) return { account: undefined, view: undefined, applied: [], refused: [hidden(account)] };
      let current = account;
      const applied: ChangedWatchers[] = [];
      const refused: DomainError[] = [];
      const now = this.clock();
      for (const change of await plan(account)) {
        const result = change.ok ? changeWatchers(current, change.value, by, now, this.limit) : change;
        if (!result.ok) {
          refused.push(result.error);
          continue;
        }
        current = result.value.account;
        applied.push(result.value);
      }
      if (applied.length === 0) return { account, view: viewOf(account, by), applied: [], refused };
      const ops: WriteOp[] = [put('account', current, account.version), ...applied.flatMap((c) => this.notificationOps(current, c.auditIndex, now))];
      try {
        const { records } = await this.store.commit(ops);
        const stored = records[0] as PartnerAccount;
        this.logger?.info({ mpnId, changes: applied.map((c) => c.entry.action), watchers: stored.watchers.length }, 'managers list changed');
        return { account: stored, view: viewOf(stored, by), applied: applied.map((c) => c.entry), refused };
      } catch (err: unknown) {
        if (!(isDomainError(err) && err.is('version-conflict')) || attempt > 0) throw err;
      }
    }
  }

  private notificationOps(account: PartnerAccount, auditIndex: number, now: Date): WriteOp[] {
    return this.outbox ? planWatcherNotifications(account, auditIndex, now).map((e) => put('outbox', e, 0)) : [];
  }

  /** The person an admin means: the account's own users first, then the directory of the admin's tenant. */
  private async resolve(account: PartnerAccount, admin: PersonRef, input: PersonInput): Promise<Result<DirectoryPerson>> {
    if ('objectId' in input) {
      const id = input.objectId.trim().toLowerCase();
      if (!isGuid(id)) return fail('invalid-person-address', { input: visibleText(input.objectId).slice(0, 100) });
      // The people picker offers people of the admin's own organisation only.
      const person = { aadObjectId: id, tenantId: admin.tenantId };
      const user = findPerson(account.users, person);
      if (user) return ok({ aadObjectId: user.aadObjectId, tenantId: user.tenantId, displayName: user.displayName, upn: user.upn });
      const found = await this.lookup(admin.tenantId, { objectId: id }, id);
      if (!found.ok) return found;
      if (found.value) return ok(found.value);
      // No directory to ask: the picker vouched for the person; the chat may know their name.
      const known = await this.store.conversations.get(admin.tenantId, id);
      return ok({ ...person, displayName: visibleText(known?.displayName ?? '').slice(0, 200) || `Entra user ${id.slice(0, 8)}` });
    }
    const parsed = parseAddress(input.address);
    if (!parsed.ok || parsed.kind !== 'email' || parsed.address === undefined) return fail('invalid-person-address', { input: visibleText(input.address).slice(0, 100) });
    const address = parsed.address.toLowerCase();
    const user = account.users.find((u) => u.upn.toLowerCase() === address);
    if (user) return ok({ aadObjectId: user.aadObjectId, tenantId: user.tenantId, displayName: user.displayName, upn: user.upn });
    const found = await this.lookup(admin.tenantId, { address }, address);
    if (!found.ok) return found;
    return found.value ? ok(found.value) : fail('person-not-found', { address, company: account.companyName });
  }

  private async lookup(tenantId: string, query: { objectId: string } | { address: string }, shown: string): Promise<Result<DirectoryPerson | null>> {
    if (!this.people) return ok(null);
    try {
      const found = await this.people.find(tenantId, query);
      return ok(found && { ...found, displayName: visibleText(found.displayName).slice(0, 200) || found.upn || found.aadObjectId });
    } catch (err: unknown) {
      if (!(err instanceof PeopleLookupUnavailableError)) throw err;
      this.logger?.warn({ err, tenantId }, 'could not look a person up in the directory');
      return err.consentUrl ? fail('people-lookup-consent', { address: shown, consentUrl: err.consentUrl }) : fail('people-lookup-unavailable', { address: shown });
    }
  }
}

function viewOf(account: PartnerAccount, who: UserIdentity): WatcherListView | undefined {
  if (account.status !== 'active' || !canSeeWatchers(account, who)) return undefined;
  return { account, canChange: canChangeWatchers(account, who), isWatcher: findWatcher(account, who) !== undefined };
}
