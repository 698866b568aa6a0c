/**
 * Serves the blob store at /exports/… (index.txt, zips, public key). At country scale the
 * same paths are served by object storage behind a CDN and this route is never hit.
 */
import type { Hono } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from './app-env';
import { ServerError } from './server-error';

const CONTENT_TYPES: Record<string, string> = {
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
  pem: 'application/x-pem-file',
  json: 'application/json',
};

export function exportRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/exports/*', async (c) => {
    const path = c.req.path.slice('/exports/'.length);
    let bytes: Uint8Array | undefined;
    try {
      bytes = await ctx.blobs.get(path);
    } catch (err) {
      if (err instanceof RangeError) throw new ServerError('not_found', 404, 'no such export file');
      throw err;
    }
    if (!bytes) throw new ServerError('not_found', 404, 'no such export file');
    const ext = path.slice(path.lastIndexOf('.') + 1);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      // Zips are immutable once listed; the index changes every window.
      'cache-control': ext === 'zip' ? 'public, max-age=86400, immutable' : 'public, max-age=60',
    });
  });
}
