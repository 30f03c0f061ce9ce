/** The entity-group transaction of one Azure store commit (see azureStore.ts for the design). */
import { TableTransaction, type TableEntity } from '@azure/data-tables';
import type { Prepared } from '../indexedState.js';
import { AZURE_SCHEMA_VERSION, GEN_ROW, PARTITION, chunked, slotRowKey, toEntity, type RecordEntity } from './codec.js';
import type { View } from './reader.js';

type Change = Prepared['changes'][number];

/**
 * One commit as an entity-group transaction: the rows it writes (created, or replaced at
 * their ETag), `~gen` moved from the view's sequence number by one, and the change slot.
 */
export function transactionOf(
  base: View,
  finals: ReadonlyMap<string, Change>,
  entities: ReadonlyMap<string, RecordEntity>,
): { actions: TableTransaction['actions']; written: string[]; seq: number } {
  const seq = base.seq + 1;
  const tx = new TableTransaction();
  const written: string[] = [];
  for (const [rowKey, change] of finals) {
    const entity = entities.get(rowKey) ?? toEntity(change.kind, change.key, change.after);
    const etag = base.etags.get(rowKey);
    if (etag === undefined) {
      // Created and deleted in the same batch: nothing to store.
      if (change.after === undefined) continue;
      tx.createEntity<RecordEntity>(entity);
    } else tx.updateEntity<RecordEntity>(entity, 'Replace', { etag });
    written.push(rowKey);
  }
  // `~gen` moves by one only from the version this view has: any other commit since
  // makes this transaction fail as a whole (then: catch up, check again, retry).
  const gen: TableEntity<{ seq: number; s: number }> = {
    partitionKey: PARTITION,
    rowKey: GEN_ROW,
    seq,
    s: AZURE_SCHEMA_VERSION,
  };
  if (base.genEtag === undefined) tx.createEntity(gen);
  else tx.updateEntity(gen, 'Replace', { etag: base.genEtag });
  tx.upsertEntity(
    { partitionKey: PARTITION, rowKey: slotRowKey(seq), seq, ...chunked(JSON.stringify(written)) },
    'Replace',
  );
  return { actions: tx.actions, written, seq };
}
