/**
 * `bluezone bench server`: the key server under load, as a health authority would run it.
 * Starts `processes` real server processes on loopback (stateless, sharing one database),
 * drives code → verify → certificate → publish for N residents with a bounded load generator,
 * then tops the database up to `exportKeys` exportable keys and times one export run.
 *
 * Each stage is timed on its own (all N requests of one kind, then the next kind), so
 * `stages.publish` is the rate of `POST /v1/publish` alone: that is the figure the issue's
 * publish target (≥ 2,000/s, p99 < 50 ms) is checked against, and what `uploadsPerSecond`,
 * `p50Ms` and `p99Ms` repeat. `flow` is the whole code → verify → certificate → publish
 * sequence per resident (N ÷ the four stages' summed time).
 *
 * Baselines measured in the same run: GET /health through the same load generator and
 * processes (the HTTP floor: every stage's `ratioToHealth` = its rate ÷ health/s; `ratio` is
 * the publish stage's), and the protocol's own export work on the same number of keys without
 * the database (exportRatio = export ÷ baseline).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createExportZip,
  type DiagnosisKey,
  exposureKeyHmac,
  INTERVAL_SECONDS,
  type PublishKey,
  ReportType,
  sortByKeyData,
  splitExportBatch,
  TEK_ROLLING_PERIOD,
  toBase64,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { sql } from 'kysely';
import pg from 'pg';
import { createApiKey } from '../src/apikeys/api-key';
import { loadConfig } from '../src/config';
import { runExport } from '../src/export/export-worker';
import { activeSigners } from '../src/export/signing-keys';
import type { Feature, ServerContext } from '../src/feature';
import { silentLogger } from '../src/logging';
import { openServerContext } from '../src/server';
import { LoadGenerator, percentile, type StageResult } from './load-generator';
import { measureStageCpu, type StageCpu } from './process-cpu';

export interface ServerBenchOptions {
  residents: number;
  concurrency: number;
  processes: number;
  exportKeys: number;
  /** '' for SQLite; a postgres:// URL gets a fresh database on that server, dropped afterwards. */
  databaseUrl: string;
  /** argv that starts one server, e.g. [node, bin/bluezone.js, 'server']. */
  serverArgv: readonly string[];
  /**
   * The features those server processes run (for the CLI, the whole product), so the
   * benchmark's own view of the database knows every migration they apply.
   */
  features: readonly Feature[];
  progress?: (line: string) => void;
}

