// Three real `bluezone server` processes on one PostgreSQL database behind one address (a TCP
// balancer), each with a data directory of its own as if on its own machine, sharing rate limits
// (RATE_LIMIT_STORE=database), exports (EXPORT_STORE=database by default) and the export worker's
// lease. Under publish load they are killed in turn with SIGKILL — the export worker twice, a
// serving process once — and replaced. Nothing acknowledged may be lost, nothing exported twice,
// no file listed in index.txt may be missing from any process, and a survivor must take over the
// export worker's lease each time.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  committedExportFiles,
  createProcessTestDatabase,
  DIALECTS,
  downloadExportKeys,
  ensureCliBuilt,
  expiredKeys,
  type ProcessTestDatabase,
  runPhoneUploads,
  type ServerProcess,
  servedIndex,
  startServerProcess,
  startTcpProxy,
  type TcpProxy,
  uploadAsPhone,
} from '@bluezone/test-support/server';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { systemClock } from '../src/clock';
import { type Database, openDatabase } from '../src/database/database';
import type { ServerTables } from '../src/database/tables';

const PHONES = 900;
const CONCURRENCY = 12;
/**
 * Hang guard of each wait, not a performance bound: on a loaded 2-core machine everything is only
 * slower (phones retry until the kills are over, see `disturbed`); the outcomes checked are exact.
 */
const WAIT_MS = 600_000;

