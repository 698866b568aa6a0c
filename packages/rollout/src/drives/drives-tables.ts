/**
 * Tables of install drives (migration 0012): the drives, and their volunteers with the code
 * each one's invite QR carries. A volunteer's name and phone are erased
 * ROLLOUT_VOLUNTEER_RETENTION_DAYS after the drive (volunteer-retention.ts); the row stays, so
 * the installs it brought in keep counting. `held_on` is a district-local day number.
 */
import type { Generated } from 'kysely';

export interface RolloutDriveTable {
  id: Generated<number>;
  /** The unit running the drive (a Youth Union, or the commune or district it serves). */
  unit_code: string;
  name: string;
  held_on: number;
  place: string;
  organiser: string;
  created_at: number;
}

export interface RolloutDriveVolunteerTable {
  id: Generated<number>;
  drive_id: number;
  /** Null once erased. */
  name: string | null;
  /** E.164; null when not given or once erased. */
  phone: string | null;
  /** What the volunteer's invite link carries (`?vol=`), unique. */
  invite_code: string;
  created_at: number;
  /** When the name and phone were erased, or null. */
  erased_at: number | null;
}

export type DrivesTables = {
  rollout_drive: RolloutDriveTable;
  rollout_drive_volunteer: RolloutDriveVolunteerTable;
};
