/**
 * Exports: signing keys (created on first start), the public-key endpoint, and the export
 * worker inside the server. With N processes one at a time is the export worker (a database
 * lease, export-worker.ts startExportWorker); the others take over if it dies.
 */
import type { Feature } from '../feature';
import { ensureIndex } from './export-index';
import { exportMigrations } from './export-migrations';
import { exportRoutes } from './export-routes';
import { publishPublicKey, startExportWorker } from './export-worker';
import { ensureSigningKey } from './signing-keys';

export const exportFeature: Feature = {
  name: 'export',
  migrations: exportMigrations,
  routes: exportRoutes,
  async start(ctx) {
    await ensureSigningKey(ctx);
    // Apps can fetch the public key, and an empty index.txt (not a 404 their checks would
    // report as a failure), before the first export exists.
    await publishPublicKey(ctx, ctx.config.exportRegion);
    await ensureIndex(ctx, ctx.config.exportRegion);
    return startExportWorker(ctx);
  },
};
