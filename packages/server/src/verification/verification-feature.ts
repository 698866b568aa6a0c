/** Verification: codes issued by health staff, exchanged for a token, then a certificate. */
import type { Feature, ServerContext } from '../feature';
import { ensureFirstCertificateKey } from './certificate';
import { purgeExpiredVerification } from './purge-expired';
import { verificationMigrations } from './verification-migrations';
import { verificationRoutes } from './verification-routes';

const PURGE_EVERY_MS = 3600_000;

/**
 * Registers our own verification server's certificate key as a health authority, if not yet
 * done, so the key server accepts our certificates on a fresh deployment.
 */
export async function ensureOwnAuthority(ctx: ServerContext): Promise<void> {
  await ensureFirstCertificateKey(ctx);
}

export const verificationFeature: Feature = {
  name: 'verification',
  migrations: verificationMigrations,
  routes: verificationRoutes,
  async start(ctx) {
    await ensureOwnAuthority(ctx);
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
