/**
 * Who gets an account's merge notifications (its watchers, shown as "managers"), as pure
 * rules: who may see the list, who may change it, and what a change does. Every change
 * appends one line to the account's own audit trail; a refusal changes nothing.
 *
 * - Seeing: the account's users with a role, and its watchers (the merge view rule).
 * - Adding and removing: an Account admin of the account, by Entra object id and tenant.
 * - Stopping: the watcher themselves.
 */
import { fail, ok, type Result } from '../errors.js';
import type { PartnerAccount, PersonRef, Watcher, WatcherAuditEntry } from '../model.js';
import { isAccountAdmin, type UserIdentity } from './roles.js';
import { findPerson, userKey } from './validation.js';

/** The most watchers one account may have (each gets every merge card of the account). */
export const MAX_WATCHERS = 50;

export type WatcherChange =
  | { readonly type: 'add'; readonly person: PersonRef & { readonly upn?: string } }
  | { readonly type: 'remove'; readonly person: UserIdentity }
  | { readonly type: 'stop' };

export interface ChangedWatchers {
  readonly account: PartnerAccount;
  readonly entry: WatcherAuditEntry;
  /** Index of `entry` in the changed account's audit trail. */
  readonly auditIndex: number;
}

export function findWatcher(account: PartnerAccount, who: UserIdentity): Watcher | undefined {
  return findPerson(account.watchers, who);
}

/** Users with a role in the account and its watchers may see who is on the list. */
export function canSeeWatchers(account: PartnerAccount, who: UserIdentity): boolean {
  const key = userKey(who);
  return account.users.some((u) => u.roles.length > 0 && userKey(u) === key) || findWatcher(account, who) !== undefined;
}

export function canChangeWatchers(account: PartnerAccount, who: UserIdentity): boolean {
  return isAccountAdmin(account, who);
}

/** Applies one change for `actor`, or says why not; the account is read fresh by the caller. */
export function changeWatchers(
  account: PartnerAccount,
  change: WatcherChange,
  actor: PersonRef,
  now: Date,
  limit = MAX_WATCHERS,
): Result<ChangedWatchers> {
  const company = account.companyName;
  if (account.status !== 'active')
    return fail('account-not-active', { mpnId: account.globalMpnId, mergedInto: account.mergedInto ?? '' });
  const at = now.toISOString();
  const by: PersonRef = { aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, displayName: actor.displayName };
  if (change.type !== 'stop' && !canChangeWatchers(account, actor))
    return fail('not-account-admin', { mpnId: account.globalMpnId, company });

  let watchers: readonly Watcher[];
  let entry: WatcherAuditEntry;
  switch (change.type) {
    case 'add': {
      const existing = findWatcher(account, change.person);
      if (existing) return fail('watcher-exists', { name: existing.displayName, company });
      if (account.watchers.length >= limit) return fail('watcher-limit', { company, max: limit });
      const person = {
        aadObjectId: change.person.aadObjectId,
        tenantId: change.person.tenantId,
        displayName: change.person.displayName,
      };
      const upn = change.person.upn === undefined ? {} : { upn: change.person.upn };
      watchers = [...account.watchers, { ...person, ...upn, addedBy: by, addedAt: at }];
      entry = { at, action: 'watcher-added', actor: by, watcher: { ...person, ...upn } };
      break;
    }
    case 'remove':
    case 'stop': {
      const target = change.type === 'stop' ? actor : change.person;
      const existing = findWatcher(account, target);
      if (!existing)
        return change.type === 'stop' ? fail('not-watching', { company }) : fail('watcher-not-found', { company });
      watchers = account.watchers.filter((w) => w !== existing);
      const upn = existing.upn === undefined ? {} : { upn: existing.upn };
      entry = {
        at,
        action: change.type === 'stop' ? 'watcher-stopped' : 'watcher-removed',
        actor: by,
        watcher: {
          aadObjectId: existing.aadObjectId,
          tenantId: existing.tenantId,
          displayName: existing.displayName,
          ...upn,
        },
      };
      break;
    }
  }
  const audit = [...(account.audit ?? []), entry];
  return ok({ account: { ...account, watchers, audit, updatedAt: at }, entry, auditIndex: audit.length - 1 });
}
