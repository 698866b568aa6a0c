/**
 * Access as a part of the rollout feature: on a fresh demo database (embedded SQLite in `./data`,
 * ROLLOUT_SEED_DEMO on) the demo web users, one per role, two of them in Nam Đông units
 * (demo-users.ts). Its table (manager keys) came with migration 0001.
 */
import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { seedDemoUsers } from './demo-users';

export function accessFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'access',
    async start(ctx) {
      await seedDemoUsers(ctx, config);
      return undefined;
    },
  };
}
