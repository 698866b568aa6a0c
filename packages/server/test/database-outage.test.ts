// The real `bluezone server` process when PostgreSQL goes away under it: its connections killed
// by the database (a restart, failover or idle timeout looks the same to the pool), the network
// to the database cut and restored under publish load (through a proxy this test controls; the
// shared PostgreSQL server is never stopped), and a DATABASE_URL nothing answers at start.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@bluezone/test-support';
import {
  committedExportFiles,
  createProcessTestDatabase,
  createTestContext,
  DIALECTS,
  downloadExportKeys,
  ensureCliBuilt,
  expiredKeys,
  POSTGRES_URL,
  type ProcessTestDatabase,
  queryTestServer,
  runPhoneUploads,
  runServerProcessToExit,
  type ServerProcess,
  servedIndex,
  startServerProcess,
  startTcpProxy,
  type TcpProxy,
  uploadAsPhone,
} from '@bluezone/test-support/server';
import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { systemClock } from '../src/clock';
import { type Database, openDatabase } from '../src/database/database';
import { isDatabaseUnavailable } from '../src/database/database-unavailable';
import { KEY_SERVER_FEATURES } from '../src/features';
import { silentLogger } from '../src/logging';
import { createRevisionToken } from '../src/publish/revision-token';
import { openServerContext } from '../src/server';

// Server processes start, migrate and stop on a loaded 2-core machine: waits are generous,
// outcomes exact.
const WAIT_MS = 30_000;