describe.runIf(DIALECTS.includes('postgres'))('three server processes on one PostgreSQL database', () => {
  let pgDb: ProcessTestDatabase;
  let database: Database;
  let db: Kysely<ServerTables>;
  let balancer: TcpProxy;
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureCliBuilt();
    pgDb = await createProcessTestDatabase('bz_multi');
    env = {
      DATABASE_URL: pgDb.url,
      DATABASE_POOL_SIZE: '4',
      // Every process must seal and open secrets alike: one key-encryption key for all.
      BLUEZONE_KEK: randomBytes(32).toString('base64'),
      RATE_LIMIT_STORE: 'database',
      RATE_LIMIT_PER_MINUTE: '10000000',
      // Windows of 2 s, the worker looking every second, a dead exporter replaced within 3 s.
      EXPORT_PERIOD_SECONDS: '2',
      EXPORT_WORKER_INTERVAL_SECONDS: '1',
      EXPORT_LEASE_SECONDS: '3',
      EXPORT_MIN_RECORDS: '10',
      EXPORT_PADDING_JITTER: '5',
      ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
    };
  }, WAIT_MS);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await balancer?.close();
    await database?.destroy();
    await pgDb?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A process on a "machine" of its own: its own data directory, nothing shared but the database. */
  async function start(): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'bz-multi-'));
    dirs.push(dir);
    const started = await startServerProcess({ ...env, BLUEZONE_DATA_DIR: dir });
    processes.push(started);
    return started;
  }
  const alive = () => processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  /** Rows of a feature's table (not in the core's table types). */
  const count = async (table: 'export_queue' | 'rate_limit_window') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
  const route = () => balancer.setUpstreams(alive().map((p) => ({ host: '127.0.0.1', port: p.port })));

  /** The pid of the export worker's lease holder now (undefined when nobody holds it). */
  async function exporterPid(): Promise<number | undefined> {
    const row = await db
      .selectFrom('lease')
      .select(['holder', 'expires_at'])
      .where('name', '=', 'export-worker:VN')
      .executeTakeFirst();
    if (!row || row.expires_at <= Date.now()) return undefined;
    return Number(/:(\d+):[0-9a-f]{8}$/.exec(row.holder)?.[1]);
  }

  it('serve, export once and take over the export worker while they are killed in turn', async () => {
    for (let i = 0; i < 3; i++) await start();
    balancer = await startTcpProxy([]);
    route();
    database = openDatabase({ databaseUrl: pgDb.url, sqliteFile: '' });
    db = database.db;
    const adminKey = (await createApiKey(database, systemClock, 'admin')).key;
    const deviceKey = (await createApiKey(database, systemClock, 'device')).key;
    await expect.poll(exporterPid, { timeout: WAIT_MS }).toBeTypeOf('number');

    // Kills at fixed points of the load: the export worker, the export worker again, then one
    // that only serves. Each is replaced, so three processes serve throughout.
    const plan: { at: number; victim: 'exporter' | 'server' }[] = [
      { at: Math.floor(PHONES * 0.2), victim: 'exporter' },
      { at: Math.floor(PHONES * 0.45), victim: 'exporter' },
      { at: Math.floor(PHONES * 0.7), victim: 'server' },
    ];
    const takeovers: { killed: number; by: number }[] = [];
    // Phones retry without limit until every kill's replacement serves (and a survivor holds the
    // lease); only then does a failure count towards giving up.
    let killsDone = 0;
    let chain = Promise.resolve();
    const killAt = async (victim: 'exporter' | 'server') => {
      const exporter = await exporterPid();
      const target = alive().find((p) => (victim === 'exporter' ? p.pid === exporter : p.pid !== exporter));
      if (!target) throw new Error(`no ${victim} to kill (exporter pid ${exporter})`);
      await target.kill('SIGKILL');
      route();
      await start();
      route();
      if (victim === 'exporter') {
        // A survivor holds the lease once the dead one's lapses (EXPORT_LEASE_SECONDS).
        await expect
          .poll(
            async () => {
              const pid = await exporterPid();
              return alive().some((p) => p.pid === pid);
            },
            { timeout: WAIT_MS },
          )
          .toBe(true);
        takeovers.push({ killed: target.pid, by: (await exporterPid()) as number });
      }
    };

    const uploads = await runPhoneUploads(
      PHONES,
      CONCURRENCY,
      (i) =>
        uploadAsPhone({
          baseUrl: `http://${balancer.host}:${balancer.port}`,
          adminKey,
          deviceKey,
          keys: expiredKeys(Date.now(), 1 + (i % 3)),
          disturbed: () => killsDone < plan.length,
        }),
      (done) => {
        const step = plan.find((p) => p.at === done);
        if (step)
          chain = chain.then(async () => {
            try {
              await killAt(step.victim);
            } finally {
              killsDone++; // a failed kill fails the test at `await chain`; the phones must not wait for it
            }
          });
      },
    );
    await chain;
    expect(uploads.filter((u) => u.outcome === 'gave_up')).toEqual([]);
    expect(takeovers).toHaveLength(2);
    for (const { killed, by } of takeovers) expect(by).not.toBe(killed);

    // Nothing acknowledged lost: every key answered 200 (or found stored on a retry) is there once.
    const promised = uploads.flatMap((u) => u.keys.map((k) => k.key));
    const stored = await db.selectFrom('exposure').select('key').execute();
    const storedCount = new Map<string, number>();
    for (const { key } of stored) storedCount.set(key, (storedCount.get(key) ?? 0) + 1);
    expect(promised.filter((k) => storedCount.get(k) !== 1)).toEqual([]);
    expect(stored).toHaveLength(promised.length);

    // The export worker drains the queue; index.txt then lists every file holding those keys.
    // (It goes on cutting 2 s windows of padding meanwhile, so the lists only grow.)
    await expect.poll(() => count('export_queue'), { timeout: WAIT_MS }).toBe(0);
    const drained = await committedExportFiles(database);
    const urls = alive().map((p) => p.url);
    for (const url of urls) {
      await expect
        .poll(async () => (await servedIndex(url)).slice(0, drained.length), { timeout: WAIT_MS })
        .toEqual(drained);
    }
    // Every process serves an index of committed files only, and every file it lists, the same bytes
    // from each (none has the files on its own disk).
    let listed: string[] = [];
    for (const url of urls) {
      listed = await servedIndex(url);
      expect(listed).toEqual((await committedExportFiles(database)).slice(0, listed.length));
    }
    const exported = await downloadExportKeys(urls, listed);
    // Nothing exported twice, nothing left out.
    expect(promised.filter((k) => exported.get(k) !== 1)).toEqual([]);
    // The windows follow each other: none cut twice, none skipped.
    const batches = await db.selectFrom('export_batch').select(['start_ts', 'end_ts']).orderBy('end_ts').execute();
    expect(batches.slice(1).map((b) => b.start_ts)).toEqual(batches.slice(0, -1).map((b) => b.end_ts));

    // Rate limits were counted in the database, one table for every process.
    expect(await count('rate_limit_window')).toBeGreaterThan(0);
    const failures = uploads.flatMap((u) => u.failureStatuses);
    console.info(
      `multi-process: ${PHONES} phones, ${promised.length} keys, ${uploads.filter((u) => u.outcome === 'acknowledged').length} acknowledged, ` +
        `${uploads.filter((u) => u.outcome === 'already_stored').length} stored before a lost answer, ` +
        `${failures.length} failed attempts (${failures.filter((s) => s === 0).length} without answer, ` +
        `${failures.filter((s) => s === 503).length} × 503), ${batches.length} batches, ${listed.length} files, ` +
        `takeovers ${JSON.stringify(takeovers)}`,
    );
  }, 3_600_000); // hang guard only (see WAIT_MS)
});
