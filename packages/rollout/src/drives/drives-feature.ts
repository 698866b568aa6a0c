/**
 * Install drives as a part of the rollout feature: their schema (migration 0012), routes, and a
 * job that erases volunteers' names and phones once their retention period is over
 * (volunteer-retention.ts), hourly.
 */
import type { BackgroundJob } from '@bluezone/server';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { drivesMigrations } from './drives-migrations';
import { drivesRoutes } from './drives-routes';
import { eraseExpiredVolunteerData } from './volunteer-retention';

const ERASE_EVERY_MS = 3_600_000;

export function drivesFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'drives',
    migrations: drivesMigrations,
    routes: (app, ctx) => drivesRoutes(app, ctx, config),
    start(ctx): BackgroundJob | undefined {
      // With the outbox worker off (ROLLOUT_WORKER_INTERVAL_SECONDS=0: tests, one-off commands)
      // no timer runs either; `bluezone rollout drives purge` erases on demand.
      if (config.workerIntervalSeconds === 0) return undefined;
      const erase = async () => {
        try {
          const erased = await eraseExpiredVolunteerData(
            rolloutDb(ctx.database),
            ctx.clock.now(),
            config.volunteerRetentionDays,
          );
          if (erased > 0) ctx.logger.info('volunteers’ names and phones erased', { volunteers: erased });
        } catch (err) {
          ctx.logger.warn('volunteer data erasure failed; next hour retries', { err });
        }
      };
      void erase();
      const timer = setInterval(erase, ERASE_EVERY_MS);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
        },
      };
    },
  };
}
