/**
 * The key server's features, in order. A new key-server capability adds its folder and one line
 * here; another product (the district rollout toolkit, @bluezone/rollout) appends its own
 * features to this list in the program that starts the server.
 */
import { accountsFeature } from './accounts/accounts-feature';
import { apiKeysFeature } from './apikeys/apikeys-feature';
import { authoritiesFeature } from './authorities/authorities-feature';
import { configurationFeature } from './configuration/configuration-feature';
import { coreMigrations } from './database/core-migrations';
import { exportFeature } from './export/export-feature';
import type { Feature } from './feature';
import { publishFeature } from './publish/publish-feature';
import { rateLimitFeature } from './ratelimit/ratelimit-feature';
import { siteFeature } from './site/site-feature';
import { statsFeature } from './stats/stats-feature';
import { issuedCodesFeature } from './verification/issued-codes-feature';
import { verificationFeature } from './verification/verification-feature';

export const coreFeature: Feature = { name: 'core', migrations: coreMigrations };

export const KEY_SERVER_FEATURES: readonly Feature[] = [
  coreFeature,
  rateLimitFeature,
  apiKeysFeature,
  // Before the features it authenticates for: its session middleware must run first.
  accountsFeature,
  verificationFeature,
  issuedCodesFeature,
  authoritiesFeature,
  publishFeature,
  exportFeature,
  // After export: its signing keys sign the document.
  configurationFeature,
  statsFeature,
  siteFeature,
];
