/**
 * Posters as a part of the rollout feature: a unit's PDF and the delivery log. Their table came
 * with migration 0001 (units/units-migrations.ts).
 */
import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { postersRoutes } from './posters-routes';

export function postersFeature(config: RolloutConfig): RolloutSubFeature {
  return { name: 'posters', routes: (app, ctx) => postersRoutes(app, ctx, config) };
}
