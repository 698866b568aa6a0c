/** Office checkpoints as a part of the rollout feature: their schema (migration 0003) and routes. */
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { checkpointsMigrations } from './checkpoints-migrations';
import { checkpointsRoutes } from './checkpoints-routes';

export const checkpointsFeature: RolloutSubFeature = {
  name: 'checkpoints',
  migrations: checkpointsMigrations,
  routes: checkpointsRoutes,
};
