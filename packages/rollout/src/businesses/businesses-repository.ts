/**
 * Storage reads of businesses: the installs each business recommended (coverage's installs
 * brought in through its counter QR). A business itself is a unit (units-repository.ts).
 */
import type { RolloutDb } from '../rollout-db';

/** Per business: installs recommended, those active since `activeSince`, and those first seen since `since`. */
export async function recommendedInstalls(
  db: RolloutDb,
  codes: readonly string[],
  activeSince: number,
  since: number,
): Promise<Map<string, { installs: number; active: number; recent: number }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('rollout_install')
    .select(['via_unit_code'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('last_active_at', '>=', activeSince).then(1).else(0).end()).as('active'),
      eb.fn.sum<number>(eb.case().when('first_seen_at', '>=', since).then(1).else(0).end()).as('recent'),
    ])
    .where('via_unit_code', 'in', codes)
    .groupBy('via_unit_code')
    .execute();
  return new Map(
    rows.flatMap((r) =>
      r.via_unit_code === null
        ? []
        : [[r.via_unit_code, { installs: Number(r.n), active: Number(r.active), recent: Number(r.recent) }]],
    ),
  );
}
