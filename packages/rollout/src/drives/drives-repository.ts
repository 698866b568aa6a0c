/**
 * Storage of install drives: drives, their volunteers and invite codes, the installs each
 * volunteer brought in (read from coverage's installs), and the erasure of volunteers' names
 * and phones after the retention period.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import type { RolloutDriveTable, RolloutDriveVolunteerTable } from './drives-tables';

export type DriveRow = Omit<RolloutDriveTable, 'id'> & { id: number };
export type VolunteerRow = Omit<RolloutDriveVolunteerTable, 'id'> & { id: number };

const driveRow = (r: DriveRow): DriveRow => ({
  ...r,
  id: Number(r.id),
  held_on: Number(r.held_on),
  created_at: Number(r.created_at),
});
const volunteerRow = (r: VolunteerRow): VolunteerRow => ({
  ...r,
  id: Number(r.id),
  drive_id: Number(r.drive_id),
  created_at: Number(r.created_at),
  erased_at: r.erased_at === null ? null : Number(r.erased_at),
});

export async function insertDrive(
  db: RolloutDb,
  clock: Clock,
  d: { unitCode: string; name: string; heldOn: number; place: string; organiser: string },
): Promise<number> {
  const row = await db
    .insertInto('rollout_drive')
    .values({
      unit_code: d.unitCode,
      name: d.name,
      held_on: d.heldOn,
      place: d.place,
      organiser: d.organiser,
      created_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findDrive(db: RolloutDb, id: number): Promise<DriveRow | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = await db.selectFrom('rollout_drive').selectAll().where('id', '=', id).executeTakeFirst();
  return row && driveRow(row);
}

/** Drives run by any of `unitCodes`, the latest first. */
export async function listDriveRows(db: RolloutDb, unitCodes: readonly string[]): Promise<DriveRow[]> {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('rollout_drive')
    .selectAll()
    .where('unit_code', 'in', unitCodes)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(driveRow);
}

/** Adds a volunteer with a fresh invite code; `phone` is already normalised. */
export async function insertVolunteer(
  db: RolloutDb,
  clock: Clock,
  driveId: number,
  v: { name: string; phone: string | null },
): Promise<VolunteerRow> {
  // 9 random bytes: 12 base64url characters, as short as a QR stays easy to scan and unguessable.
  const row = await db
    .insertInto('rollout_drive_volunteer')
    .values({
      drive_id: driveId,
      name: v.name,
      phone: v.phone,
      invite_code: randomBytes(9).toString('base64url'),
      created_at: clock.now(),
      erased_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return volunteerRow(row);
}

export async function listVolunteerRows(db: RolloutDb, driveIds: readonly number[]): Promise<VolunteerRow[]> {
  if (driveIds.length === 0) return [];
  const rows = await db
    .selectFrom('rollout_drive_volunteer')
    .selectAll()
    .where('drive_id', 'in', driveIds)
    .orderBy('id')
    .execute();
  return rows.map(volunteerRow);
}

/** The volunteer an invite code names, with their drive; undefined for an unknown code. */
export async function findVolunteerByInviteCode(
  db: RolloutDb,
  inviteCode: string,
): Promise<{ volunteerId: number; drive: DriveRow } | undefined> {
  const row = await db
    .selectFrom('rollout_drive_volunteer as v')
    .innerJoin('rollout_drive as d', 'd.id', 'v.drive_id')
    .select([
      'v.id as volunteer_id',
      'd.id',
      'd.unit_code',
      'd.name',
      'd.held_on',
      'd.place',
      'd.organiser',
      'd.created_at',
    ])
    .where('v.invite_code', '=', inviteCode)
    .executeTakeFirst();
  if (!row) return undefined;
  const { volunteer_id, ...drive } = row;
  return { volunteerId: Number(volunteer_id), drive: driveRow(drive) };
}

/** The drive a volunteer belongs to (for an install's receipt). */
export async function findDriveOfVolunteer(db: RolloutDb, volunteerId: number): Promise<DriveRow | undefined> {
  const row = await db
    .selectFrom('rollout_drive_volunteer as v')
    .innerJoin('rollout_drive as d', 'd.id', 'v.drive_id')
    .select(['d.id', 'd.unit_code', 'd.name', 'd.held_on', 'd.place', 'd.organiser', 'd.created_at'])
    .where('v.id', '=', volunteerId)
    .executeTakeFirst();
  return row && driveRow(row);
}

/** Installs each volunteer brought in, and those active since `activeSince`. */
export async function installsPerVolunteer(
  db: RolloutDb,
  volunteerIds: readonly number[],
  activeSince: number,
): Promise<Map<number, { installs: number; active: number }>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('rollout_install')
    .select(['volunteer_id'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('last_active_at', '>=', activeSince).then(1).else(0).end()).as('active'),
    ])
    .where('volunteer_id', 'in', volunteerIds)
    .groupBy('volunteer_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.volunteer_id), { installs: Number(r.n), active: Number(r.active) }]));
}

/**
 * Erases the name and phone of every volunteer of a drive held before `heldBefore` (a day
 * number) that still has them. Returns how many volunteers were erased.
 */
export async function eraseVolunteerPersonalData(db: RolloutDb, now: number, heldBefore: number): Promise<number> {
  const result = await db
    .updateTable('rollout_drive_volunteer')
    .set({ name: null, phone: null, erased_at: now })
    .where('erased_at', 'is', null)
    .where('drive_id', 'in', (eb) => eb.selectFrom('rollout_drive').select('id').where('held_on', '<', heldBefore))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
