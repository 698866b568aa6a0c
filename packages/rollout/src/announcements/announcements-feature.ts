/**
 * Broadcast announcements as a part of the rollout feature: their schema (migration 0002),
 * routes, and the illustrative scripts on a demo database (ROLLOUT_SEED_DEMO).
 */
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { announcementsMigrations } from './announcements-migrations';
import { seedAnnouncementsIfEmpty } from './announcements-repository';
import { announcementsRoutes } from './announcements-routes';

export function announcementsFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'announcements',
    migrations: announcementsMigrations,
    routes: announcementsRoutes,
    async start(ctx) {
      if (!config.seedDemo) return undefined;
      const added = await seedAnnouncementsIfEmpty(rolloutDb(ctx.database), ctx.clock);
      if (added > 0) ctx.logger.info('rollout demo announcements seeded', { announcements: added });
      return undefined;
    },
  };
}
