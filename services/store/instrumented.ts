/** A store whose commits are telemetry spans (how many operations, of which kinds). */
import type { Telemetry } from '../telemetryPort.js';
import type { Store } from './types.js';

/** Keeps the store's own type (a queue-announcing store stays one). */
export function instrumentedStore<S extends Store>(store: S, telemetry: Telemetry): S {
  return {
    ...store,
    commit: (ops: Parameters<Store['commit']>[0]) =>
      telemetry.span(
        'store.commit',
        {
          'store.kind': store.info().kind,
          'store.ops': ops.length,
          'store.records': [...new Set(ops.map((op) => op.kind))].sort().join(','),
        },
        () => store.commit(ops),
      ),
  };
}
