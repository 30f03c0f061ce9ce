/** The parts every planner's new outbox entry shares: who receives it, and a fresh delivery state. */
import type { OutboxRecipient, OutboxStatus, PersonRef } from '../model.js';

export interface FreshDelivery {
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string;
  readonly version: number;
}

/** Pending, never tried, due at `at` (the commit's time). */
export function freshDelivery(at: string): FreshDelivery {
  return { status: 'pending', attempts: 0, createdAt: at, nextAttemptAt: at, version: 0 };
}

export function recipientOf(person: PersonRef, role: OutboxRecipient['role']): OutboxRecipient {
  return { tenantId: person.tenantId, aadObjectId: person.aadObjectId, displayName: person.displayName, role };
}
