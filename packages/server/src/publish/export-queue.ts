/**
 * The export queue: one row per key (kind 0) or key revision (kind 1) not yet in an export
 * batch, written by database triggers in the same transaction as the key or revision itself
 * (publish/publish-migrations.ts 0003), so whatever inserts into `exposure` — publish, the benchmark's
 * bulk load — enqueues it. The export worker takes every queued row due before the window's
 * end, however late its transaction committed, and deletes exactly those rows in the
 * transaction that records the batch: each key is exported once. A scan of `exposure` bounded
 * by time could not promise that: a key whose publish read the clock long before it committed
 * would fall below the bound.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';

export const QUEUED_KEY = 0;
export const QUEUED_REVISION = 1;
export type QueueKind = typeof QUEUED_KEY | typeof QUEUED_REVISION;

export interface ExportQueueTable {
  exposure_id: number;
  kind: QueueKind;
  region: string;
  /** When it may be exported: the key's publishable_at (embargo), or the revision's revised_at. */
  due_at: number;
}

export type ExportQueueTables = { export_queue: ExportQueueTable };

export function exportQueueDb(database: Database): Kysely<ExportQueueTables> {
  return database.db.withTables<ExportQueueTables>() as unknown as Kysely<ExportQueueTables>;
}
