/** Storage of door-to-door poster deliveries. */
import type { postersApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';

export type PosterDelivery = postersApi.PosterDelivery;

export async function recordPosterDelivery(
  db: RolloutDb,
  clock: Clock,
  delivery: { unitCode: string; household: string | null; posters: number; deliveredBy: string },
): Promise<number> {
  const row = await db
    .insertInto('rollout_poster_delivery')
    .values({
      unit_code: delivery.unitCode,
      household: delivery.household,
      posters: delivery.posters,
      delivered_by: delivery.deliveredBy,
      delivered_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Deliveries to any of `unitCodes`, oldest first. */
export async function listPosterDeliveries(db: RolloutDb, unitCodes: readonly string[]): Promise<PosterDelivery[]> {
  const rows = await db
    .selectFrom('rollout_poster_delivery')
    .selectAll()
    .where('unit_code', 'in', unitCodes)
    .orderBy('delivered_at')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    unitCode: r.unit_code,
    household: r.household,
    posters: Number(r.posters),
    deliveredBy: r.delivered_by,
    deliveredAt: new Date(Number(r.delivered_at)).toISOString(),
  }));
}
