/**
 * Storage of office checkpoints: the checkpoints, the tokens already accepted, the scan log,
 * the gate keys of paired phones, and the one read of an install a scan needs.
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { type Clock, hashApiKey } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { RolloutCheckpointTable } from './checkpoints-tables';

export type Direction = checkpointsApi.Direction;
export type ScanResult = checkpointsApi.ScanResult;
export type RadioCheck = checkpointsApi.RadioCheck;
export type InactiveReason = checkpointsApi.InactiveReason;
export type Checkpoint = checkpointsApi.Checkpoint;

export interface CheckpointLogEntry {
  at: number;
  direction: Direction;
  result: ScanResult;
  reason: string | null;
  reasonCode: InactiveReason | null;
  radio: RadioCheck | null;
  visitor: string | null;
}

type CheckpointRow = Omit<RolloutCheckpointTable, 'id'> & { id: number | bigint | string };

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    id: Number(row.id),
    unitCode: row.unit_code,
    name: row.name,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    retiredAt: row.retired_at === null ? null : new Date(Number(row.retired_at)).toISOString(),
  };
}

/** A checkpoint in use with this name in this unit (names are compared as typed, after trimming). */
async function nameTaken(db: RolloutDb, unitCode: string, name: string, exceptId?: number): Promise<boolean> {
  let q = db
    .selectFrom('rollout_checkpoint')
    .select('id')
    .where('unit_code', '=', unitCode)
    .where('name', '=', name)
    .where('retired_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertCheckpoint(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  name: string,
): Promise<Checkpoint> {
  if (await nameTaken(db, unitCode, name)) {
    throw new RolloutError('checkpoint_name_taken', `unit ${unitCode} already has a checkpoint named "${name}"`);
  }
  const values = { unit_code: unitCode, name, created_at: clock.now(), retired_at: null };
  const row = await db.insertInto('rollout_checkpoint').values(values).returning('id').executeTakeFirstOrThrow();
  return toCheckpoint({ ...values, id: row.id });
}

export async function getCheckpoint(db: RolloutDb, id: number): Promise<Checkpoint> {
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('rollout_checkpoint').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new RolloutError('not_found', `no checkpoint ${id}`);
  return toCheckpoint(row);
}

/** Checkpoints of `unitCodes` (all when undefined), in creation order; retired ones only if asked. */
export async function listCheckpoints(
  db: RolloutDb,
  options: { unitCodes?: readonly string[]; includeRetired?: boolean } = {},
): Promise<Checkpoint[]> {
  if (options.unitCodes?.length === 0) return [];
  let q = db.selectFrom('rollout_checkpoint').selectAll().orderBy('id');
  if (options.unitCodes) q = q.where('unit_code', 'in', options.unitCodes);
  if (!options.includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.execute()).map(toCheckpoint);
}

export async function renameCheckpointRow(db: RolloutDb, checkpoint: Checkpoint, name: string): Promise<Checkpoint> {
  if (await nameTaken(db, checkpoint.unitCode, name, checkpoint.id)) {
    throw new RolloutError(
      'checkpoint_name_taken',
      `unit ${checkpoint.unitCode} already has a checkpoint named "${name}"`,
    );
  }
  await db.updateTable('rollout_checkpoint').set({ name }).where('id', '=', checkpoint.id).execute();
  return { ...checkpoint, name };
}

/** Retires the checkpoint and revokes its gate keys, in one transaction; false if it already was retired. */
export async function retireCheckpointRow(db: RolloutDb, id: number, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('rollout_checkpoint')
      .set({ retired_at: now })
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    await trx
      .updateTable('rollout_checkpoint_gate_key')
      .set({ revoked_at: now })
      .where('checkpoint_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return Number(updated.numUpdatedRows) > 0;
  });
}

/**
 * What a scan needs of the install whose checkpoint key signed a token: when it last attested
 * with tracing on. The install id is not read. Should two installs carry one key, the one that
 * registered it first counts: the key is bound at first registration (coverage/), and a key is
 * only ever seen by others after its owner has attested.
 */
export async function installByCheckpointKey(
  db: RolloutDb,
  checkpointKey: string,
): Promise<{ lastActiveAt: number | null } | undefined> {
  const row = await db
    .selectFrom('rollout_install')
    .select(['last_active_at'])
    .where('checkpoint_key', '=', checkpointKey)
    .orderBy('first_seen_at')
    .orderBy('install_id')
    .limit(1)
    .executeTakeFirst();
  return row && { lastActiveAt: row.last_active_at === null ? null : Number(row.last_active_at) };
}

/**
 * Marks token `key` used until `expiresAt`; false when it already was (a replay). One
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
      reason_code: entry.reasonCode,
      radio: entry.radio,
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
    reasonCode: r.reason_code as InactiveReason | null,
    // Scans logged before the radio check existed were checked by signature only.
    radio: r.result === 'no_app' ? null : ((r.radio ?? 'not_checked') as RadioCheck),
    visitor: r.visitor,
  }));
}

export async function insertGateKey(
  db: RolloutDb,
  clock: Clock,
  input: { checkpointId: number; key: string; label: string; createdBy: string },
): Promise<void> {
  await db
    .insertInto('rollout_checkpoint_gate_key')
    .values({
      checkpoint_id: input.checkpointId,
      key_hash: hashApiKey(input.key),
      label: input.label,
      created_at: clock.now(),
      created_by: input.createdBy,
      revoked_at: null,
    })
    .execute();
}

/** The paired phone `presented` stands for, unless unknown or revoked. */
export async function findGateKey(
  db: RolloutDb,
  presented: string,
): Promise<{ id: number; checkpointId: number; label: string } | undefined> {
  const row = await db
    .selectFrom('rollout_checkpoint_gate_key')
    .select(['id', 'checkpoint_id', 'label'])
    .where('key_hash', '=', hashApiKey(presented))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { id: Number(row.id), checkpointId: Number(row.checkpoint_id), label: row.label };
}

export async function revokeGateKeyRows(db: RolloutDb, checkpointId: number, now: number): Promise<number> {
  const res = await db
    .updateTable('rollout_checkpoint_gate_key')
    .set({ revoked_at: now })
    .where('checkpoint_id', '=', checkpointId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
