/**
 * Coverage as a part of the rollout feature: apps attest their installs, and managers read
 * coverage per unit and download it as a report. Its tables came with migration 0001
 * (units/units-migrations.ts); 0011 (coverage-migrations.ts) parts home from who brought it in.
 */
import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { coverageMigrations } from './coverage-migrations';
import { coverageRoutes } from './coverage-routes';
import { coverageTrendsRoutes } from './coverage-trends-routes';

export function coverageFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'coverage',
    migrations: coverageMigrations,
    routes(app, ctx) {
      coverageRoutes(app, ctx, config);
      coverageTrendsRoutes(app, ctx);
    },
  };
}
