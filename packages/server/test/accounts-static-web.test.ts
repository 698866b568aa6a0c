// The web app served at `/` by the server: files, SPA fallback, API paths left alone, no escape
// from dist/, and a clear page when the bundle is not built.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/app-env';
import { webAppRoutes } from '../src/http/static-web';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-web-'));
  fs.mkdirSync(path.join(dir, 'dist', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside dist');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function appWith(distDir: string) {
  const app = new Hono<AppEnv>();
  app.get('/api/ping', (c) => c.json({ pong: true }));
  webAppRoutes(app, distDir);
  app.notFound((c) => c.json({ code: 'not_found' }, 404));
  return app;
}

describe('web app static serving', () => {
  it('serves index.html at / and for app paths, assets with long caching, and leaves the API alone', async () => {
    const app = appWith(path.join(dir, 'dist'));
    for (const p of ['/', '/dashboard', '/unit/20164']) {
      const res = await app.request(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect(await (await app.request('/api/ping')).json()).toEqual({ pong: true });
    expect((await app.request('/api/nothing')).status).toBe(404);
  });

  it('never serves a file outside dist/', async () => {
    const app = appWith(path.join(dir, 'dist'));
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const res = await app.request(p);
      expect(await res.text(), p).not.toContain('outside dist');
    }
  });

  it('explains how to build the app when dist/ is missing', async () => {
    const app = appWith(path.join(dir, 'not-built'));
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w @bluezone/web');
    expect((await app.request('/api/ping')).status).toBe(200);
  });
});
