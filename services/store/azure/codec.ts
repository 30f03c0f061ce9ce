/**
 * How records sit in the Azure table (see azureStore.ts for the design): row keys, record
 * JSON split over string properties, the `~gen` row and the change slots, the client.
 */
import { TableClient, type TableEntityResult, type TableServiceClientOptions } from '@azure/data-tables';
import { StoreError } from '../../errors.js';
import { RECORD_KINDS, type RecordKind, type StoreRecords } from '../types.js';
import { isLoopbackStorage, type AzureServiceAccess } from './access.js';

export const AZURE_SCHEMA_VERSION = 2;
export const DEFAULT_AZURE_TABLE = 'pmbrecords';
/** The consistency group of all records (see the header). */
export const PARTITION = 'domain';
export const GEN_ROW = '~gen';
export const CHANGE_PREFIX = '~chg|';
/** Change slots are reused round-robin; a reader may fall this many commits behind before it reloads. */
export const CHANGE_SLOTS = 1024;
export const MAX_CATCH_UP = CHANGE_SLOTS / 2;
/** Beyond this many changed rows, one partition query is cheaper than point reads. */
export const MAX_CATCH_UP_ROWS = 500;
export const MAX_COMMIT_ATTEMPTS = 20;
export const CHUNK = 32_000;
export const MAX_CHUNKS = 15;
/** Entity-group transactions take at most 100 operations; two are `~gen` and the change slot. */
export const MAX_OPS_PER_COMMIT = 98;

export type AnyRecord = StoreRecords[RecordKind];

export interface RecordEntity {
  partitionKey: string;
  rowKey: string;
  kind: string;
  key: string;
  v: number;
  deleted: boolean;
  n: number;
  [chunk: `d${number}`]: string;
}

export function rowKeyOf(kind: RecordKind, key: string): string {
  // RowKey may not hold / \ # ? or control characters.
  return `${kind}|${encodeURIComponent(key)}`;
}

export function parseRowKey(rowKey: string): [RecordKind, string] {
  const bar = rowKey.indexOf('|');
  const kind = rowKey.slice(0, bar) as RecordKind;
  if (bar < 0 || !RECORD_KINDS.includes(kind))
    throw new StoreError('store-corrupt', `Table row ${rowKey} is not a record row.`);
  return [kind, decodeURIComponent(rowKey.slice(bar + 1))];
}

/** A long string as properties `d0 … d<n-1>` plus `n` (a string property holds 64 KiB). */
export function chunked(json: string): { n: number; [chunk: `d${number}`]: string } {
  const n = Math.ceil(json.length / CHUNK);
  if (n > MAX_CHUNKS) throw new Error(`A value of ${json.length} characters is too large for one table entity.`);
  const out: { n: number; [chunk: `d${number}`]: string } = { n };
  for (let i = 0; i < n; i++) out[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

export function joinChunks(entity: Record<string, unknown>): string {
  const n = entity.n;
  if (typeof n !== 'number')
    throw new StoreError('store-corrupt', `Table entity ${String(entity.rowKey)} has no part count.`);
  let json = '';
  for (let i = 0; i < n; i++) {
    const chunk = entity[`d${i}`];
    if (typeof chunk !== 'string')
      throw new StoreError('store-corrupt', `Table entity ${String(entity.rowKey)} lacks part d${i} of its record.`);
    json += chunk;
  }
  return json;
}

export function toEntity(kind: RecordKind, key: string, record: AnyRecord | undefined): RecordEntity {
  const json = record === undefined ? '' : JSON.stringify(record);
  if (Math.ceil(json.length / CHUNK) > MAX_CHUNKS)
    throw new Error(`The ${kind} record ${key} is too large for one table entity (${json.length} characters).`);
  return {
    partitionKey: PARTITION,
    rowKey: rowKeyOf(kind, key),
    kind,
    key,
    v: record?.version ?? 0,
    deleted: record === undefined,
    ...chunked(json),
  };
}

export function fromEntity(
  entity: TableEntityResult<Record<string, unknown>>,
): { kind: RecordKind; record: AnyRecord } | undefined {
  if (entity.deleted === true || typeof entity.kind !== 'string' || typeof entity.n !== 'number') return undefined;
  const kind = entity.kind as RecordKind;
  if (!RECORD_KINDS.includes(kind)) return undefined;
  return { kind, record: JSON.parse(joinChunks(entity)) as AnyRecord };
}

export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function tableClient(
  access: AzureServiceAccess,
  tableName: string,
  options: TableServiceClientOptions = {},
): TableClient {
  if ('connectionString' in access)
    return TableClient.fromConnectionString(access.connectionString, tableName, {
      ...options,
      allowInsecureConnection: isLoopbackStorage(access.connectionString),
    });
  // A bearer token is never sent over plain HTTP (the SDK refuses it too).
  return new TableClient(access.url, tableName, access.credential, options);
}

/** The `~gen` row as read: the sequence number of the last commit and the row's ETag. */
export interface Gen {
  readonly seq: number;
  readonly etag: string | undefined;
}

export const sameGen = (a: Gen, b: Gen): boolean => a.seq === b.seq && a.etag === b.etag;

export function slotRowKey(seq: number): string {
  return `${CHANGE_PREFIX}${String(seq % CHANGE_SLOTS).padStart(4, '0')}`;
}

export async function readGen(client: TableClient): Promise<Gen> {
  try {
    const row = await client.getEntity<{ seq?: unknown }>(PARTITION, GEN_ROW);
    return { seq: typeof row.seq === 'number' ? row.seq : 0, etag: row.etag };
  } catch (err) {
    if (statusOf(err) === 404) return { seq: 0, etag: undefined };
    throw err;
  }
}
