/**
 * Youth Union install drives (order 3 of the dispatch): a drive is an event on a day, at a place,
 * with an organiser and the unit that runs it; each volunteer gets their own invite QR
 * (`<install link>?vol=<code>`, read by the app like a unit's or a relative's link), and the
 * installs from it are credited to the volunteer and the drive (coverage/install-attribution.ts)
 * while counting at the home of whoever installed.
 */
import type { drivesApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import { ACTIVE_WINDOW_DAYS } from '../coverage/coverage';
import { dayNumber } from '../coverage/coverage-trends';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { dayLabel, localDay } from '../shared/local-day';
import { normalizeVnPhone } from '../shared/vn-phone';
import { isAreaKind, type Unit } from '../units/unit';
import { assertNotArchived } from '../units/unit-archive';
import {
  type DriveRow,
  findDrive,
  insertDrive,
  insertVolunteer,
  installsPerVolunteer,
  listDriveRows,
  listVolunteerRows,
  type VolunteerRow,
} from './drives-repository';

export type Drive = drivesApi.Drive;
export type Volunteer = drivesApi.Volunteer;

const DAY_MS = 86_400_000;

/** The first district day on which a drive's volunteers' names and phones are erased. */
export function erasureDay(heldOn: number, retentionDays: number): number {
  return heldOn + retentionDays + 1;
}

/** Creates a drive run by `unit` (already checked to be in the caller's scope). */
export async function createDrive(db: RolloutDb, clock: Clock, unit: Unit, d: drivesApi.DriveRequest): Promise<number> {
  assertNotArchived(unit);
  // The Youth Union runs drives, or the commune or village they serve; a school or a shop brings
  // installs in through its own QR instead (its figure is its own, not a drive's).
  if (unit.kind !== 'youth_union' && !isAreaKind(unit.kind)) {
    throw new RolloutError(
      'invalid_input',
      `a drive is run by a Youth Union or an area, not a ${unit.kind} (${unit.code})`,
    );
  }
  return insertDrive(db, clock, {
    unitCode: unit.code,
    name: d.name.trim(),
    heldOn: dayNumber(d.heldOn),
    place: d.place.trim(),
    organiser: d.organiser.trim(),
  });
}

/** The drive `id`, or not_found. */
export async function getDriveRow(db: RolloutDb, id: number): Promise<DriveRow> {
  const drive = await findDrive(db, id);
  if (!drive) throw new RolloutError('not_found', `no install drive ${id}`);
  return drive;
}

/** Adds a volunteer with their own invite code; refused once the drive's retention period has run out. */
export async function addVolunteer(
  db: RolloutDb,
  clock: Clock,
  drive: DriveRow,
  v: drivesApi.VolunteerRequest,
  retentionDays: number,
): Promise<VolunteerRow> {
  if (localDay(clock.now()) >= erasureDay(drive.held_on, retentionDays)) {
    throw new RolloutError(
      'drive_closed',
      `drive ${drive.id} was held on ${dayLabel(drive.held_on)}; its volunteers' details are kept ${retentionDays} days`,
    );
  }
  return insertVolunteer(db, clock, drive.id, {
    name: v.name.trim(),
    phone: v.phone ? normalizeVnPhone(v.phone) : null,
  });
}

/** Drives with their volunteers and figures, as the API shows them. */
export async function driveViews(
  db: RolloutDb,
  now: number,
  drives: readonly DriveRow[],
  units: readonly Pick<Unit, 'code' | 'name'>[],
  link: (inviteCode: string) => string,
  retentionDays: number,
): Promise<{ drives: Drive[]; volunteers: Volunteer[] }> {
  const volunteerRows = await listVolunteerRows(
    db,
    drives.map((d) => d.id),
  );
  const counts = await installsPerVolunteer(
    db,
    volunteerRows.map((v) => v.id),
    now - ACTIVE_WINDOW_DAYS * DAY_MS,
  );
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const heldOn = new Map(drives.map((d) => [d.id, d.held_on]));
  const volunteers: Volunteer[] = volunteerRows.map((v) => {
    const c = counts.get(v.id) ?? { installs: 0, active: 0 };
    const until = erasureDay(heldOn.get(v.drive_id) ?? 0, retentionDays);
    return {
      id: v.id,
      driveId: v.drive_id,
      name: v.name,
      phone: v.phone,
      inviteCode: v.invite_code,
      inviteLink: link(v.invite_code),
      installs: c.installs,
      active: c.active,
      // Midnight at the start of the erasure day, district time.
      personalDataUntil: v.erased_at === null ? new Date(until * DAY_MS - 7 * 3_600_000).toISOString() : null,
    };
  });
  return {
    volunteers,
    drives: drives.map((d) => {
      const own = volunteers.filter((v) => v.driveId === d.id);
      return {
        id: d.id,
        unitCode: d.unit_code,
        unitName: unitName.get(d.unit_code) ?? d.unit_code,
        name: d.name,
        heldOn: dayLabel(d.held_on),
        place: d.place,
        organiser: d.organiser,
        volunteers: own.length,
        installs: own.reduce((n, v) => n + v.installs, 0),
        active: own.reduce((n, v) => n + v.active, 0),
        createdAt: new Date(d.created_at).toISOString(),
      };
    }),
  };
}

/** Drives run by units among `unitCodes`. */
export function drivesIn(db: RolloutDb, unitCodes: readonly string[]): Promise<DriveRow[]> {
  return listDriveRows(db, unitCodes);
}
