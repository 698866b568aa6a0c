/**
 * Shared by the `bluezone rollout …` commands: opens the server's database (migrated, with the
 * Nam Đông demo data when ROLLOUT_SEED_DEMO allows and the database is empty) and turns the
 * server's typed errors into one-line CLI errors.
 */
import {
  loadConfig,
  openServerContext,
  rollout,
  type ServerContext,
  ServerError,
  silentLogger,
} from '@bluezone/server';
import { CliError } from '../cli-error';
import type { CliIo } from '../command';

export async function withRollout<T>(
  io: CliIo,
  fn: (ctx: ServerContext, db: rollout.RolloutDb) => Promise<T>,
): Promise<T> {
  try {
    const config = loadConfig(io.env, io.cwd);
    const ctx = await openServerContext(config, { logger: silentLogger, startJobs: false });
    try {
      const db = rollout.rolloutDb(ctx.database);
      if (config.rollout.seedDemo) {
        await rollout.seedUnitsIfEmpty(db, ctx.clock);
        await rollout.seedAnnouncementsIfEmpty(db, ctx.clock);
      }
      return await fn(ctx, db);
    } finally {
      await ctx.database.destroy();
    }
  } catch (err) {
    throw asCliError(err);
  }
}

export function asCliError(err: unknown): unknown {
  if (!(err instanceof ServerError)) return err;
  const details = err instanceof rollout.RolloutError ? err.details : undefined;
  const rows = (details as { errors?: { line: number; message: string }[] } | undefined)?.errors;
  if (rows && rows.length > 0) {
    return new CliError(
      `${rows.length} bad row(s), nothing imported:\n${rows.map((r) => `  line ${r.line}: ${r.message}`).join('\n')}`,
    );
  }
  return new CliError(err.message);
}
