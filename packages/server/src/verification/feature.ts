/** Verification: codes issued by health staff, exchanged for a token, then a certificate. */
import type { Feature } from '../feature';
import { verificationMigrations } from './migrations';

export const verificationFeature: Feature = {
  name: 'verification',
  migrations: verificationMigrations,
};
