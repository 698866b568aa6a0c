/**
 * Volunteers' names and phone numbers are personal data kept for one purpose: reaching and
 * thanking the volunteers of a drive. They are erased ROLLOUT_VOLUNTEER_RETENTION_DAYS (default
 * 90) after the drive's day, by the drives job once an hour (drives-feature.ts) or by
 * `bluezone rollout drives purge`; the volunteer's row, invite code and figures stay, so the
 * installs keep counting and the leaderboard shows "volunteer #id".
 */
import type { RolloutDb } from '../rollout-db';
import { localDay } from '../shared/local-day';
import { erasureDay } from './drive';
import { eraseVolunteerPersonalData } from './drives-repository';

/** Erases what is due at `now`; returns how many volunteers' details were erased. */
export function eraseExpiredVolunteerData(db: RolloutDb, now: number, retentionDays: number): Promise<number> {
  // Drives held before this day have reached their erasure day (drive.ts erasureDay).
  const heldBefore = localDay(now) - erasureDay(0, retentionDays) + 1;
  return eraseVolunteerPersonalData(db, now, heldBefore);
}
