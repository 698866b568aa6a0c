/**
 * The health console's issued codes as a server feature (issued-codes.ts): their records' table,
 * the list and revoke routes, and an hourly purge of records past ISSUED_CODES_RETENTION_DAYS.
 * Mounted after verification, whose /api/issue writes the records.
 */
import type { Feature } from '../feature';
import { purgeIssuedCodes } from './issued-codes';
import { issuedCodesMigrations } from './issued-codes-migrations';
import { issuedCodesRoutes } from './issued-codes-routes';

const PURGE_EVERY_MS = 3600_000;

export const issuedCodesFeature: Feature = {
  name: 'issued-codes',
  migrations: issuedCodesMigrations,
  routes: issuedCodesRoutes,
  async start(ctx) {
    await purgeIssuedCodes(ctx);
    const timer = setInterval(() => {
      purgeIssuedCodes(ctx).catch((err) => ctx.logger.error('issued codes purge failed', { err }));
    }, PURGE_EVERY_MS);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
      },
    };
  },
};
