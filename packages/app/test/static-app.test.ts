// The server serves the built resident app at /app (packages/server/src/http/static-web.ts):
// /app redirects to /app/, assets are cached, unknown app paths get the app, a missing asset is
// a 404, and nothing outside dist/ is reachable.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../server/src/http/app-env';
import { webAppRoutes } from '../../server/src/http/static-web';

const dist = fs.mkdtempSync(path.join(tmpdir(), 'bluezone-app-dist-'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>resident app</title>');
fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
const secret = path.join(path.dirname(dist), `outside-${path.basename(dist)}.txt`);
fs.writeFileSync(secret, 'secret');
const app = new Hono<AppEnv>();
webAppRoutes(app, dist, '/app');
afterAll(() => {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(secret, { force: true });
});

describe('resident app static serving', () => {
  it('redirects /app, serves index and hashed assets', async () => {
    const r = await app.request('/app');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/app/');
    const index = await app.request('/app/');
    expect(await index.text()).toContain('resident app');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await app.request('/app/assets/index-abc.js');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/app/history')).status).toBe(200);
  });

  it('404s a missing asset, leaves other paths alone and never leaves dist', async () => {
    expect((await app.request('/app/assets/missing.js')).status).toBe(404);
    expect((await app.request('/apple')).status).toBe(404);
    expect((await app.request('/')).status).toBe(404);
    expect((await app.request(`/app/..%2f${path.basename(secret)}`)).status).toBe(404);
    expect((await app.request(`/app/../${path.basename(secret)}`)).status).toBe(404);
  });
});
