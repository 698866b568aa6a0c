/**
 * One export run: cut the closed window since the last batch into signed, padded zip files.
 *
 * Crash safety (nothing lost, nothing half-published):
 * 1. zips are written through the blob store, each atomically (temp + rename / one PUT);
 * 2. only then one transaction records the batch, marks its keys exported and takes them off
 *    the export queue (publish/export-queue.ts) — if the run dies before, they stay queued and
 *    the next run includes them;
 * 3. only then is index.txt rewritten from the database, so it never names an uncommitted
 *    file. Zips orphaned by a crash between 1 and 2 are deleted by the next run's sweep.
 * A database lease makes the run a singleton across N server processes, and fences it: the run
 * renews it while it works, writes no zip once it can no longer count on it, never replaces a
 * zip that exists (BlobStore.putNew), and commits only while it still holds it. So a run that
 * lost its lease (its process paused, its connection cut) cannot publish over the run that
 * took the lease after it.
 *
 * startExportWorker is the in-server job: one process of a deployment at a time holds the
 * export worker's own lease and runs the export every EXPORT_WORKER_INTERVAL_SECONDS; the others
 * stand by and one takes over within EXPORT_LEASE_SECONDS if it dies.
 */
import { randomUUID } from 'node:crypto';
import {
  createExportZip,
  type DiagnosisKey,
  type ExportSigner,
  INTERVAL_SECONDS,
  sortUniqueByKeyData,
  splitExportBatch,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import type { QueryCreator } from 'kysely';
import { isDatabaseUnavailable, unavailableReason } from '../database/database-unavailable';
import { LeaseHeartbeat, leaseHolderName, leaseStillHeld, releaseLease, tryAcquireLease } from '../database/lease';
import type { BackgroundJob, ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import {
  type ExportQueueTables,
  exportQueueDb,
  QUEUED_KEY,
  QUEUED_REVISION,
  type QueueKind,
} from '../publish/export-queue';
import { ensureIndex, listedExportFiles, writeIndex } from './export-index';
import { paddingKeys } from './export-padding';
import { activeSigners, listSigningKeys } from './signing-keys';

const DAY_MS = 86_400_000;

/** The lease a run holds (with `bluezone export run`, whichever process runs it). */
export const exportRunLease = (region: string) => `export:${region}`;
/** The lease that makes one server process the export worker. */
export const exportWorkerLease = (region: string) => `export-worker:${region}`;

export interface ExportRunOptions {
  /** Close the current window now instead of waiting for its end (`bluezone export run --now`). */
  closeNow?: boolean;
  /** Lease holder name; a fresh one per run by default. */
  holder?: string;
}

export interface ExportedBatch {
  startTimestamp: number;
  endTimestamp: number;
  files: string[];
  keyCount: number;
  revisedCount: number;
  paddingCount: number;
  /** Where the run's time went, in milliseconds. */
  timings: { readMs: number; signMs: number; commitMs: number };
}

export interface ExportRunResult {
  status: 'exported' | 'no_closed_window' | 'lease_held';
  batch?: ExportedBatch;
  deletedKeys: number;
  deletedFiles: number;
}

export function publicKeyPath(region: string): string {
  return `${region}/public-key.pem`;
}

function fileName(region: string, start: number, end: number, num: number): string {
  return `${region}/${start}-${end}-${String(num).padStart(5, '0')}.zip`;
}

interface KeyRow {
  key: string;
  transmission_risk: number;
  rolling_start: number;
  rolling_period: number;
  report_type: number;
  days_since_onset: number | null;
}

function toDiagnosisKey(row: KeyRow): DiagnosisKey {
  const raw = Buffer.from(row.key, 'base64');
  return {
    keyData: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
    rollingStartIntervalNumber: row.rolling_start,
    rollingPeriod: row.rolling_period,
    transmissionRiskLevel: row.transmission_risk,
    reportType: row.report_type,
    daysSinceOnsetOfSymptoms: row.days_since_onset ?? undefined,
  };
}

/** Thrown when a run can no longer count on its lease; it stops, and the lease's new holder does the work. */
function leaseLost(): ServerError {
  return new ServerError('conflict', 409, 'the export lease was lost during the run; its new holder exports');
}

export async function runExport(ctx: ServerContext, options: ExportRunOptions = {}): Promise<ExportRunResult> {
  const region = ctx.config.exportRegion;
  const holder = options.holder ?? randomUUID();
  const lease = exportRunLease(region);
  const leaseMs = ctx.config.exportLeaseSeconds * 1000;
  const now = ctx.clock.now();
  if (!(await tryAcquireLease(ctx.database, lease, holder, now, leaseMs))) {
    return { status: 'lease_held', deletedKeys: 0, deletedFiles: 0 };
  }
  const heartbeat = new LeaseHeartbeat(ctx.database, ctx.clock, lease, holder, leaseMs, now);
  try {
    const signers = await activeSigners(ctx);
    await publishPublicKey(ctx, region);
    await sweepOrphans(ctx, region);
    const retention = await applyRetention(ctx, region, now);
    const batch = await exportWindow(ctx, region, signers, now, options.closeNow ?? false, heartbeat);
    await writeIndex(ctx, region);
    for (const path of retention.paths) await ctx.blobs.delete(path);
    ctx.logger.info('export run', {
      region,
      files: batch?.files.length ?? 0,
      exportedKeys: batch?.keyCount ?? 0,
      paddingCount: batch?.paddingCount ?? 0,
      deletedKeys: retention.keys,
    });
    return {
      status: batch ? 'exported' : 'no_closed_window',
      ...(batch ? { batch } : {}),
      deletedKeys: retention.keys,
      deletedFiles: retention.paths.length,
    };
  } finally {
    await heartbeat.stop();
    // Best effort: if the database is unreachable now, the lease simply lapses.
    await releaseLease(ctx.database, lease, holder).catch(() => {});
  }
}

async function exportWindow(
  ctx: ServerContext,
  region: string,
  signers: ExportSigner[],
  now: number,
  closeNow: boolean,
  heartbeat: LeaseHeartbeat,
): Promise<ExportedBatch | undefined> {
  const { db } = ctx.database;
  const { config } = ctx;
  const period = config.exportPeriodSeconds * 1000;
  const last = await db
    .selectFrom('export_batch')
    .select((eb) => eb.fn.max('end_ts').as('end'))
    .where('region', '=', region)
    .executeTakeFirst();
  const end = closeNow ? now : Math.floor(now / period) * period;
  const lastEnd = last?.end == null ? undefined : Number(last.end);
  const start = lastEnd ?? end - period;
  if (end <= start) return undefined;

  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
  // Every queued key due before the window's end, however late its publish committed.
  const queued = (kind: QueueKind) => queuedBefore(exportQueueDb(ctx.database), region, kind, end);
  const columns = ['key', 'transmission_risk', 'rolling_start', 'rolling_period'] as const;
  const keyRows = await db
    .selectFrom('exposure')
    .select([...columns, 'report_type', 'days_since_onset'])
    .where('id', 'in', queued(QUEUED_KEY))
    .execute();
  const revisedRows = await db
    .selectFrom('exposure')
    .select([...columns, 'revised_report_type as report_type', 'revised_days_since_onset as days_since_onset'])
    .where('id', 'in', queued(QUEUED_REVISION))
    .execute();

  const real = keyRows.map((r) => toDiagnosisKey(r as KeyRow));
  const revised = revisedRows.map((r) => toDiagnosisKey(r as KeyRow));
  const readMs = lap();
  const nowInterval = Math.floor(now / 1000 / INTERVAL_SECONDS);
  const padding = paddingKeys(ctx.random, real, config.exportMinRecords, config.exportPaddingJitter, nowInterval);
  // Each key once, however many rows hold it (publish/publish-migrations.ts 0005).
  const all = sortUniqueByKeyData(real.length === 0 ? padding : real.concat(padding));
  const startTs = Math.floor(start / 1000);
  const endTs = Math.floor(end / 1000);
  const parts = splitExportBatch(
    {
      startTimestamp: startTs,
      endTimestamp: endTs,
      region,
      batchNum: 1,
      batchSize: 1,
      keys: all,
      revisedKeys: revised,
    },
    Math.max(1, config.exportFileMaxRecords),
  );
  const batchSize = parts.length;
  const files: { path: string; batchNum: number; count: number }[] = [];
  for (const part of parts) {
    const path = fileName(region, startTs, endTs, part.batchNum);
    const zip = createExportZip(nodeBackend, part, signers);
    if (!heartbeat.valid()) throw leaseLost();
    if (ctx.blobs.putNew) {
      // Something there already: another run wrote it (the sweep removed every unlisted zip).
      if (!(await ctx.blobs.putNew(path, zip, 'application/zip'))) throw leaseLost();
    } else {
      await ctx.blobs.put(path, zip, 'application/zip');
    }
    files.push({ path, batchNum: part.batchNum, count: part.keys.length + (part.revisedKeys?.length ?? 0) });
  }

  const signMs = lap();
  await db.transaction().execute(async (trx) => {
    if (!(await leaseStillHeld(trx, heartbeat.name, heartbeat.holder, ctx.clock.now()))) throw leaseLost();
    const batch = await trx
      .insertInto('export_batch')
      .values({
        region,
        start_ts: start,
        end_ts: end,
        key_count: real.length,
        padding_count: padding.length,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batchId = Number(batch.id);
    await trx
      .insertInto('export_file')
      .values(
        files.map((f) => ({
          batch_id: batchId,
          region,
          path: f.path,
          batch_num: f.batchNum,
          batch_size: batchSize,
          key_count: f.count,
          created_at: now,
        })),
      )
      .execute();
    const trxQueue = trx as unknown as QueryCreator<ExportQueueTables>;
    await trx
      .updateTable('exposure')
      .set({ export_batch_id: batchId })
      .where('id', 'in', queuedBefore(trxQueue, region, QUEUED_KEY, end))
      .execute();
    await trx
      .updateTable('exposure')
      .set({ revised_export_batch_id: batchId })
      .where('id', 'in', queuedBefore(trxQueue, region, QUEUED_REVISION, end))
      .execute();
    const dequeue = async (kind: QueueKind) =>
      Number(
        (
          await trxQueue
            .deleteFrom('export_queue')
            .where('region', '=', region)
            .where('kind', '=', kind)
            .where('due_at', '<', end)
            .executeTakeFirst()
        ).numDeletedRows,
      );
    // A publish that committed after the read, due before `end`, was queued after the files
    // were written: they would not hold exactly what is dequeued. Roll back; the next run
    // redoes it.
    if ((await dequeue(QUEUED_KEY)) !== real.length || (await dequeue(QUEUED_REVISION)) !== revised.length) {
      throw new ServerError('conflict', 409, 'keys changed during the export run; it will be retried');
    }
  });
  return {
    startTimestamp: startTs,
    endTimestamp: endTs,
    files: files.map((f) => f.path),
    keyCount: real.length,
    revisedCount: revised.length,
    paddingCount: padding.length,
    timings: { readMs, signMs, commitMs: lap() },
  };
}

/** Ids of the exposures queued as `kind` in `region` and due before `end`. */
function queuedBefore(queue: QueryCreator<ExportQueueTables>, region: string, kind: QueueKind, end: number) {
  return queue
    .selectFrom('export_queue')
    .select('exposure_id')
    .where('region', '=', region)
    .where('kind', '=', kind)
    .where('due_at', '<', end);
}

/** Writes the newest signing key's public half to `<region>/public-key.pem`. */
export async function publishPublicKey(ctx: ServerContext, region: string): Promise<void> {
  const keys = await listSigningKeys(ctx);
  const newest = keys[keys.length - 1];
  if (newest)
    await ctx.blobs.put(publicKeyPath(region), new TextEncoder().encode(newest.publicKeyPem), 'application/x-pem-file');
}

/** Deletes zips no committed batch lists: leftovers of a run that died before its commit. */
async function sweepOrphans(ctx: ServerContext, region: string): Promise<void> {
  const listed = new Set(await listedExportFiles(ctx, region));
  for (const path of await ctx.blobs.list(region)) {
    if (path.endsWith('.zip') && !listed.has(path)) await ctx.blobs.delete(path);
  }
  // Make sure the index matches the database even if a previous run died before rewriting it.
  await ensureIndex(ctx, region);
}

/** Deletes keys and batches older than the retention; returns the files to delete after the index. */
async function applyRetention(
  ctx: ServerContext,
  region: string,
  now: number,
): Promise<{ keys: number; paths: string[] }> {
  const cutoff = now - ctx.config.keyRetentionDays * DAY_MS;
  const { db } = ctx.database;
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('exposure')
      .where('region', '=', region)
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    const old = await trx
      .selectFrom('export_batch')
      .select('id')
      .where('region', '=', region)
      .where('end_ts', '<', cutoff)
      .execute();
    let paths: string[] = [];
    if (old.length > 0) {
      const ids = old.map((b) => b.id);
      paths = (await trx.selectFrom('export_file').select('path').where('batch_id', 'in', ids).execute()).map(
        (r) => r.path,
      );
      await trx.deleteFrom('export_file').where('batch_id', 'in', ids).execute();
      await trx.deleteFrom('export_batch').where('id', 'in', ids).execute();
    }
    return { keys: Number(deleted.numDeletedRows), paths };
  });
}

export interface ExportWorkerJob extends BackgroundJob {
  /** This process's name in the lease table (host:pid:random). */
  readonly holder: string;
  /** Whether this process is the export worker now. */
  isExporter(): boolean;
}

/**
 * The export worker inside a server process. Every process runs this; the one holding the
 * export worker's lease (renewed every third of EXPORT_LEASE_SECONDS) runs the export every
 * EXPORT_WORKER_INTERVAL_SECONDS, the others only check the lease. A lost database connection
 * costs a failed renewal or run (logged in one line); the job keeps its timer and goes on when
 * the database is back. Stopping releases the lease, so another process takes over at once.
 */
export function startExportWorker(ctx: ServerContext): ExportWorkerJob | undefined {
  const everyMs = ctx.config.exportWorkerIntervalSeconds * 1000;
  if (everyMs === 0) return undefined;
  const leaseMs = ctx.config.exportLeaseSeconds * 1000;
  const lease = exportWorkerLease(ctx.config.exportRegion);
  const holder = leaseHolderName();
  const log = ctx.logger.child({ job: 'export-worker' });
  let heldUntil = 0;
  // The first run comes one interval after start, as it always has.
  let lastRunAt = ctx.clock.now();
  let ticking: Promise<void> | undefined;
  let running: Promise<void> | undefined;
  const failed = (what: string, err: unknown) =>
    isDatabaseUnavailable(err)
      ? log.warn(`${what} failed: database unavailable`, { reason: unavailableReason(err) })
      : log.error(`${what} failed`, { err });
  const exporting = () => ctx.clock.now() < heldUntil - leaseMs / 3;

  const tick = async () => {
    const now = ctx.clock.now();
    const was = exporting();
    try {
      if (await tryAcquireLease(ctx.database, lease, holder, now, leaseMs)) heldUntil = now + leaseMs;
      else heldUntil = 0;
    } catch (err) {
      failed('export worker lease renewal', err); // still ours until heldUntil
    }
    if (exporting() !== was)
      log.info(exporting() ? 'export worker lease taken' : 'export worker lease lost', { holder });
    if (exporting() && !running && now - lastRunAt >= everyMs) {
      lastRunAt = now;
      running = runExport(ctx, { holder })
        .then(
          (result) => {
            if (result.status === 'lease_held') log.info('export run skipped: another run holds its lease');
          },
          (err) => {
            failed('export run', err);
            // The database was away: try again at the next check, not a whole interval later.
            if (isDatabaseUnavailable(err)) lastRunAt = now - everyMs;
          },
        )
        .finally(() => {
          running = undefined;
        });
    }
  };
  const timer = setInterval(
    () => {
      ticking ??= tick().finally(() => {
        ticking = undefined;
      });
    },
    Math.min(everyMs, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  ticking = tick().finally(() => {
    ticking = undefined;
  });
  return {
    holder,
    isExporter: exporting,
    async stop() {
      clearInterval(timer);
      await ticking;
      await running;
      if (heldUntil > 0) await releaseLease(ctx.database, lease, holder).catch(() => {});
    },
  };
}
