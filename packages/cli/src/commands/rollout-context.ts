/**
 * Shared by the `bluezone rollout …` commands: opens the server's database (migrated, with the
 * Nam Đông demo data when ROLLOUT_SEED_DEMO allows and the database is empty) with the toolkit's
 * settings, and turns the server's typed errors into one-line CLI errors.
 */
import * as rollout from '@bluezone/rollout';
import { type ServerContext, ServerError } from '@bluezone/server';
import { CliError } from '../cli-error';
import type { CliIo } from '../command';
import { withDatabase } from './server';

export async function withRollout<T>(
  io: CliIo,
  fn: (ctx: ServerContext, db: rollout.RolloutDb, config: rollout.RolloutConfig) => Promise<T>,
): Promise<T> {
  try {
    const config = rollout.loadRolloutConfig(io.env);
    return await withDatabase(io, async (ctx) => {
      const db = rollout.rolloutDb(ctx.database);
      if (config.seedDemo) {
        await rollout.seedUnitsIfEmpty(db, ctx.clock);
        await rollout.seedAnnouncementsIfEmpty(db, ctx.clock);
      }
      return await fn(ctx, db, config);
    });
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
