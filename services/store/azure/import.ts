/** Bulk import of records into an Azure table, versions kept (migration from lowdb: migrate.ts). */
import { TableTransaction, type TableEntity } from '@azure/data-tables';
import { RECORD_KEYS, RECORD_KINDS, type RecordKind } from '../types.js';
import type { RecordArrays } from '../indexedState.js';
import {
  AZURE_SCHEMA_VERSION,
  CHANGE_SLOTS,
  DEFAULT_AZURE_TABLE,
  GEN_ROW,
  MAX_OPS_PER_COMMIT,
  PARTITION,
  readGen,
  tableClient,
  toEntity,
  type AnyRecord,
  type RecordEntity,
} from './codec.js';
import type { AzureStoreOptions } from '../azureStore.js';

export type ImportCounts = Record<RecordKind, { created: number; skipped: number }>;

/**
 * Copies records into the table as they are (versions kept). Idempotent: a record whose
 * key is already in the table is skipped, so an interrupted migration can simply run
 * again. Meant for a table no bot writes to yet (docs/azure-storage.md, migration).
 */
export async function importIntoAzure(options: AzureStoreOptions, records: RecordArrays): Promise<ImportCounts> {
  const tableName = options.tableName ?? DEFAULT_AZURE_TABLE;
  const client = tableClient(options, tableName);
  await client.createTable();
  // Copied rows have no change slots: moving `~gen` further than a reader may catch up
  // makes every running reader load the partition whole.
  let seq = (await readGen(client)).seq + CHANGE_SLOTS + 1;
  const existing = new Set<string>();
  for await (const entity of client.listEntities({
    queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey lt '~'`, select: ['RowKey'] },
  })) {
    if (entity.rowKey !== undefined) existing.add(entity.rowKey);
  }
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, { created: 0, skipped: 0 }])) as ImportCounts;
  let batch: RecordEntity[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const tx = new TableTransaction();
    for (const entity of batch) tx.createEntity<RecordEntity>(entity);
    tx.upsertEntity<TableEntity<{ seq: number; s: number }>>(
      { partitionKey: PARTITION, rowKey: GEN_ROW, seq: seq++, s: AZURE_SCHEMA_VERSION },
      'Replace',
    );
    await client.submitTransaction(tx.actions);
    batch = [];
  };
  for (const kind of RECORD_KINDS) {
    for (const record of records[kind] as AnyRecord[]) {
      const key = (RECORD_KEYS[kind] as (r: AnyRecord) => string)(record);
      const entity = toEntity(kind, key, record);
      if (existing.has(entity.rowKey)) {
        counts[kind].skipped++;
        continue;
      }
      existing.add(entity.rowKey);
      batch.push(entity);
      counts[kind].created++;
      if (batch.length >= MAX_OPS_PER_COMMIT) await flush();
    }
  }
  await flush();
  return counts;
}
