/** Media ad time as a part of the rollout feature: its schema (migration 0041) and routes. */
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { mediaMigrations } from './media-migrations';
import { mediaRoutes } from './media-routes';

export const mediaFeature: RolloutSubFeature = {
  name: 'media',
  migrations: mediaMigrations,
  routes: mediaRoutes,
};
