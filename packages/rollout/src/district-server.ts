/**
 * The whole product a district runs: the key server's features and the rollout toolkit, as
 * `bluezone server` (and `npm start`) starts them. The toolkit reads its own settings
 * (ROLLOUT_*, KANNEL_*, SMS_*, ZALO_*, PUBLIC_BASE_URL; rollout-config.ts) from the same
 * environment the key server's come from.
 */
import { type Feature, KEY_SERVER_FEATURES } from '@bluezone/server';
import { loadRolloutConfig } from './rollout-config';
import { createRolloutFeature } from './rollout-feature';

export function districtServerFeatures(env: Record<string, string | undefined> = process.env): Feature[] {
  return [...KEY_SERVER_FEATURES, createRolloutFeature(loadRolloutConfig(env))];
}