describe.runIf(DIALECTS.includes('postgres'))('the server process when PostgreSQL goes away', () => {
  let pgDb: ProcessTestDatabase;
  let dataDir: string;
  let server: ServerProcess | undefined;
  let proxy: TcpProxy | undefined;
  let direct: Database | undefined;

  beforeAll(() => ensureCliBuilt(), 120_000);
  beforeEach(async () => {
    pgDb = await createProcessTestDatabase('bz_outage');
    dataDir = mkdtempSync(join(tmpdir(), 'bz-outage-'));
  });
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = undefined;
    await proxy?.close();
    proxy = undefined;
    await direct?.destroy();
    direct = undefined;
    await pgDb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The server's environment: its own database, quiet background jobs, limits out of the way. */
  const serverEnv = (databaseUrl: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: databaseUrl,
    BLUEZONE_DATA_DIR: dataDir,
    BLUEZONE_KEK: randomBytes(32).toString('base64'),
    EXPORT_WORKER_INTERVAL_SECONDS: '0',
    ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...extra,
  });

  /** An admin and a device key, written straight into the server's database. */
  async function apiKeys() {
    direct = openDatabase({ databaseUrl: pgDb.url, sqliteFile: '' });
    return {
      adminKey: (await createApiKey(direct, systemClock, 'admin')).key,
      deviceKey: (await createApiKey(direct, systemClock, 'device')).key,
    };
  }

  const logged = (msg: string) => (server?.logs ?? []).filter((l) => l.msg === msg).length;

  it('lives through its idle connections being terminated, and the next requests succeed', async () => {
    const app = `bz_outage_${randomBytes(4).toString('hex')}`;
    server = await startServerProcess(serverEnv(`${pgDb.url}?application_name=${app}`));
    const { adminKey } = await apiKeys();
    // Several connections in the pool, all idle once these are answered.
    const warm = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server?.url}/api/export-keys`)));
    expect(warm.map((r) => r.status)).toEqual(Array(6).fill(200));
    const backends = await queryTestServer<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and application_name = $2',
      [pgDb.name, app],
    );
    expect(backends.length).toBeGreaterThan(0);
    // What a restart, a failover or idle_session_timeout does to a connection: 57P01.
    await queryTestServer('select pg_terminate_backend(pid, 10000) from unnest($1::int[]) as pid', [
      backends.map((b) => b.pid),
    ]);
    await expect.poll(() => logged('database connection lost'), { timeout: WAIT_MS }).toBe(backends.length);
    expect(server.child.exitCode).toBeNull();
    expect(server.stderr()).not.toMatch(/Unhandled|57P01|^\s+at /m);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${server.url}/api/export-keys`)).status).toBe(200);
    const issued = await fetch(`${server.url}/api/issue`, {
      method: 'POST',
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ testType: 'confirmed' }),
    });
    expect(issued.status).toBe(200);
    const fresh = await queryTestServer<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and application_name = $2',
      [pgDb.name, app],
    );
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.map((b) => b.pid)).not.toContain(backends[0]?.pid);
  }, 120_000);

  it('answers 503 database_unavailable while the database is cut off, and loses no acknowledged key', async () => {
    const pg = new URL(POSTGRES_URL);
    proxy = await startTcpProxy([{ host: pg.hostname, port: Number(pg.port || 5432) }]);
    server = await startServerProcess(
      serverEnv(pgDb.urlVia(proxy.host, proxy.port), {
        DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
        // The background jobs run through the outage too: exports of 2 s windows checked every
        // second, the messaging outbox every second.
        EXPORT_WORKER_INTERVAL_SECONDS: '1',
        EXPORT_PERIOD_SECONDS: '2',
        EXPORT_LEASE_SECONDS: '3',
        EXPORT_MIN_RECORDS: '5',
        ROLLOUT_WORKER_INTERVAL_SECONDS: '1',
      }),
    );
    const { adminKey, deviceKey } = await apiKeys();
    const phones = 240;
    let failedDuringCut = 0;
    let cut = false;
    let cutAt = 0;
    let cutDone: () => void = () => {};
    const outage = new Promise<void>((resolve) => {
      cutDone = resolve;
    });
    // Phones retry without limit until the database is back and the server says so (/health 200).
    let recovered = false;
    const load = runPhoneUploads(
      phones,
      8,
      (i) =>
        uploadAsPhone({
          baseUrl: server?.url ?? '',
          adminKey,
          deviceKey,
          keys: expiredKeys(Date.now(), 1 + (i % 3)),
          disturbed: () => !recovered,
          onFailure: () => {
            if (cut) failedDuringCut++;
          },
        }),
      (done) => {
        // A third of the way in, the network to the database goes.
        if (done === Math.floor(phones / 3)) {
          cut = true;
          cutAt = Date.now();
          proxy?.cut();
          cutDone();
        }
      },
    );
    await outage;
    // While it is cut: a problem body the phone understands, with when to retry.
    const during = await fetch(`${server.url}/api/export-keys`);
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toBe('application/problem+json');
    expect(during.headers.get('retry-after')).toBe('5');
    expect(await during.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect((await fetch(`${server.url}/health`)).status).toBe(503);
    // Phones keep trying through the cut; it lasts until a good number of their attempts failed
    // and the export worker has found the database gone.
    await expect.poll(() => failedDuringCut, { timeout: WAIT_MS }).toBeGreaterThanOrEqual(20);
    const exportFailures = () =>
      (server?.logs ?? []).filter((l) => l.job === 'export-worker' && /database unavailable/.test(l.msg)).length;
    await expect.poll(exportFailures, { timeout: WAIT_MS }).toBeGreaterThan(0);
    cut = false;
    proxy.restore();
    const cutMs = Date.now() - cutAt;
    await expect.poll(async () => (await fetch(`${server?.url}/health`)).status, { timeout: WAIT_MS }).toBe(200);
    recovered = true;
    const uploads = await load;

    expect(server.child.exitCode).toBeNull();
    expect(uploads.filter((u) => u.outcome === 'gave_up')).toEqual([]);
    const failures = uploads.flatMap((u) => u.failureStatuses);
    // Only 503s (or, for requests in flight at the cut, no answer): never a 500.
    expect(failures.filter((s) => s !== 503 && s !== 0)).toEqual([]);
    expect(failures.filter((s) => s === 503).length).toBeGreaterThan(0);

    // Every key the server acknowledged (or found already stored on a retry) is there, once.
    const stored = await direct?.db.selectFrom('exposure').select('key').execute();
    const counts = new Map<string, number>();
    for (const row of stored ?? []) counts.set(row.key, (counts.get(row.key) ?? 0) + 1);
    const promised = uploads.flatMap((u) => u.keys.map((k) => k.key));
    expect(promised.filter((k) => counts.get(k) !== 1)).toEqual([]);
    expect(counts.size).toBe(promised.length);
    expect(uploads.filter((u) => u.outcome === 'acknowledged').length).toBeGreaterThan(phones / 2);

    // The export worker went on after the outage: every key exported, each listed file served.
    const database = direct as Database;
    await expect
      .poll(
        async () =>
          Number((await sql<{ n: string }>`select count(*) as n from export_queue`.execute(database.db)).rows[0]?.n),
        {
          timeout: WAIT_MS,
        },
      )
      .toBe(0);
    const drained = await committedExportFiles(database);
    await expect
      .poll(async () => (await servedIndex(server?.url ?? '')).slice(0, drained.length), { timeout: WAIT_MS })
      .toEqual(drained);
    const exported = await downloadExportKeys([server.url], await servedIndex(server.url));
    expect(promised.filter((k) => exported.get(k) !== 1)).toEqual([]);
    console.info(
      `database cut for ${cutMs} ms under ${phones} phones' uploads: ${failures.filter((f) => f === 503).length} × 503, ` +
        `${failures.filter((f) => f === 0).length} without answer, ` +
        `${uploads.filter((u) => u.outcome === 'acknowledged').length} acknowledged, ` +
        `${uploads.filter((u) => u.outcome === 'already_stored').length} stored before a lost answer, ${promised.length} keys`,
    );
    expect(server.child.exitCode).toBeNull();
  }, 180_000);

  it('says in one line that it cannot reach DATABASE_URL at start, and exits non-zero', async () => {
    const port = await freePort(); // nothing listens there
    const result = await runServerProcessToExit(
      serverEnv(`postgres://bluezone:s3cret-pw@127.0.0.1:${port}/bluezone`),
      WAIT_MS,
    );
    expect(result.code).toBe(1);
    // The command's own notices ("bluezone: database: …", a stale bundle being rebuilt) aside,
    // one line says what failed, and no stack follows.
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('bluezone: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^bluezone server: cannot reach the PostgreSQL database at 127\\.0\\.0\\.1:${port}/bluezone: ECONNREFUSED`,
      ),
    );
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout.filter((l) => l.level === 'error')).toEqual([]);
  }, 60_000);
});