export interface LatencySummary {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface StageSummary extends LatencySummary {
  /** perSecond ÷ GET /health per second in the same run: less sensitive to other load on the machine. */
  ratioToHealth: number;
  /**
   * CPU milliseconds per request of the server processes, the database's processes and the
   * load generator (Linux /proc; absent elsewhere). Hardly moved by other load on the machine:
   * cores ÷ (serverMs + databaseMs + loadGeneratorMs) bounds the rate one machine can reach.
   */
  cpu?: StageCpu;
}

export interface ServerBenchResult {
  database: 'sqlite' | 'postgres';
  residents: number;
  processes: number;
  concurrency: number;
  /** The publish stage (`stages.publish`): what the ≥ 2,000/s target is checked against. */
  uploadsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  stages: { issue: StageSummary; verify: StageSummary; certificate: StageSummary; publish: StageSummary };
  /** The whole code → verify → certificate → publish sequence: residents per second. */
  flow: { residentsPerSecond: number; seconds: number };
  baselineHealth: StageSummary;
  /** uploads/s ÷ health requests/s through the same stack. */
  ratio: number;
  exportKeys: number;
  exportFiles: number;
  exportSeconds: number;
  exportBaselineSeconds: number;
  exportRatio: number;
  /**
   * CPU seconds of this process for the export run and for the protocol-only baseline (user +
   * system, the thread pool's file writes included; nothing else runs here meanwhile). The wall
   * times follow other load on the machine; these hardly do, so they compare runs made at
   * different loads.
   */
  exportCpuSeconds: number;
  exportBaselineCpuSeconds: number;
  /** Where the export run's time went (read keys, sign/zip/write files, commit the batch). */
  exportTimings: { readMs: number; signMs: number; commitMs: number } | undefined;
  /** The issue's targets and which figures they were checked against. */
  target: typeof TARGETS & { checked: string };
  targets: { uploadsPerSecond: boolean; p99: boolean; export: boolean };
}

const TARGETS = { uploadsPerSecond: 2000, p99Ms: 50, exportSeconds: 10, exportKeys: 1_000_000 };
const TARGET_CHECKED =
  'stages.publish.perSecond ≥ uploadsPerSecond and stages.publish.p99Ms < p99Ms (POST /v1/publish alone); ' +
  'exportSeconds scaled to exportKeys < exportSeconds';
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function summary(stage: StageResult<unknown>, count: number): LatencySummary {
  return {
    perSecond: round(count / stage.seconds, 1),
    p50Ms: percentile(stage.latenciesMs, 50),
    p99Ms: percentile(stage.latenciesMs, 99),
    errors: stage.errors,
  };
}

async function startServerProcess(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number }> {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'server listening') resolve(entry.port);
        } catch {
          // not a log line
        }
        nl = buf.indexOf('\n');
      }
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code} before listening`)));
  });
  child.stdout?.resume();
  return { child, port };
}

async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** A fresh database on the given server, so the benchmark never touches real data. */
async function createBenchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bz_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  return {
    url: benchUrl.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function residentKeys(nowMs: number): PublishKey[] {
  const today = Math.floor(nowMs / 1000 / INTERVAL_SECONDS / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
  const bytes = randomBytes(16 * 14);
  return Array.from({ length: 14 }, (_, d) => ({
    key: bytes.subarray(16 * d, 16 * d + 16).toString('base64'),
    rollingStartNumber: today - d * TEK_ROLLING_PERIOD,
    rollingPeriod: TEK_ROLLING_PERIOD,
    transmissionRisk: 4,
  }));
}

/** Adds synthetic, already-publishable keys until `total` keys await export. */
async function topUpKeys(ctx: ServerContext, total: number): Promise<void> {
  const { db } = ctx.database;
  const pending = await db
    .selectFrom('exposure')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('export_batch_id', 'is', null)
    .where('publishable_at', '<', ctx.clock.now())
    .executeTakeFirstOrThrow();
  let missing = total - Number(pending.n);
  const now = ctx.clock.now();
  const today = Math.floor(now / 1000 / INTERVAL_SECONDS / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
  const CHUNK = 1000; // 17 columns × 1000 rows stays under both dialects' parameter limits
  await db.transaction().execute(async (trx) => {
    while (missing > 0) {
      const n = Math.min(CHUNK, missing);
      const bytes = randomBytes(16 * n);
      const rows = Array.from({ length: n }, (_, i) => ({
        key: bytes.subarray(16 * i, 16 * i + 16).toString('base64'),
        region: ctx.config.exportRegion,
        transmission_risk: 4,
        rolling_start: today - (1 + (i % 13)) * TEK_ROLLING_PERIOD,
        rolling_period: TEK_ROLLING_PERIOD,
        report_type: ReportType.ConfirmedTest,
        days_since_onset: (i % 13) - 3,
        traveler: 0,
        health_authority_id: 'bench',
        created_at: now - 3600_000,
        publishable_at: now - 3600_000,
        export_batch_id: null,
        revised_report_type: null,
        revised_days_since_onset: null,
        revised_at: null,
        revised_export_batch_id: null,
      }));
      await trx.insertInto('exposure').values(rows).execute();
      missing -= n;
    }
  });
}

/** CPU seconds this process has used since `since` (process.cpuUsage). */
const cpuSecondsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** The protocol's share of an export: sort, split, encode, sign, zip the same number of keys. */
async function exportBaseline(ctx: ServerContext, count: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const signers = await activeSigners(ctx);
  const bytes = randomBytes(16 * count);
  const keys: DiagnosisKey[] = new Array(count);
  for (let i = 0; i < count; i++) {
    keys[i] = {
      keyData: bytes.subarray(16 * i, 16 * i + 16),
      rollingStartIntervalNumber: 2_943_000,
      rollingPeriod: TEK_ROLLING_PERIOD,
      transmissionRiskLevel: 4,
      reportType: ReportType.ConfirmedTest,
    };
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const parts = splitExportBatch(
    {
      startTimestamp: 0,
      endTimestamp: 1,
      region: ctx.config.exportRegion,
      batchNum: 1,
      batchSize: 1,
      keys: sortByKeyData(keys),
    },
    ctx.config.exportFileMaxRecords,
  );
  for (const part of parts) createExportZip(nodeBackend, part, signers);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSecondsSince(cpu0) };
}

export async function runServerBenchmark(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const log = options.progress ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-bench-'));
  const pgDb = options.databaseUrl ? await createBenchDatabase(options.databaseUrl) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    BLUEZONE_DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url ?? '',
    BLUEZONE_KEK: randomBytes(32).toString('base64'),
    EXPORT_WORKER_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'info',
  };
  const ctx = await openServerContext(loadConfig(env, dataDir), {
    features: options.features,
    logger: silentLogger,
    startJobs: false,
  });
  const children: ChildProcess[] = [];
  let load: LoadGenerator | undefined;
  try {
    const admin = (await createApiKey(ctx.database, ctx.clock, 'admin')).key;
    const device = (await createApiKey(ctx.database, ctx.clock, 'device')).key;
    const ports: number[] = [];
    for (let i = 0; i < options.processes; i++) {
      const started = await startServerProcess(options.serverArgv, env);
      children.push(started.child);
      ports.push(started.port);
    }
    const generator = new LoadGenerator(ports, options.concurrency);
    load = generator;
    const n = options.residents;
    const dialect = ctx.database.dialect;
    log(
      `${dialect}: ${options.processes} server process(es) on ports ${ports.join(', ')}; ${n} residents, concurrency ${options.concurrency}`,
    );

    // Warm up connections and JIT so the first stage is not charged for it.
    await load.stage(
      Math.min(200, n),
      () => ({ method: 'GET', path: '/health' }),
      () => undefined,
    );
    const serverPids = children.map((child) => child.pid as number);
    const databasePids = async (): Promise<number[]> => {
      if (dialect !== 'postgres') return [];
      const rows = await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where datname = current_database()`.execute(ctx.database.db);
      return rows.rows.map((r) => Number(r.pid));
    };
    const cpu: Partial<Record<'health' | 'issue' | 'verify' | 'certificate' | 'publish', StageCpu>> = {};
    const timed = async <T>(name: keyof typeof cpu, run: () => Promise<StageResult<T>>): Promise<StageResult<T>> => {
      const measured = await measureStageCpu(serverPids, databasePids, n, run);
      if (measured.cpu) cpu[name] = measured.cpu;
      return measured.result;
    };
    const health = await timed('health', () =>
      generator.stage(
        n,
        () => ({ method: 'GET', path: '/health' }),
        () => undefined,
      ),
    );
    const adminHeaders = { 'x-api-key': admin };
    const deviceHeaders = { 'x-api-key': device };
    const issue = await timed('issue', () =>
      generator.stage(
        n,
        () => ({
          method: 'POST',
          path: '/api/issue',
          headers: adminHeaders,
          body: { testType: 'confirmed', tzOffset: 420 },
        }),
        (res) => JSON.parse(res.body).code as string,
      ),
    );
    const verify = await timed('verify', () =>
      generator.stage(
        n,
        (i) => ({
          method: 'POST',
          path: '/api/verify',
          headers: deviceHeaders,
          body: { code: issue.results[i], accept: ['confirmed'] },
        }),
        (res) => JSON.parse(res.body).token as string,
      ),
    );
    const keys = Array.from({ length: n }, () => residentKeys(Date.now()));
    const hmacKeys = Array.from({ length: n }, () => randomBytes(32));
    const certificate = await timed('certificate', () =>
      generator.stage(
        n,
        (i) => ({
          method: 'POST',
          path: '/api/certificate',
          headers: deviceHeaders,
          body: {
            token: verify.results[i],
            ekeyhmac: exposureKeyHmac(nodeBackend, keys[i] as PublishKey[], hmacKeys[i] as Uint8Array),
          },
        }),
        (res) => JSON.parse(res.body).certificate as string,
      ),
    );
    const publish = await timed('publish', () =>
      generator.stage(
        n,
        (i) => ({
          method: 'POST',
          path: '/v1/publish',
          body: {
            temporaryExposureKeys: keys[i],
            healthAuthorityID: 'vn.bluezone',
            verificationPayload: certificate.results[i],
            hmacKey: toBase64(hmacKeys[i] as Uint8Array),
            traveler: false,
            padding: '',
          },
        }),
        (res) => JSON.parse(res.body).insertedExposures as number,
      ),
    );
    const baselineHealth: StageSummary = {
      ...summary(health, n),
      ratioToHealth: 1,
      ...(cpu.health ? { cpu: cpu.health } : {}),
    };
    const stage = (result: StageResult<unknown>, stageCpu: StageCpu | undefined): StageSummary => {
      const s = summary(result, n);
      return {
        ...s,
        ratioToHealth: round(s.perSecond / baselineHealth.perSecond, 3),
        ...(stageCpu ? { cpu: stageCpu } : {}),
      };
    };
    const stages = {
      issue: stage(issue, cpu.issue),
      verify: stage(verify, cpu.verify),
      certificate: stage(certificate, cpu.certificate),
      publish: stage(publish, cpu.publish),
    };
    const flowSeconds = issue.seconds + verify.seconds + certificate.seconds + publish.seconds;
    log(`${dialect}: stages ${JSON.stringify(stages)}`);
    load.close();
    for (const child of children) await stopServerProcess(child);
    children.length = 0;

    log(`${dialect}: topping up to ${options.exportKeys} exportable keys (not timed)`);
    await topUpKeys(ctx, options.exportKeys);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await runExport(ctx, { closeNow: true });
    const exportSeconds = (performance.now() - t0) / 1000;
    const exportCpuSeconds = cpuSecondsSince(cpu0);
    const exported = run.batch?.keyCount ?? 0;
    log(`${dialect}: export of ${exported} keys in ${round(exportSeconds)} s; timing the protocol-only baseline`);
    const baseline = await exportBaseline(ctx, exported);
    const exportBaselineSeconds = baseline.seconds;
    return {
      database: dialect,
      residents: n,
      processes: options.processes,
      concurrency: options.concurrency,
      uploadsPerSecond: stages.publish.perSecond,
      p50Ms: stages.publish.p50Ms,
      p99Ms: stages.publish.p99Ms,
      stages,
      flow: { residentsPerSecond: round(n / flowSeconds, 1), seconds: round(flowSeconds) },
      baselineHealth,
      ratio: round(stages.publish.perSecond / baselineHealth.perSecond, 3),
      exportKeys: exported,
      exportFiles: run.batch?.files.length ?? 0,
      exportSeconds: round(exportSeconds),
      exportBaselineSeconds: round(exportBaselineSeconds),
      exportRatio: round(exportSeconds / exportBaselineSeconds),
      exportCpuSeconds: round(exportCpuSeconds),
      exportBaselineCpuSeconds: round(baseline.cpuSeconds),
      exportTimings: run.batch?.timings,
      target: { ...TARGETS, checked: TARGET_CHECKED },
      targets: {
        uploadsPerSecond: stages.publish.perSecond >= TARGETS.uploadsPerSecond,
        p99: stages.publish.p99Ms < TARGETS.p99Ms,
        export: exportSeconds * (TARGETS.exportKeys / Math.max(1, exported)) < TARGETS.exportSeconds,
      },
    };
  } finally {
    load?.close();
    for (const child of children) await stopServerProcess(child);
    await ctx.database.destroy();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
