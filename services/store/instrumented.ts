/** A store whose commits are telemetry spans (how many operations, of which kinds). */
import type { Telemetry } from '../telemetry.js';
import type { Store } from './types.js';

export function instrumentedStore(store: Store, telemetry: Telemetry): Store {
  return {
    accounts: store.accounts,
    merges: store.merges,
    conversations: store.conversations,
    sentCards: store.sentCards,
    outbox: store.outbox,
    commit: (ops) => telemetry.span('store.commit', { 'store.kind': store.info().kind, 'store.ops': ops.length, 'store.records': [...new Set(ops.map((op) => op.kind))].sort().join(',') }, () => store.commit(ops)),
    ping: () => store.ping(),
    info: () => store.info(),
    close: () => store.close(),
  };
}
