/**
 * `bluezone server`: runs the key server with the district rollout toolkit until SIGINT/SIGTERM.
 * Also the shared opener for the one-shot server commands (apikey create, export run,
 * signing-key rotate): a migrated database and the server context with the same features, with
 * server errors turned into one-line CLI errors.
 */
import { districtServerFeatures } from '@bluezone/rollout';
import { loadConfig, openServerContext, runServer, type ServerContext, ServerError } from '@bluezone/server';
import { CliError } from '../cli-error';
import type { CliIo, Command } from '../command';
import { announceDatabase, schemaWatcher } from '../database-notice';
import { parseOptions } from '../options';
import { startBanner } from './server-banner';

const usage =
  'bluezone server   (configured by PORT, BLUEZONE_DATA_DIR, DATABASE_URL, … — see docs/operations/deploying.md)';

export const serverCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    try {
      const config = loadConfig(io.env, io.cwd);
      announceDatabase(io, config);
      // The whole product: the key server and the district rollout toolkit. Its logs are JSON
      // lines on stdout; what a person needs to get in goes to stderr once it listens.
      await runServer(config, { features: districtServerFeatures(io.env) }, async (running) => {
        for (const line of await startBanner(running, io)) io.stderr(line);
      });
    } catch (err) {
      throw err instanceof ServerError ? new CliError(err.message) : err;
    }
    return 0;
  },
};

/**
 * Opens the database the server would (BLUEZONE_DATA_DIR, DATABASE_URL), saying which on stderr
 * and warning when it is a new one, runs `fn` and closes it. Errors pass through as thrown.
 */
export async function withDatabase<T>(io: CliIo, fn: (ctx: ServerContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  announceDatabase(io, config);
  const watcher = schemaWatcher();
  const ctx = await openServerContext(config, {
    features: districtServerFeatures(io.env),
    logger: watcher.logger,
    startJobs: false,
  });
  if (config.databaseUrl !== '' && watcher.createdSchema()) {
    io.stderr('bluezone: warning: the PostgreSQL database was empty: created its tables');
  }
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.destroy();
  }
}

/** withDatabase for the key server's one-shot commands, with server errors as one-line CLI errors. */
export async function withServerContext<T>(io: CliIo, fn: (ctx: ServerContext) => Promise<T>): Promise<T> {
  try {
    return await withDatabase(io, fn);
  } catch (err) {
    throw err instanceof ServerError ? new CliError(err.message) : err;
  }
}
