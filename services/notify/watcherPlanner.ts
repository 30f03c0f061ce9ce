/**
 * Who is told about a change of an account's managers list (pure), written in the same
 * commit as the change: a person who is added gets the welcome card (with "Stop these
 * notifications"), a person who is removed a short note, and when a manager stops, the
 * account's admins are told once. Whoever made the change sees it in their own turn.
 */
import { accountAdmins } from '../accounts/roles.js';
import { userKey } from '../accounts/validation.js';
import type { AccountOutboxEntry, AccountOutboxKind, OutboxRecipient, PartnerAccount, PersonRef } from '../model.js';
import { freshDelivery, recipientOf } from './newEntry.js';

export function accountOutboxId(
  mpnId: string,
  auditIndex: number,
  kind: AccountOutboxKind,
  recipient: { tenantId: string; aadObjectId: string },
): string {
  return `account:${mpnId}:${auditIndex}:${kind}:${userKey(recipient)}`;
}

export function planWatcherNotifications(account: PartnerAccount, auditIndex: number, now: Date): AccountOutboxEntry[] {
  const entry = account.audit?.[auditIndex];
  if (entry === undefined) throw new RangeError(`account ${account.globalMpnId} has no audit entry ${auditIndex}`);
  const at = now.toISOString();
  const actorKey = userKey(entry.actor);
  const to = (kind: AccountOutboxKind, person: PersonRef, role: OutboxRecipient['role']): AccountOutboxEntry => ({
    id: accountOutboxId(account.globalMpnId, auditIndex, kind, person),
    accountMpnId: account.globalMpnId,
    auditIndex,
    action: entry.action,
    kind,
    recipient: recipientOf(person, role),
    ...freshDelivery(at),
  });
  if (!('watcher' in entry)) return [];
  const aboutSomeoneElse = userKey(entry.watcher) !== actorKey;
  switch (entry.action) {
    case 'watcher-added':
      return aboutSomeoneElse ? [to('watcherWelcome', entry.watcher, 'watcher')] : [];
    case 'watcher-removed':
      return aboutSomeoneElse ? [to('watcherText', entry.watcher, 'watcher')] : [];
    case 'watcher-stopped':
      return accountAdmins(account)
        .filter((admin) => userKey(admin) !== actorKey)
        .map((admin) => to('watcherText', admin, 'admin'));
  }
}
