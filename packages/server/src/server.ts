/**
 * Builds the server from its config and the features it is given: database (migrated), secrets,
 * blob store, the features' services, routes and jobs, HTTP.
 * `startServer` returns a handle to stop it; `runServer` is what `bluezone server` calls:
 * it also stops gracefully on SIGINT/SIGTERM (stop accepting, finish in-flight requests,
 * stop background jobs, close the pool).
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { BlobStore } from './blobs/blob-store';
import { DatabaseBlobStore } from './blobs/database-blob-store';
import { LocalFolderBlobStore } from './blobs/local-folder-blob-store';
import { type Clock, cryptoRandom, type Random, systemClock } from './clock';
import type { ServerConfig } from './config';
import { type Database, openDatabase } from './database/database';
import { describeDatabaseUrl, isDatabaseUnavailable, unavailableReason } from './database/database-unavailable';
import { migrateToLatest } from './database/migrator';
import type { BackgroundJob, Feature, ServerContext } from './feature';
import { createApp } from './http/app';
import type { AppEnv } from './http/app-env';
import { ServerError } from './http/server-error';
import { createLogger, type Logger } from './logging';
import { loadSecretBox } from './secrets/secret-box';
import { ServerSecrets } from './secrets/server-secrets';
import type { SmsSender } from './sms/sms-sender';

/** How long in-flight requests may take to finish at shutdown before connections are cut. */
const SHUTDOWN_GRACE_MS = 5_000;
export interface ServerOptions {
  /**
   * What the server runs, in order: the key server's KEY_SERVER_FEATURES (features.ts), or the
   * whole product from @bluezone/rollout's districtServerFeatures().
   */
  features: readonly Feature[];
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  blobs?: BlobStore;
  /** Replaces the SMS sender any feature provides (tests). */
  sms?: SmsSender;
  /** Open this database instead of the one the config names (tests). */
  database?: Database;
  /** Skip features' background jobs (CLI one-shot commands, tests driving workers by hand). */
  startJobs?: boolean;
}

/**
 * A database that cannot be used at start is an operator's problem to fix (a wrong URL, a
 * server down, a refused login): one line saying where and why, not a stack. Where: host, port
 * and database only, never the URL's password.
 */
function startFailure(config: ServerConfig, database: Database, err: unknown): ServerError {
  const where =
    database.dialect === 'postgres'
      ? `the PostgreSQL database at ${describeDatabaseUrl(config.databaseUrl)}`
      : `the SQLite database in ${config.dataDir}`;
  const verb = isDatabaseUnavailable(err) ? 'cannot reach' : 'cannot use';
  return new ServerError('database_unavailable', 503, `${verb} ${where}: ${unavailableReason(err)}`, { cause: err });
}

/**
 * EXPORT_STORE=database on a deployment that kept its exports in EXPORT_DIR until now: the files
 * are copied into the database once, while it holds none, so index.txt never lists a file the
 * new store lacks. (After that the folder is not read again.)
 */
async function adoptExportFolder(database: DatabaseBlobStore, folder: LocalFolderBlobStore, logger: Logger) {
  if ((await database.list('')).length > 0) return;
  const paths = await folder.list('');
  for (const path of paths) {
    const bytes = await folder.get(path);
    if (bytes) await database.putNew(path, bytes, 'application/octet-stream');
  }
  if (paths.length > 0) logger.info('export files copied from EXPORT_DIR into the database', { files: paths.length });
}

/** The store export files go to and are served from (EXPORT_STORE). */
async function openBlobStore(config: ServerConfig, database: Database, clock: Clock, logger: Logger) {
  const folder = new LocalFolderBlobStore(config.exportDir);
  if (config.exportStore === 'folder') return folder;
  const store = new DatabaseBlobStore(database, clock);
  await adoptExportFolder(store, folder, logger);
  return store;
}

/**
 * A migrated database and the context features run in, without HTTP (CLI commands use this).
 * `walCheckpoint` is 'background' for a long-running server (database/sqlite-checkpointer.ts).
 */
export async function openServerContext(
  config: ServerConfig,
  options: ServerOptions,
  walCheckpoint: 'auto' | 'background' = 'auto',
): Promise<ServerContext> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ??
    openDatabase({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'bluezone.sqlite'),
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutSeconds * 1000,
      walCheckpoint,
      // After start a lost connection is replaced on next use; the line says it happened.
      onConnectionError: (err) => logger.warn('database connection lost', { reason: unavailableReason(err) }),
    });
  let blobs: BlobStore;
  try {
    try {
      await sql`select 1`.execute(database.db);
    } catch (err) {
      throw startFailure(config, database, err);
    }
    const applied = await migrateToLatest(database, options.features);
    if (applied.length > 0) logger.info('migrations applied', { migrations: applied });
    blobs = options.blobs ?? (await openBlobStore(config, database, clock, logger));
  } catch (err) {
    await database.destroy();
    throw isDatabaseUnavailable(err) && !(err instanceof ServerError) ? startFailure(config, database, err) : err;
  }
  const secretBox = loadSecretBox(config.keyEncryptionKey, config.dataDir);
  const ctx: ServerContext = {
    config,
    database,
    clock,
    random: options.random ?? cryptoRandom,
    logger,
    blobs,
    secrets: new ServerSecrets(database, secretBox, clock),
    secretBox,
    sms: undefined,
    units: undefined,
  };
  for (const feature of options.features) Object.assign(ctx, feature.provides?.(ctx));
  if (options.sms) ctx.sms = options.sms;
  return ctx;
}

export interface RunningServer {
  url: string;
  port: number;
  app: Hono<AppEnv>;
  context: ServerContext;
  stop(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: ServerOptions): Promise<RunningServer> {
  const { features } = options;
  const ctx = await openServerContext(config, options, 'background');
  const jobs: BackgroundJob[] = [];
  if (options.startJobs !== false) {
    try {
      for (const feature of features) {
        const job = await feature.start?.(ctx);
        if (job) jobs.push(job);
      }
    } catch (err) {
      for (const job of jobs) await job.stop();
      await ctx.database.destroy();
      throw isDatabaseUnavailable(err) && !(err instanceof ServerError) ? startFailure(config, ctx.database, err) : err;
    }
  }
  const app = createApp(ctx, features);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  // Longer than load balancers' idle timeouts (60 s on common ones), so the server never
  // closes a kept-alive connection the balancer is about to reuse (a reset request).
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  ctx.logger.info('server listening', { port, database: ctx.database.dialect });
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    context: ctx,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          // A client that keeps re-using its kept-alive connection (Kannel's smsbox posting
          // delivery reports) would hold close() open; after the grace period it is cut.
          const force = setTimeout(() => {
            if ('closeAllConnections' in server) server.closeAllConnections();
          }, SHUTDOWN_GRACE_MS);
          force.unref();
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        for (const job of jobs) await job.stop();
        await ctx.database.destroy();
        ctx.logger.info('server stopped');
      })();
      return stopping;
    },
  };
}

/**
 * Starts the server and stops it on SIGINT/SIGTERM; resolves once it has stopped. `onStarted`
 * runs once it listens (`bluezone server` prints where to open it and how to sign in).
 */
export async function runServer(
  config: ServerConfig,
  options: ServerOptions,
  onStarted?: (running: RunningServer) => Promise<void> | void,
): Promise<void> {
  const running = await startServer(config, options);
  await onStarted?.(running);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      running.context.logger.info('shutting down', { signal });
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      running.stop().then(resolve, resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
