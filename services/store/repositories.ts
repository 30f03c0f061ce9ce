/** The repository interfaces over an in-memory record set (memory, lowdb and the Azure store's view). */
import { userKey } from '../accounts/validation.js';
import type { IndexedState } from './indexedState.js';
import type { Store, StoreReads } from './types.js';

/**
 * The repositories over a store's live in-memory state, and its `snapshot`: reads there
 * are always current, so the snapshot is the repositories themselves.
 */
export function liveReads(state: IndexedState, ready: () => void): StoreReads & Pick<Store, 'snapshot'> {
  const repositories = repositoriesOver(() => state, ready);
  return {
    ...repositories,
    snapshot: () => {
      ready();
      return Promise.resolve(repositories);
    },
  };
}

/** Repository views over a state; `current()` lets a store swap states (e.g. after reopen). */
export function repositoriesOver(current: () => IndexedState, ready: () => void = () => undefined): StoreReads {
  // Reads are synchronous underneath but async in the contract (remote backends).
  const read = <T>(fn: (s: IndexedState) => T): Promise<T> => {
    try {
      ready();
      return Promise.resolve(fn(current()));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return {
    accounts: {
      get: (globalMpnId) => read((s) => s.get('account', globalMpnId)),
      findByMpnId: (mpnId) => read((s) => s.findByMpnId(mpnId)),
      listForUser: (aadObjectId, tenantId) => read((s) => s.listForUser(aadObjectId, tenantId)),
      listForTenant: (tenantId) => read((s) => s.listAccountsForTenant(tenantId)),
      listWatchedBy: (aadObjectId, tenantId) => read((s) => s.listWatchedBy(aadObjectId, tenantId)),
      list: () => read((s) => s.listAccounts()),
      count: () => read((s) => s.count('account')),
    },
    merges: {
      get: (id) => read((s) => s.get('merge', id)),
      listByAccount: (globalMpnId, options) => read((s) => s.listMergesByAccount(globalMpnId, options?.limit)),
      findOpenForAccount: (globalMpnId) => read((s) => s.findOpenMerge(globalMpnId)),
      listDueForExpiry: (now) => read((s) => s.dueForExpiry(now)),
      listDueForReminder: (now) => read((s) => s.dueForReminder(now)),
      count: () => read((s) => s.count('merge')),
    },
    conversations: {
      get: (tenantId, aadObjectId) => read((s) => s.get('conversation', userKey({ tenantId, aadObjectId }))),
      serviceUrlForTenant: (tenantId) => read((s) => s.serviceUrlForTenant(tenantId)),
      count: () => read((s) => s.count('conversation')),
    },
    sentCards: {
      listForMerge: (mergeId) => read((s) => s.sentCardsForMerge(mergeId)),
      count: () => read((s) => s.count('sentCard')),
    },
    outbox: {
      get: (id) => read((s) => s.get('outbox', id)),
      listDue: (now, limit) => read((s) => s.outboxDue(now, limit)),
      nextDueAt: () => read((s) => s.outboxNextDueAt()),
      listByStatus: (status, limit) => read((s) => s.outboxByStatusList(status, limit)),
      listParkedFor: (tenantId, aadObjectId) => read((s) => s.outboxParkedFor(tenantId, aadObjectId)),
      listActiveForMerge: (mergeId) => read((s) => s.outboxActiveForMerge(mergeId)),
      count: (status) => read((s) => s.outboxCount(status)),
    },
    registrations: {
      get: (id) => read((s) => s.get('registration', id)),
      listForTenant: (tenantId) => read((s) => s.registrationsForTenant(tenantId)),
      listPending: () => read((s) => s.pendingRegistrations()),
      listPendingByMpnId: (mpnId) => read((s) => s.pendingRegistrationsByMpnId(mpnId)),
      count: () => read((s) => s.count('registration')),
    },
  };
}
