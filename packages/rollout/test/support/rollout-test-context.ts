/**
 * The toolkit's tests run the whole product (the key server's features and the rollout
 * feature, as `bluezone server` does) on the shared test database, with its settings read from
 * the same environment as the key server's.
 */
import type { Dialect, Feature } from '@bluezone/server';
import { createTestContext, type TestContext } from '@bluezone/test-support/server';
import { districtServerFeatures } from '../../src/district-server';
import { loadRolloutConfig, type RolloutConfig } from '../../src/rollout-config';
import { type RolloutDb, rolloutDb } from '../../src/rollout-db';

export interface RolloutTestContext extends TestContext {
  /** What the server runs: pass these to createApp. */
  features: Feature[];
  rollout: RolloutConfig;
  db: RolloutDb;
}

export async function createRolloutTestContext(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<RolloutTestContext> {
  const features = districtServerFeatures(env);
  const t = await createTestContext(dialect, env, { features });
  return { ...t, features, rollout: loadRolloutConfig(env), db: rolloutDb(t.ctx.database) };
}