describe.runIf(DIALECTS.includes('postgres'))('a server context whose database goes away (in process)', () => {
  it('retries a shared secret or revision key whose first lookup failed, once the database is back', async () => {
    const t = await createTestContext('postgres');
    const pg = new URL(POSTGRES_URL);
    const proxy = await startTcpProxy([{ host: pg.hostname, port: Number(pg.port || 5432) }]);
    const via = new URL(POSTGRES_URL);
    via.hostname = proxy.host;
    via.port = String(proxy.port);
    const database = openDatabase({
      databaseUrl: via.toString(),
      sqliteFile: '',
      schema: t.testDb.schema as string,
      connectTimeoutMs: 2000,
    });
    try {
      const ctx = await openServerContext(t.config, {
        features: KEY_SERVER_FEATURES,
        clock: t.clock,
        logger: silentLogger,
        database,
      });
      const tokenKey = () =>
        ctx.secrets.cryptoKey('verification-token-hs256', { name: 'HMAC', hash: 'SHA-256' }, ['sign', 'verify']);
      proxy.cut();
      // Lazily loaded, so the first use can fall in an outage: it fails as unavailable...
      await expect(tokenKey()).rejects.toSatisfy(isDatabaseUnavailable);
      await expect(createRevisionToken(ctx, [])).rejects.toSatisfy(isDatabaseUnavailable);
      proxy.restore();
      // ...and is not remembered as failed: before, every later call got the same rejection.
      await expect(tokenKey()).resolves.toBeDefined();
      await expect(createRevisionToken(ctx, ['AAAAAAAAAAAAAAAAAAAAAA=='])).resolves.toMatch(/^[\w-]+\.\.[\w-]+\./);
    } finally {
      await database.destroy();
      await proxy.close();
      await t.cleanup();
    }
  }, 60_000);
});
