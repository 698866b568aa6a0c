/**
 * Serves the web app (packages/web, built by Vite into packages/web/dist) at `/`: its static
 * files, and index.html for any other GET outside the API so deep links load the app. When the
 * bundle has not been built the server still runs; `/` then says how to build it.
 * Assets have content hashes in their names, so they are cached for a year; index.html never.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

/** packages/web/dist, found from this file (packages/server/src/http). */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths owned by the API and exports: never answered with the app. */
const API_PREFIXES = ['/api/', '/v1/', '/exports/', '/health'];

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Bluezone</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Bluezone server is running</h1>
<p>The web app has not been built. Build it with <code>npm run build -w @bluezone/web</code>
(<code>npm start</code> does this first) and reload. The API is available under <code>/api/</code>.</p>`;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  // Everything the app loads is its own: no CDN, no inline script. Camera frames are blob-free.
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

/** packages/app/dist: the resident app built for browsers (react-native-web), mounted at `/app`. */
export const DEFAULT_RESIDENT_APP_DIST = fileURLToPath(new URL('../../../app/dist', import.meta.url));

/** Serves `distDir` at `mount` (`''` = the site root; `/app` for the resident app). */
export function webAppRoutes(app: Hono<AppEnv>, distDir: string = DEFAULT_WEB_DIST, mount = ''): void {
  const root = path.resolve(distDir);
  if (mount !== '') app.get(mount, (c) => c.redirect(`${mount}/`));
  app.get(mount === '' ? '*' : `${mount}/*`, async (c, next) => {
    const urlPath = c.req.path.slice(mount.length);
    if (API_PREFIXES.some((p) => urlPath.startsWith(p))) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return next();
    }
    const file = path.resolve(root, `.${decoded}`);
    // Never outside dist/ (../ or encoded traversal).
    if (file !== root && !file.startsWith(root + path.sep)) return next();
    const ext = path.extname(file);
    const bytes = ext !== '' ? await readFileOrNull(file) : null;
    if (bytes) {
      const immutable = decoded.startsWith('/assets/');
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
    }
    // A missing asset is a 404; any other path is a page of the app.
    if (ext !== '' && ext !== '.html') return next();
    const index = await readFileOrNull(path.join(root, 'index.html'));
    if (!index) return c.html(NOT_BUILT, 503, { 'cache-control': 'no-store' });
    return c.body(new Uint8Array(index), 200, {
      'content-type': CONTENT_TYPES['.html'] as string,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
  });
}
