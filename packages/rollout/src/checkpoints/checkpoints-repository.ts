/** Storage of office checkpoints: the checkpoints, the tokens already accepted, the scan log. */
import type { checkpointsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';

export type Direction = checkpointsApi.Direction;
export type ScanResult = checkpointsApi.ScanResult;
export type Checkpoint = checkpointsApi.Checkpoint;

export interface CheckpointLogEntry {
  at: number;
  direction: Direction;
  result: ScanResult;
  reason: string | null;
  visitor: string | null;
}

export async function insertCheckpoint(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  name: string,
): Promise<Checkpoint> {
  const row = await db
    .insertInto('rollout_checkpoint')
    .values({ unit_code: unitCode, name, created_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), unitCode, name };
}

export async function getCheckpoint(db: RolloutDb, id: number): Promise<Checkpoint> {
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('rollout_checkpoint').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new RolloutError('not_found', `no checkpoint ${id}`);
  return { id: Number(row.id), unitCode: row.unit_code, name: row.name };
}

export async function listCheckpoints(db: RolloutDb): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('rollout_checkpoint').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), unitCode: r.unit_code, name: r.name }));
}

/**
 * Marks token nonce `key` used until `expiresAt`; false when it already was (a replay). One
 * insert-if-absent, so two processes scanning the same token cannot both accept it.
 */
export async function claimTokenNonce(db: RolloutDb, key: string, now: number, expiresAt: number): Promise<boolean> {
  await db.deleteFrom('rollout_checkpoint_nonce').where('expires_at', '<', now).execute();
  const inserted = await db
    .insertInto('rollout_checkpoint_nonce')
    .values({ nonce_key: key, expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function logCheckpointVisit(
  db: RolloutDb,
  checkpointId: number,
  entry: CheckpointLogEntry & { day: number; recordedBy: string },
): Promise<void> {
  await db
    .insertInto('rollout_checkpoint_log')
    .values({
      checkpoint_id: checkpointId,
      direction: entry.direction,
      result: entry.result,
      reason: entry.reason,
      visitor: entry.visitor,
      at: entry.at,
      day: entry.day,
      recorded_by: entry.recordedBy,
    })
    .execute();
}

/** The log of one checkpoint on one local day, in order. */
export async function checkpointLog(db: RolloutDb, checkpointId: number, day: number): Promise<CheckpointLogEntry[]> {
  const rows = await db
    .selectFrom('rollout_checkpoint_log')
    .selectAll()
    .where('checkpoint_id', '=', checkpointId)
    .where('day', '=', day)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: Number(r.at),
    direction: r.direction as Direction,
    result: r.result as ScanResult,
    reason: r.reason,
    visitor: r.visitor,
  }));
}
