/** The demo district as a part of the rollout feature: its ledger (migration 0050) and routes. */
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { demoMigrations } from './demo-migrations';
import { demoRoutes } from './demo-routes';

export const demoFeature: RolloutSubFeature = {
  name: 'demo',
  migrations: demoMigrations,
  routes: demoRoutes,
};
