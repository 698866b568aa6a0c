/**
 * The real server app on a loopback port for tests that an outside process (Kannel) calls
 * back. Unlike startServer's graceful stop, teardown drops every connection at once: smsbox
 * keeps HTTP connections open for delivery reports, and a graceful close would wait for them.
 */
import type { AddressInfo } from 'node:net';
import {
  type BackgroundJob,
  type Clock,
  createApp,
  type Database,
  openServerContext,
  type ServerConfig,
  type ServerContext,
  silentLogger,
} from '@bluezone/server';
import { serve } from '@hono/node-server';
import { districtServerFeatures } from '../../src/district-server';
import { ROLLOUT_FEATURE_NAME } from '../../src/rollout-feature';

export interface TestHttpServer {
  url: string;
  context: ServerContext;
  stop(): Promise<void>;
}

export async function startTestHttpServer(
  config: ServerConfig,
  options: {
    database: Database;
    clock?: Clock;
    port?: number;
    /** Run the rollout feature's start (its outbox timer); other features' jobs never run here. */
    rolloutJob?: boolean;
    /** The rollout toolkit's settings (ROLLOUT_*, KANNEL_*, …), as `bluezone server` reads them. */
    env?: Record<string, string>;
  },
): Promise<TestHttpServer> {
  const features = districtServerFeatures(options.env ?? {});
  const context = await openServerContext(config, {
    features,
    database: options.database,
    logger: silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const rollout = features.find((f) => f.name === ROLLOUT_FEATURE_NAME);
  const job: BackgroundJob | undefined = options.rolloutJob ? await rollout?.start?.(context) : undefined;
  const app = createApp(context, features);
  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    async stop() {
      await job?.stop();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await context.database.destroy();
    },
  };
}
