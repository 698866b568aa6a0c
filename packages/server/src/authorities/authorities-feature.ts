/**
 * Health authorities: the allow-list of `healthAuthorityID`s publish accepts and the keys
 * their certificates are verified with. Our own verification server registers its key as one
 * when it starts (verification/verification-feature.ts), so our apps work with no setup.
 */
import type { Feature } from '../feature';
import { authorityMigrations } from './authorities-migrations';

export const authoritiesFeature: Feature = { name: 'authorities', migrations: authorityMigrations };
