/**
 * The features this server runs, in order. A new capability adds its folder and one line here
 * (or is passed to `startServer({ features })` by an embedding program).
 */
import { accountsFeature } from './accounts/feature';
import { apiKeysFeature } from './apikeys/feature';
import { authoritiesFeature } from './authorities/feature';
import { coreMigrations } from './database/core-migrations';
import { exportFeature } from './export/feature';
import type { Feature } from './feature';
import { publishFeature } from './publish/feature';
import { rateLimitFeature } from './ratelimit/feature';
import { rolloutFeature } from './rollout/feature';
import { statsFeature } from './stats/feature';
import { verificationFeature } from './verification/feature';

export const coreFeature: Feature = { name: 'core', migrations: coreMigrations };

export const FEATURES: Feature[] = [
  coreFeature,
  rateLimitFeature,
  apiKeysFeature,
  // Before the features it authenticates for: its session middleware must run first.
  accountsFeature,
  verificationFeature,
  authoritiesFeature,
  publishFeature,
  exportFeature,
  statsFeature,
  rolloutFeature,
];
