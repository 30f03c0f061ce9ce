/**
 * Who is told about a change of an account's people (pure), written with the change: a
 * person an admin added gets the welcome card once, a person removed a short note. Role
 * changes and new locations are seen by whoever made them, in their own turn, and in the
 * account's history.
 */
import type { AccountOutboxEntry, AccountOutboxKind, PartnerAccount, PersonRef } from '../model.js';
import { userKey } from '../accounts/validation.js';
import { accountOutboxId } from './watcherPlanner.js';
import { freshDelivery, recipientOf } from './newEntry.js';

export function planPeopleNotifications(account: PartnerAccount, auditIndex: number, now: Date): AccountOutboxEntry[] {
  const entry = account.audit?.[auditIndex];
  if (entry === undefined) throw new RangeError(`account ${account.globalMpnId} has no audit entry ${auditIndex}`);
  if (entry.action !== 'user-added' && entry.action !== 'user-removed') return [];
  if (userKey(entry.user) === userKey(entry.actor)) return [];
  const at = now.toISOString();
  const kind: AccountOutboxKind = entry.action === 'user-added' ? 'userWelcome' : 'userText';
  const person: PersonRef = entry.user;
  return [
    {
      id: accountOutboxId(account.globalMpnId, auditIndex, kind, person),
      accountMpnId: account.globalMpnId,
      auditIndex,
      action: entry.action,
      kind,
      recipient: recipientOf(person, 'user'),
      ...freshDelivery(at),
    },
  ];
}
