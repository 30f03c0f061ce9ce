/**
 * Who is told about a registration (pure), written in the same commit as the change: a new
 * request goes to each of the operator's reviewers, a decision to the requester. The
 * entry id is the dedupe key: one per (registration, kind, recipient).
 */
import { userKey } from '../accounts/validation.js';
import { freshDelivery, recipientOf } from './newEntry.js';
import type {
  OutboxRecipient,
  PersonRef,
  RegistrationOutboxEntry,
  RegistrationOutboxKind,
  RegistrationRequest,
} from '../model.js';

export function registrationOutboxId(
  registrationId: string,
  kind: RegistrationOutboxKind,
  recipient: { tenantId: string; aadObjectId: string },
): string {
  return `registration:${registrationId}:${kind}:${userKey(recipient)}`;
}

/** The review card for every reviewer (a new request), or the decision for the requester. */
export function planRegistrationNotifications(
  registration: RegistrationRequest,
  reviewers: readonly PersonRef[],
  now: Date,
): RegistrationOutboxEntry[] {
  const at = now.toISOString();
  const to = (
    kind: RegistrationOutboxKind,
    person: PersonRef,
    role: OutboxRecipient['role'],
  ): RegistrationOutboxEntry => ({
    id: registrationOutboxId(registration.id, kind, person),
    registrationId: registration.id,
    action: registration.status,
    kind,
    recipient: recipientOf(person, role),
    ...freshDelivery(at),
  });
  if (registration.status === 'pending')
    return reviewers.map((reviewer) => to('registrationReview', reviewer, 'reviewer'));
  return [to('registrationDecision', registration.requester, 'requester')];
}
