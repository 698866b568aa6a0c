/**
 * The real server app on a loopback port for tests that an outside process (Kannel) calls
 * back. Unlike startServer's graceful stop, teardown drops every connection at once: smsbox
 * keeps HTTP connections open for delivery reports, and a graceful close would wait for them.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Clock } from '../../src/clock';
import type { ServerConfig } from '../../src/config';
import type { Database } from '../../src/database/database';
import type { BackgroundJob, ServerContext } from '../../src/feature';
import { FEATURES } from '../../src/features';
import { createApp } from '../../src/http/app';
import { silentLogger } from '../../src/logging';
import { rolloutFeature } from '../../src/rollout/feature';
import { openServerContext } from '../../src/server';

export interface TestHttpServer {
  url: string;
  context: ServerContext;
  stop(): Promise<void>;
}

export async function startTestHttpServer(
  config: ServerConfig,
  options: { database: Database; clock?: Clock; port?: number; rolloutJob?: boolean },
): Promise<TestHttpServer> {
  const context = await openServerContext(config, {
    database: options.database,
    logger: silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const job: BackgroundJob | undefined = options.rolloutJob ? await rolloutFeature.start?.(context) : undefined;
  const app = createApp(context, FEATURES);
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
