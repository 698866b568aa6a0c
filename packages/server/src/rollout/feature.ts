/** The district rollout toolkit as a server feature: its migrations, routes and outbox worker. */
import type { Feature } from '../feature';
import { seedAnnouncementsIfEmpty } from './announcement';
import { announcementRoutes } from './announcement-routes';
import { checkpointRoutes } from './checkpoint-routes';
import { coverageRoutes } from './coverage-routes';
import { messagingRoutes } from './messaging-routes';
import { startOutboxJob } from './outbox-job';
import { rolloutMigrations } from './rollout-migrations';
import { rolloutDb, seedUnitsIfEmpty } from './unit-repository';
import { unitRoutes } from './unit-routes';

export const rolloutFeature: Feature = {
  name: 'rollout',
  migrations: rolloutMigrations,
  routes(app, ctx) {
    coverageRoutes(app, ctx);
    checkpointRoutes(app, ctx);
    messagingRoutes(app, ctx);
    announcementRoutes(app, ctx);
    unitRoutes(app, ctx);
  },
  async start(ctx) {
    if (ctx.config.rollout.seedDemo) {
      const db = rolloutDb(ctx.database);
      const added = await seedUnitsIfEmpty(db, ctx.clock);
      const scripts = await seedAnnouncementsIfEmpty(db, ctx.clock);
      if (added > 0) ctx.logger.info('rollout demo data seeded (Nam Đông)', { units: added, announcements: scripts });
    }
    return startOutboxJob(ctx);
  },
};
