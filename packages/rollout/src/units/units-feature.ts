/**
 * Units as a part of the rollout feature: their schema (migration 0001, which also made the
 * tables of coverage, access and posters), routes, the Nam Đông demo units on an empty database
 * (ROLLOUT_SEED_DEMO), and the key server's unit directory.
 */
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { unitDirectory } from './unit-directory';
import { unitsMigrations } from './units-migrations';
import { seedUnitsIfEmpty } from './units-repository';
import { unitsRoutes } from './units-routes';

export function unitsFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'units',
    migrations: unitsMigrations,
    provides: (ctx) => ({ units: unitDirectory(ctx.database) }),
    routes: unitsRoutes,
    async start(ctx) {
      if (!config.seedDemo) return undefined;
      const added = await seedUnitsIfEmpty(rolloutDb(ctx.database), ctx.clock);
      if (added > 0) ctx.logger.info('rollout demo units seeded (Nam Đông)', { units: added });
      return undefined;
    },
  };
}
