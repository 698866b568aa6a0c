/**
 * `bluezone server`: runs the key server with the district rollout toolkit until SIGINT/SIGTERM.
 * Also the shared opener for the one-shot server commands (apikey create, export run,
 * signing-key rotate): a migrated database and the server context with the same features, with
 * server errors turned into one-line CLI errors.
 */
import { districtServerFeatures } from '@bluezone/rollout';
import {
  loadConfig,
  openServerContext,
  runServer,
  type ServerContext,
  ServerError,
  silentLogger,
} from '@bluezone/server';
import { CliError } from '../cli-error';
import type { CliIo, Command } from '../command';
import { parseOptions } from '../options';

const usage = 'bluezone server   (configured by PORT, BLUEZONE_DATA_DIR, DATABASE_URL, … — see README)';

export const serverCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    try {
      // The whole product: the key server and the district rollout toolkit.
      await runServer(loadConfig(io.env, io.cwd), { features: districtServerFeatures(io.env) });
    } catch (err) {
      throw err instanceof ServerError ? new CliError(err.message) : err;
    }
    return 0;
  },
};

export async function withServerContext<T>(io: CliIo, fn: (ctx: ServerContext) => Promise<T>): Promise<T> {
  try {
    const ctx = await openServerContext(loadConfig(io.env, io.cwd), {
      features: districtServerFeatures(io.env),
      logger: silentLogger,
      startJobs: false,
    });
    try {
      return await fn(ctx);
    } finally {
      await ctx.database.destroy();
    }
  } catch (err) {
    throw err instanceof ServerError ? new CliError(err.message) : err;
  }
}
