import fs from 'node:fs';
import path from 'node:path';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from '../src/database/lease';
import { migrateDownAll, migrateToLatest } from '../src/database/migrator';
import type { Feature } from '../src/feature';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import { ServerError } from '../src/http/server-error';

describe.each(DIALECTS)('server skeleton on %s', (dialect) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('migrates every feature, and every migration has a working down', async () => {
    await t.ctx.database.db.selectFrom('api_key').selectAll().execute();
    await migrateDownAll(t.ctx.database, KEY_SERVER_FEATURES);
    await expect(t.ctx.database.db.selectFrom('api_key').selectAll().execute()).rejects.toThrow();
    const applied = await migrateToLatest(t.ctx.database, KEY_SERVER_FEATURES);
    expect(applied).toContain('apikeys/0001_create_api_key');
    expect(await migrateToLatest(t.ctx.database, KEY_SERVER_FEATURES)).toEqual([]);
  });

  it('answers /health with the dialect', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('maps ServerError to problem+json, unknown errors to an internal problem without their detail, misses to 404', async () => {
    const probe: Feature = {
      name: 'probe',
      routes(app: Hono<never>) {
        app.get('/probe/typed', () => {
          throw new ServerError('conflict', 409, 'already there');
        });
        app.get('/probe/bug', () => {
          throw new Error('secret detail');
        });
      },
    } as unknown as Feature;
    const app = createApp(t.ctx, [...KEY_SERVER_FEATURES, probe]);
    const typed = await app.request('/probe/typed');
    expect(typed.status).toBe(409);
    expect(typed.headers.get('content-type')).toBe('application/problem+json');
    expect(await typed.json()).toMatchObject({ status: 409, code: 'conflict', detail: 'already there' });
    const bug = await app.request('/probe/bug');
    expect(bug.status).toBe(500);
    expect(bug.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await bug.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 500, code: 'internal', requestId: bug.headers.get('x-request-id') });
    expect(JSON.stringify(problem)).not.toContain('secret detail');
    const missing = await app.request('/api/nowhere');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('a feature contributes its own migrations and routes', async () => {
    const notes: Feature = {
      name: 'notes',
      migrations: {
        '0001_create_note': {
          up: async (db) => {
            await db.schema.createTable('note').addColumn('text', 'text').execute();
          },
          down: async (db) => {
            await db.schema.dropTable('note').execute();
          },
        },
      },
      routes(app, ctx) {
        app.post('/api/notes', async (c) => {
          await ctx.database.db
            .withTables<{ note: { text: string } }>()
            .insertInto('note')
            .values({ text: await c.req.text() })
            .execute();
          return c.json({ ok: true }, 201);
        });
      },
    };
    expect(await migrateToLatest(t.ctx.database, [...KEY_SERVER_FEATURES, notes])).toEqual(['notes/0001_create_note']);
    const app = createApp(t.ctx, [...KEY_SERVER_FEATURES, notes]);
    expect((await app.request('/api/notes', { method: 'POST', body: 'hi' })).status).toBe(201);
    const rows = await t.ctx.database.db
      .withTables<{ note: { text: string } }>()
      .selectFrom('note')
      .selectAll()
      .execute();
    expect(rows).toEqual([{ text: 'hi' }]);
  });

  it('a lease has one holder until it expires', async () => {
    const now = t.clock.now();
    expect(await tryAcquireLease(t.ctx.database, 'export', 'a', now, 1000)).toBe(true);
    expect(await tryAcquireLease(t.ctx.database, 'export', 'b', now + 10, 1000)).toBe(false);
    expect(await tryAcquireLease(t.ctx.database, 'export', 'a', now + 20, 1000)).toBe(true);
    expect(await tryAcquireLease(t.ctx.database, 'export', 'b', now + 1021, 1000)).toBe(true);
    await releaseLease(t.ctx.database, 'export', 'b');
    expect(await tryAcquireLease(t.ctx.database, 'export', 'a', now + 1022, 1000)).toBe(true);
  });

  it('serves blobs under /exports and refuses path tricks', async () => {
    await t.ctx.blobs.put('VN/index.txt', new TextEncoder().encode('VN/1-2-00001.zip\n'), 'text/plain');
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const res = await app.request('/exports/VN/index.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('VN/1-2-00001.zip\n');
    expect((await app.request('/exports/..%2Fkek')).status).toBe(404);
    // Dot segments are resolved by URL parsing before routing; whatever answers, never the KEK.
    const kek = fs.readFileSync(path.join(t.config.dataDir, 'kek'), 'utf8');
    for (const trick of [
      '/exports/..%2Fkek',
      '/exports/VN/%2E%2E/%2E%2E/kek',
      '/exports/.%2E/kek',
      '/exports/VN/../../kek',
    ]) {
      expect(await (await app.request(trick)).text()).not.toContain(kek);
    }
    expect((await app.request('/exports/VN/missing.zip')).status).toBe(404);
  });
});
