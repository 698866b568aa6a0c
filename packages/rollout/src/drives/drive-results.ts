/**
 * Per-drive results and the volunteers' leaderboard for a subtree: installs each drive and each
 * volunteer brought in, most first; volunteers with as many installs share a rank (1, 2, 2, 4).
 * A volunteer whose name was erased stays on the board without it.
 */
import type { drivesApi } from '@bluezone/protocol/api';
import type { RolloutDb } from '../rollout-db';
import { subtreeCodes, type Unit } from '../units/unit';
import { drivesIn, driveViews } from './drive';

export type DrivesReport = drivesApi.DrivesReport;

export async function drivesReport(
  db: RolloutDb,
  now: number,
  root: string,
  units: readonly Unit[],
  link: (inviteCode: string) => string,
  retentionDays: number,
): Promise<DrivesReport> {
  const rows = await drivesIn(db, [...subtreeCodes(root, units)]);
  const { drives, volunteers } = await driveViews(db, now, rows, units, link, retentionDays);
  const driveName = new Map(drives.map((d) => [d.id, d.name]));
  const sorted = [...volunteers].sort((a, b) => b.installs - a.installs || b.active - a.active || a.id - b.id);
  const leaderboard: drivesApi.LeaderboardEntry[] = [];
  sorted.forEach((v, i) => {
    const previous = leaderboard[i - 1];
    leaderboard.push({
      rank: previous && previous.installs === v.installs ? previous.rank : i + 1,
      volunteerId: v.id,
      name: v.name,
      driveId: v.driveId,
      driveName: driveName.get(v.driveId) ?? '',
      installs: v.installs,
      active: v.active,
    });
  });
  return { asOf: new Date(now).toISOString(), root, drives, leaderboard };
}
