// RATE_LIMIT_STORE=database: one fixed-window limit shared by every server process on the
// database — two listening servers on one database refuse the request past the limit whichever
// of them gets it — with the counter atomic under concurrency and ended windows purged.

import {
  createTestContext,
  createTestDatabase,
  DIALECTS,
  TEST_EPOCH,
  type TestContext,
  type TestDatabase,
  testConfig,
} from '@bluezone/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { ManualClock } from '../src/clock';
import { KEY_SERVER_FEATURES } from '../src/features';
import { silentLogger } from '../src/logging';
import { DatabaseRateLimiter } from '../src/ratelimit/database-rate-limiter';
import { type RunningServer, startServer } from '../src/server';

describe.each(DIALECTS)('rate limits shared through the database on %s', (dialect) => {
  let servers: RunningServer[] = [];
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    for (const s of servers) await s.stop();
    servers = [];
    await testDb?.cleanup();
    testDb = undefined;
  });

  async function twoServers(store: 'memory' | 'database', clock: ManualClock): Promise<[RunningServer, RunningServer]> {
    testDb = await createTestDatabase(dialect);
    const env = {
      RATE_LIMIT_STORE: store,
      RATE_LIMIT_PER_MINUTE: '4',
      TRUST_PROXY: 'true',
      EXPORT_WORKER_INTERVAL_SECONDS: '0',
    };
    const config = testConfig(testDb.dataDir, env);
    const a = await startServer(config, {
      features: KEY_SERVER_FEATURES,
      clock,
      logger: silentLogger,
      database: testDb.database,
    });
    servers.push(a);
    // A second process: its own connection(s) to the same database.
    const b = await startServer(config, {
      features: KEY_SERVER_FEATURES,
      clock,
      logger: silentLogger,
      database: testDb.reopen(),
    });
    servers.push(b);
    return [a, b];
  }

  /** A decoy publish (stores nothing) from `ip`, to server `s`. */
  const publishFrom = async (s: RunningServer, ip: string) =>
    (
      await fetch(`${s.url}/v1/publish`, {
        method: 'POST',
        headers: { 'x-forwarded-for': ip, 'x-chaff': '1', 'content-type': 'application/json' },
        body: '{}',
      })
    ).status;

  it('refuses the 5th request from one address across two servers, and resets the next minute', async () => {
    const clock = new ManualClock(TEST_EPOCH + 5_000);
    const [a, b] = await twoServers('database', clock);
    const statuses = [];
    for (const s of [a, b, a, b, a, b]) statuses.push(await publishFrom(s, '198.51.100.7'));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(await publishFrom(b, '198.51.100.8')).toBe(200);
    clock.advance(60_000);
    expect(await publishFrom(a, '198.51.100.7')).toBe(200);
  });

  it('counts per API key across servers whatever the address', async () => {
    const clock = new ManualClock(TEST_EPOCH + 5_000);
    const [a, b] = await twoServers('database', clock);
    const admin = (await createApiKey(a.context.database, clock, 'admin')).key;
    const statuses = [];
    for (const [i, s] of [a, b, a, b, a].entries()) {
      const res = await fetch(`${s.url}/api/issue`, {
        method: 'POST',
        headers: { 'x-api-key': admin, 'x-forwarded-for': `198.51.100.${i + 10}`, 'content-type': 'application/json' },
        body: JSON.stringify({ testType: 'confirmed' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('with the memory store each server counts alone (the limit the database store makes shared)', async () => {
    const clock = new ManualClock(TEST_EPOCH + 5_000);
    const [a, b] = await twoServers('memory', clock);
    const statuses = [];
    for (const s of [a, b, a, b, a, b]) statuses.push(await publishFrom(s, '198.51.100.7'));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('is atomic under concurrent requests and purges ended windows', async () => {
    testDb = await createTestDatabase(dialect);
    const clock = new ManualClock(TEST_EPOCH + 5_000);
    const config = testConfig(testDb.dataDir, { RATE_LIMIT_STORE: 'database', EXPORT_WORKER_INTERVAL_SECONDS: '0' });
    servers.push(
      await startServer(config, {
        features: KEY_SERVER_FEATURES,
        clock,
        logger: silentLogger,
        database: testDb.database,
      }),
    );
    const other = testDb.reopen();
    try {
      const limiters = [testDb.database, other].map((d) => new DatabaseRateLimiter(d, 'test', 10, 60_000, clock));
      const taken = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (limiters[i % 2] as DatabaseRateLimiter).take('burst')),
      );
      expect(taken.filter(Boolean)).toHaveLength(10);
      const [first] = limiters as [DatabaseRateLimiter];
      await first.take('old-bucket');
      const rows = () =>
        testDb?.database.db
          .withTables<{ rate_limit_window: { bucket: string; count: number } }>()
          .selectFrom('rate_limit_window')
          .select(['bucket', 'count'])
          .orderBy('bucket')
          .execute();
      expect(await rows()).toEqual([
        { bucket: 'test:burst', count: 30 },
        { bucket: 'test:old-bucket', count: 1 },
      ]);
      // One window later the previous one is still kept; two windows later it is purged.
      clock.advance(60_000);
      await first.take('new-bucket');
      expect((await rows())?.map((r) => r.bucket)).toEqual(['test:burst', 'test:new-bucket', 'test:old-bucket']);
      clock.advance(60_000);
      await first.take('new-bucket');
      expect(await rows()).toEqual([{ bucket: 'test:new-bucket', count: 1 }]);
    } finally {
      await other.destroy();
    }
  });
});

describe.each(DIALECTS)('database rate limits of different windows on %s', (dialect) => {
  let t: TestContext | undefined;
  afterEach(async () => {
    await t?.cleanup();
  });

  it("purges only its own scope's ended windows, so an hour's count outlives a minute's purge", async () => {
    t = await createTestContext(dialect);
    const hourly = new DatabaseRateLimiter(t.ctx.database, 'per-hour', 3, 3_600_000, t.clock);
    const minutely = new DatabaseRateLimiter(t.ctx.database, 'per-minute', 100, 60_000, t.clock);
    for (let i = 0; i < 3; i++) expect(await hourly.take('a')).toBe(true);
    t.clock.advance(5 * 60_000);
    await minutely.take('b'); // a new minute: its purge runs
    expect(await hourly.take('a')).toBe(false);
  });
});
