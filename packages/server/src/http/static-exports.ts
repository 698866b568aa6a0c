/**
 * Serves the blob store at /exports/… (index.txt, zips, public key), from whichever store the
 * server has (EXPORT_STORE: a local folder or the database). At country scale a CDN serves the
 * same paths and this route sees only its misses and revalidations: zips are immutable once
 * listed, index.txt may be cached for a minute, and every answer has a strong ETag so a
 * revalidation costs a 304, not the file.
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from './app-env';
import { notModifiedSince } from './if-none-match';
import { ServerError } from './server-error';

const CONTENT_TYPES: Record<string, string> = {
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
  pem: 'application/x-pem-file',
  json: 'application/json',
};

const notFound = () => new ServerError('not_found', 404, 'no such export file');

/** RFC 9110 §8.8.3: a strong validator, here a digest of the bytes (the same on every process). */
function entityTag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

export function exportRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/exports/*', async (c) => {
    const path = c.req.path.slice('/exports/'.length);
    let bytes: Uint8Array | undefined;
    try {
      bytes = await ctx.blobs.get(path);
    } catch (err) {
      if (err instanceof RangeError) throw notFound(); // not a path the store can hold
      throw err;
    }
    if (!bytes) throw notFound();
    const ext = path.slice(path.lastIndexOf('.') + 1);
    const tag = entityTag(bytes);
    const headers = {
      etag: tag,
      // Zips are immutable once listed; the index changes every window.
      'cache-control': ext === 'zip' ? 'public, max-age=86400, immutable' : 'public, max-age=60',
    };
    if (notModifiedSince(c.req.header('if-none-match'), tag)) return c.body(null, 304, headers);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    });
  });
}
