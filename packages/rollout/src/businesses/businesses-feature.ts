/**
 * Businesses as a part of the rollout feature: routes only. A business is a unit of kind
 * `business` (business.ts says why), so its table and migrations are the units'.
 */
import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { businessesRoutes } from './businesses-routes';

export function businessesFeature(config: RolloutConfig): RolloutSubFeature {
  return { name: 'businesses', routes: (app, ctx) => businessesRoutes(app, ctx, config) };
}
