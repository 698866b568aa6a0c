/**
 * Seeding the demo district: the Nam Đông demo units when the database has none, then the
 * activity planned over the last `days` days — refused (409) while earlier demo activity is there.
 * Used by POST /api/rollout/demo and `bluezone demo seed`.
 */
import type { demoApi } from '@bluezone/protocol/api';
import type { ServerContext } from '@bluezone/server';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { listUnits, seedUnitsIfEmpty } from '../units/units-repository';
import { planDemoActivity } from './demo-activity';
import { demoDb, demoStatus, writeDemoActivity } from './demo-repository';

export interface SeedDemoOptions {
  days: number;
  /** Multiplies every count (tests use less). */
  scale?: number;
}

export async function seedDemoDistrict(
  ctx: Pick<ServerContext, 'database' | 'clock'>,
  opts: SeedDemoOptions,
): Promise<demoApi.DemoStatus> {
  const db = demoDb(ctx.database);
  if ((await demoStatus(db)).seeded) {
    throw new RolloutError('conflict', 'demo activity is already there: clear it first (bluezone demo clear)');
  }
  const rollout = rolloutDb(ctx.database);
  await seedUnitsIfEmpty(rollout, ctx.clock);
  const now = ctx.clock.now();
  const activity = planDemoActivity(await listUnits(rollout), {
    now,
    days: opts.days,
    ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
  });
  await writeDemoActivity(db, activity, now);
  return demoStatus(db);
}
