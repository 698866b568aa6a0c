/**
 * The figures a health authority watches (cf. the verification server's realm stats and the
 * key server's export metrics): codes issued and claimed per day (for the caller's realm),
 * publishes and keys per day, keys per export batch, and days from symptom onset to upload.
 */
import type { keyServerApi } from '@bluezone/protocol/api';
import type { ServerContext } from '../feature';

const DAY_MS = 86_400_000;

/** GET /api/stats's answer (the contract's, @bluezone/protocol/api key-server.ts). */
export type ServerStats = keyServerApi.ServerStats;
export type DailyCount = keyServerApi.DailyCount;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export async function computeStats(ctx: ServerContext, realm: string, days: number): Promise<ServerStats> {
  const { db } = ctx.database;
  const today = Math.floor(ctx.clock.now() / DAY_MS);
  const since = today - days + 1;
  const issued = await db
    .selectFrom('verification_code')
    .select(['issued_day as day', (eb) => eb.fn.countAll().as('count')])
    .where('realm', '=', realm)
    .where('issued_day', '>=', since)
    .groupBy('issued_day')
    .orderBy('issued_day')
    .execute();
  const claimed = await db
    .selectFrom('verification_code')
    .select(['claimed_day as day', (eb) => eb.fn.countAll().as('count')])
    .where('realm', '=', realm)
    .where('claimed_day', '>=', since)
    .groupBy('claimed_day')
    .orderBy('claimed_day')
    .execute();
  const publishes = await db
    .selectFrom('publish_log')
    .select(['day', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.sum('key_count').as('keys')])
    .where('day', '>=', since)
    .groupBy('day')
    .orderBy('day')
    .execute();
  const onset = await db
    .selectFrom('publish_log')
    .select(['onset_to_upload_days as days', (eb) => eb.fn.countAll().as('count')])
    .where('day', '>=', since)
    .where('onset_to_upload_days', 'is not', null)
    .groupBy('onset_to_upload_days')
    .orderBy('onset_to_upload_days')
    .execute();
  const exports = await db
    .selectFrom('export_batch')
    .leftJoin('export_file', 'export_file.batch_id', 'export_batch.id')
    .select([
      'export_batch.start_ts',
      'export_batch.end_ts',
      'export_batch.key_count',
      'export_batch.padding_count',
      (eb) => eb.fn.count('export_file.id').as('files'),
    ])
    .where('export_batch.region', '=', ctx.config.exportRegion)
    .where('export_batch.end_ts', '>=', since * DAY_MS)
    .groupBy([
      'export_batch.id',
      'export_batch.start_ts',
      'export_batch.end_ts',
      'export_batch.key_count',
      'export_batch.padding_count',
    ])
    .orderBy('export_batch.end_ts')
    .execute();
  return {
    days,
    codesIssued: issued.map((r) => ({ date: dateOf(Number(r.day)), count: Number(r.count) })),
    codesClaimed: claimed.map((r) => ({ date: dateOf(Number(r.day)), count: Number(r.count) })),
    publishes: publishes.map((r) => ({ date: dateOf(r.day), count: Number(r.count), keys: Number(r.keys) })),
    exports: exports.map((r) => ({
      startTimestamp: Math.floor(r.start_ts / 1000),
      endTimestamp: Math.floor(r.end_ts / 1000),
      keys: r.key_count,
      padding: r.padding_count,
      files: Number(r.files),
    })),
    onsetToUploadDays: onset.map((r) => ({ days: Number(r.days), count: Number(r.count) })),
  };
}
