// The key server opened in process on the data directory a CLI test's commands wrote, and
// fresh keys to publish to it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { dayStartInterval, INTERVAL_SECONDS, toBase64 } from '@bluezone/protocol';
import { districtServerFeatures } from '@bluezone/rollout';
import { createApp, loadConfig, openServerContext, type ServerContext, silentLogger } from '@bluezone/server';

/** Runs `fn` with a server context and its app on `dir/data`, closing the database after. */
export async function withDataDirServer<T>(
  dir: string,
  fn: (ctx: ServerContext, app: ReturnType<typeof createApp>) => Promise<T>,
): Promise<T> {
  // The features `bluezone server` runs, so the commands' migrations are all known.
  const features = districtServerFeatures({});
  const ctx = await openServerContext(loadConfig({ BLUEZONE_DATA_DIR: join(dir, 'data') }, dir), {
    features,
    logger: silentLogger,
  });
  try {
    return await fn(ctx, createApp(ctx, features));
  } finally {
    await ctx.database.destroy();
  }
}

/** Yesterday's and the day before's keys, as /v1/publish takes them. */
export function recentPublishKeys() {
  const today = dayStartInterval(Math.floor(Date.now() / 1000 / INTERVAL_SECONDS));
  return [1, 2].map((d) => ({
    key: toBase64(randomBytes(16)),
    rollingStartNumber: today - d * 144,
    rollingPeriod: 144,
    transmissionRisk: 0,
  }));
}
