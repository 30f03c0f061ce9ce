/**
 * The people and locations of an account, changed by its Account admins in Teams: add a
 * user with Partner Center roles (picked or typed, as for managers), change a user's roles,
 * remove a user, add a location Partner ID. Each change re-reads the account and is one
 * commit with its audit line and, for the person added or removed, one notification.
 */
import { fail, ok, type DomainError, type Result } from '../errors.js';
import type { Logger } from '../loggerPort.js';
import type { LocationAuditEntry, MpnId, PartnerAccount, PersonRef, RoleAssignment, UserAuditEntry } from '../model.js';
import { planPeopleNotifications } from '../notify/peoplePlanner.js';
import type { PeopleDirectory } from '../people/directory.js';
import { PersonResolver, type PersonInput } from '../people/resolvePerson.js';
import { put, type Store } from '../store/types.js';
import { changeAccount } from './accountChange.js';
import { canManagePeople, changePeople, type PeopleChange } from './people.js';
import { findUser, type UserIdentity } from './roles.js';
import { parseLocationLine } from './registration.js';

export interface PeopleServiceOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  readonly people?: PeopleDirectory;
  readonly logger?: Logger;
}

/** One account as one of its users sees it. */
export interface PeopleView {
  readonly account: PartnerAccount;
  /** An Account admin: may change people and locations. */
  readonly canChange: boolean;
}

export interface PeopleOutcome {
  readonly view: PeopleView | undefined;
  readonly applied: ReadonlyArray<UserAuditEntry | LocationAuditEntry>;
  readonly refused: readonly DomainError[];
}

const MAX_PEOPLE_PER_ADD = 20;

export class PeopleService {
  private readonly clock: () => Date;
  private readonly resolver: PersonResolver;

  constructor(private readonly options: PeopleServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.resolver = new PersonResolver(options.store.conversations, options.people, options.logger);
  }

  /** The accounts the person is a user of (with a role), each as they may see it. */
  async visibleTo(who: UserIdentity): Promise<PeopleView[]> {
    const accounts = await this.options.store.accounts.listForUser(who.aadObjectId, who.tenantId);
    return accounts.flatMap((account) => viewOf(account, who) ?? []);
  }

  async view(mpnId: MpnId, who: UserIdentity): Promise<PeopleView | undefined> {
    const account = await this.options.store.accounts.get(mpnId);
    return account ? viewOf(account, who) : undefined;
  }

  /** Adds people (picked or typed) with the same roles, in one commit. */
  addUsers(
    actor: PersonRef,
    mpnId: MpnId,
    inputs: readonly PersonInput[],
    roles: readonly RoleAssignment[],
  ): Promise<PeopleOutcome> {
    return this.change(actor, mpnId, async (account) => {
      const changes: Array<Result<PeopleChange>> = [];
      for (const input of inputs.slice(0, MAX_PEOPLE_PER_ADD)) {
        const person = await this.resolver.resolve(account.users, account.companyName, actor, input);
        changes.push(person.ok ? ok({ type: 'add-user', person: person.value, roles }) : person);
      }
      return changes;
    });
  }

  setRoles(
    actor: PersonRef,
    mpnId: MpnId,
    person: UserIdentity,
    roles: readonly RoleAssignment[],
  ): Promise<PeopleOutcome> {
    return this.change(actor, mpnId, () => Promise.resolve([ok({ type: 'set-roles', person, roles })]));
  }

  removeUser(actor: PersonRef, mpnId: MpnId, person: UserIdentity): Promise<PeopleOutcome> {
    return this.change(actor, mpnId, () => Promise.resolve([ok({ type: 'remove-user', person })]));
  }

  /** A location Partner ID with its name (`2222222 Contoso Amsterdam`), checked as at registration. */
  addLocation(actor: PersonRef, mpnId: MpnId, line: string): Promise<PeopleOutcome> {
    return this.change(actor, mpnId, async (account) => {
      const parsed = parseLocationLine(line);
      if (!parsed.ok) return [parsed];
      // One of this account's own IDs is the rules' to refuse ("already a Partner ID of …").
      const owner = await this.options.store.accounts.findByMpnId(parsed.value.mpnId);
      const taken = owner !== undefined && owner.account.globalMpnId !== account.globalMpnId;
      return [
        taken
          ? fail('mpn-id-taken', { mpnId: parsed.value.mpnId })
          : ok({ type: 'add-location', location: parsed.value }),
      ];
    });
  }

  private async change(
    actor: PersonRef,
    mpnId: MpnId,
    plan: (account: PartnerAccount) => Promise<Array<Result<PeopleChange>>>,
  ): Promise<PeopleOutcome> {
    const outcome = await changeAccount({
      store: this.options.store,
      mpnId,
      actor,
      now: this.clock,
      visible: (account, who) => viewOf(account, who) !== undefined,
      plan,
      apply: changePeople,
      notify: (account, auditIndex, now) =>
        planPeopleNotifications(account, auditIndex, now).map((e) => put('outbox', e, 0)),
    });
    const stored = outcome.account;
    if (outcome.applied.length > 0)
      this.options.logger?.info(
        { mpnId, changes: outcome.applied.map((e) => e.action), users: stored?.users.length },
        'account people changed',
      );
    return { view: stored ? viewOf(stored, actor) : undefined, applied: outcome.applied, refused: outcome.refused };
  }
}

/** Users with a role see their account's people; anyone else sees nothing (as for an unknown account). */
function viewOf(account: PartnerAccount, who: UserIdentity): PeopleView | undefined {
  if (account.status !== 'active') return undefined;
  const user = findUser(account, who);
  if (!user || user.roles.length === 0) return undefined;
  return { account, canChange: canManagePeople(account, who) };
}
