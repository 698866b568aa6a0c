/** Verification: codes issued by health staff, exchanged for a token, then a certificate. */
import type { Feature } from '../feature';
import { verificationMigrations } from './migrations';
import { purgeExpiredVerification } from './purge-expired';
import { verificationRoutes } from './routes';

const PURGE_EVERY_MS = 3600_000;

export const verificationFeature: Feature = {
  name: 'verification',
  migrations: verificationMigrations,
  routes: verificationRoutes,
  start(ctx) {
    const timer = setInterval(() => {
      purgeExpiredVerification(ctx).catch((err) => ctx.logger.error('verification purge failed', { err }));
    }, PURGE_EVERY_MS);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
      },
    };
  },
};
