/**
 * Exports: signing keys (created on first start), the public-key endpoint, and the export
 * worker on a timer inside the server. With N processes every one runs the timer; the
 * database lease lets one of them export each time.
 */
import type { Feature } from '../feature';
import { ensureIndex } from './export-index';
import { exportMigrations } from './export-migrations';
import { exportRoutes } from './export-routes';
import { publishPublicKey, runExport } from './export-worker';
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
    const everyMs = ctx.config.exportWorkerIntervalSeconds * 1000;
    if (everyMs === 0) return undefined;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(() => runExport(ctx).catch((err) => ctx.logger.error('export run failed', { err })));
    }, everyMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  },
};
