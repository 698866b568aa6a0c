/**
 * Serves the web app (packages/web, built by Vite into packages/web/dist) at `/`: its static
 * files, and index.html for any other GET outside the API so deep links load the app. When the
 * bundle has not been built the server still runs; `/` then says how to build it.
 * Assets have content hashes in their names, so they are cached for a year; index.html is
 * revalidated (ETag). Text files go Brotli- or gzip-compressed (compression.ts), from the build's
 * precompressed copies when there are some.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env';
import { type ContentEncoding, compress, isCompressible, MIN_COMPRESS_BYTES, negotiateEncoding } from './compression';
import { notModifiedSince } from './if-none-match';

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
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
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

/** Files compressed here (no precompressed sibling), kept per file version; the oldest go first. */
const compressedCache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
const COMPRESSED_CACHE_ENTRIES = 256;

/**
 * `file`'s bytes in `encoding`: its precompressed sibling from the build (`.br`, `.gz`) when it is
 * at least as new as the file, else compressed once and cached for this version of the file.
 */
async function encodedFile(file: string, bytes: Buffer, encoding: ContentEncoding): Promise<Uint8Array<ArrayBuffer>> {
  const stat = await fs.stat(file);
  const sibling = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
  try {
    if ((await fs.stat(sibling)).mtimeMs >= stat.mtimeMs) return new Uint8Array(await fs.readFile(sibling));
  } catch {
    // none built: compress here
  }
  const key = `${file}\0${stat.mtimeMs}\0${stat.size}\0${encoding}`;
  let compressed = compressedCache.get(key);
  if (!compressed) {
    compressed = compress(bytes, encoding, 'max');
    compressed.catch(() => compressedCache.delete(key));
    compressedCache.set(key, compressed);
    if (compressedCache.size > COMPRESSED_CACHE_ENTRIES) {
      compressedCache.delete(compressedCache.keys().next().value as string);
    }
  }
  return compressed;
}

/**
 * One file of an app, in the encoding the client prefers. Hashed assets are immutable for a
 * year; other files (index.html) are revalidated each time with a strong ETag per encoding, so a
 * reload on 3G costs a 304.
 */
async function fileResponse(
  c: Context<AppEnv>,
  file: string,
  bytes: Buffer,
  contentType: string,
  immutable: boolean,
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  };
  const compressible = isCompressible(contentType) && bytes.byteLength >= MIN_COMPRESS_BYTES;
  const encoding = compressible ? negotiateEncoding(c.req.header('accept-encoding')) : undefined;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (encoding) headers['content-encoding'] = encoding;
  if (!immutable) {
    const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
    headers.etag = `"${digest}${encoding ? `-${encoding}` : ''}"`;
    if (notModifiedSince(c.req.header('if-none-match'), headers.etag)) return c.body(null, 304, headers);
  }
  const body = encoding ? await encodedFile(file, bytes, encoding) : new Uint8Array(bytes);
  return c.body(body, 200, headers);
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
      const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
      return fileResponse(c, file, bytes, type, decoded.startsWith('/assets/'));
    }
    // A missing asset is a 404; any other path is a page of the app.
    if (ext !== '' && ext !== '.html') return next();
    const indexFile = path.join(root, 'index.html');
    const index = await readFileOrNull(indexFile);
    if (!index) return c.html(NOT_BUILT, 503, { 'cache-control': 'no-store' });
    return fileResponse(c, indexFile, index, CONTENT_TYPES['.html'] as string, false);
  });
}
