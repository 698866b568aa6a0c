/** Verification: codes issued by health staff, exchanged for a token, then a certificate. */
import type { Feature } from '../feature';
import { verificationMigrations } from './migrations';
import { verificationRoutes } from './routes';

export const verificationFeature: Feature = {
  name: 'verification',
  migrations: verificationMigrations,
  routes: verificationRoutes,
};
