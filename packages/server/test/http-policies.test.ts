// Cross-cutting behaviour of the HTTP layer: rate limits per API key and per client IP,
// logs that never carry codes, keys or tokens, config validation, health when the DB is gone.
import { keyServerApi } from '@bluezone/protocol/api';
import {
  checkedApp,
  createTestContext,
  endpointCaller,
  reportAsPhone,
  type TestContext,
} from '@bluezone/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { loadConfig } from '../src/config';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import { ServerError } from '../src/http/server-error';
import { createLogger } from '../src/logging';
import { dailyKeys } from './support/test-api';

describe('HTTP policies', () => {
  let t: TestContext | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('rate-limits per API key (whatever the address), and resets each minute', async () => {
    t = await createTestContext('sqlite', { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
    const ctx = t.ctx;
    const app = checkedApp(createApp(ctx, KEY_SERVER_FEATURES));
    let ip = 0;
    // Every request from a new address, so only the per-key limit can bite.
    const call = endpointCaller('http://x', async (url, init) =>
      app.request(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': `10.0.0.${++ip}` },
      }),
    );
    const issue = (apiKey: string) => call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey });
    const admin = (await createApiKey(ctx.database, t.clock, 'admin')).key;
    const other = (await createApiKey(ctx.database, t.clock, 'admin')).key;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await issue(admin)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await issue(other)).status).toBe(200);
    t.clock.advance(60_000);
    expect((await issue(admin)).status).toBe(200);
  });

  it('rate-limits publish per client IP', async () => {
    t = await createTestContext('sqlite', { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    const from = (ip: string) =>
      app.request('/v1/publish', { method: 'POST', headers: { 'x-forwarded-for': ip, 'x-chaff': '1' }, body: '{}' });
    expect([(await from('10.0.0.1')).status, (await from('10.0.0.1')).status, (await from('10.0.0.1')).status]).toEqual(
      [200, 200, 429],
    );
    expect((await from('10.0.0.2')).status).toBe(200);
  });

  it('never logs codes, API keys, tokens, certificates or TEKs', async () => {
    const lines: string[] = [];
    // An SMS sender that accepts (the rollout outbox in the whole product), so the phone goes through.
    t = await createTestContext(
      'sqlite',
      {},
      { logger: createLogger('debug', (l) => lines.push(l)), sms: { send: async () => {} } },
    );
    const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    const request = async (url: string, init: RequestInit) => app.request(url, init);
    const call = endpointCaller('http://x', request);
    const admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
    const device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
    const issued = (await call(keyServerApi.issue, { testType: 'confirmed', phone: '+84912345678' }, { apiKey: admin }))
      .body;
    const keys = dailyKeys(t.clock.now(), 3);
    const published = await reportAsPhone({
      baseUrl: 'http://x',
      fetch: request,
      deviceKey: device,
      code: issued.code,
      keys,
      hmacKey: new Uint8Array(32),
    });
    expect(published.insertedExposures).toBe(3);
    await call(keyServerApi.verify, { code: issued.code }, { apiKey: device }); // a refused replay is logged too
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      issued.code,
      issued.longCode,
      admin,
      device,
      '+84912345678',
      published.revisionToken,
      ...keys.map((k) => k.key),
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('logger drops fields that name secrets even if a caller passes them', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => lines.push(l));
    logger.info('oops', { code: '12345678', apiKey: 'bza_x', token: 'eyJ', keyCount: 3, status: 200 });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'oops', keyCount: 3, status: 200 });
    expect(lines[0]).not.toContain('12345678');
    expect(lines[0]).not.toContain('bza_x');
  });

  it('refuses a bad configuration with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ServerError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a non-negative integer');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL');
    expect(() => loadConfig({ EXPORT_REGION: '../etc' })).toThrow('EXPORT_REGION');
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow('RATE_LIMIT_STORE must be memory or database');
    expect(loadConfig({}, '/srv').dataDir).toBe('/srv/data');
  });

  it('reports 503 on /health when the database is gone', async () => {
    t = await createTestContext('sqlite');
    const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    await t.ctx.database.destroy();
    const res = await app.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'sqlite' });
  });
});
