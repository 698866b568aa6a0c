/** Maps as a part of the rollout feature: their schema (migration 0030) and routes. */
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { mapsMigrations } from './maps-migrations';
import { mapsRoutes } from './maps-routes';

export const mapsFeature: RolloutSubFeature = {
  name: 'maps',
  migrations: mapsMigrations,
  routes: mapsRoutes,
};
