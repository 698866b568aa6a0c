/**
 * Coverage as a part of the rollout feature: apps attest their installs, and managers read
 * coverage per unit and download it as a report. Its tables came with migration 0001
 * (units/units-migrations.ts).
 */
import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { coverageRoutes } from './coverage-routes';
import { coverageTrendsRoutes } from './coverage-trends-routes';

export function coverageFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'coverage',
    routes(app, ctx) {
      coverageRoutes(app, ctx, config);
      coverageTrendsRoutes(app, ctx);
    },
  };
}
