/**
 * What the coverage report's XLSX carries besides coverage, for one subtree: the install drives
 * with the volunteers' leaderboard, the businesses' results, and media ad time per week. The HTTP report and
 * `bluezone rollout report` build it alike.
 */
import { businessResults } from '../businesses/business';
import { drivesReport } from '../drives/drive-results';
import { volunteerInviteLink } from '../drives/volunteer-invite';
import { listPartners, slotsOf } from '../media/media-booking';
import { mediaReport } from '../media/media-report';
import type { RolloutDb } from '../rollout-db';
import { subtreeCodes, type Unit } from '../units/unit';
import type { ReportExtras } from './coverage-export';

export async function reportExtras(
  db: RolloutDb,
  now: number,
  root: string,
  units: readonly Unit[],
  installBaseUrl: string,
  volunteerRetentionDays: number,
): Promise<ReportExtras> {
  const under = subtreeCodes(root, units);
  const businesses = units.filter((u) => u.kind === 'business' && u.archivedAt === null && under.has(u.code));
  return {
    drives: await drivesReport(
      db,
      now,
      root,
      units,
      (code) => volunteerInviteLink(installBaseUrl, code),
      volunteerRetentionDays,
    ),
    businesses: await businessResults(db, now, businesses, units, installBaseUrl),
    media: mediaReport(root, await slotsOf(db, { partnerIds: (await listPartners(db, under)).map((p) => p.id) }), now),
  };
}
