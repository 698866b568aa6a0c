/**
 * Compression for slow networks (a mountain district on 3G): Brotli or gzip, whichever the
 * client prefers among those it accepts (RFC 9110 §12.5.3 Accept-Encoding, with q-values).
 * Static files come precompressed from the build (`name.js.br`, `name.js.gz`, written by
 * scripts/vite-precompress.mjs) or are compressed once and kept in memory; JSON and other text
 * answers are compressed as they go out (`compressResponses`). Every answer whose body could have
 * been compressed says `Vary: Accept-Encoding`, so a cache never hands Brotli to a client that
 * cannot read it.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

export type ContentEncoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are: a frame's overhead would eat the gain. */
export const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text-like media types worth compressing (images other than SVG, zips and PDFs already are). */
export function isCompressible(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  if (type === 'text/event-stream') return false; // streamed: compressing would buffer it
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/javascript' ||
    type === 'image/svg+xml' ||
    type === 'application/xml'
  );
}

/**
 * The encoding to answer with: the client's highest q among `br` and `gzip` (`*` counts for
 * both), Brotli on a tie; undefined for identity (no header, q=0, or neither accepted).
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const of = (coding: ContentEncoding) => q.get(coding) ?? q.get('*') ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

/**
 * Compresses `body`. `quality: 'max'` for files compressed once and kept (Brotli 11, gzip 9);
 * `'fast'` for answers compressed per request (Brotli 4, gzip 6: most of the gain at a few ms).
 */
export async function compress(
  body: Uint8Array,
  encoding: ContentEncoding,
  quality: 'max' | 'fast',
): Promise<Uint8Array<ArrayBuffer>> {
  if (encoding === 'br') {
    const out = await brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality === 'max' ? 11 : 4,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    });
    return new Uint8Array(out);
  }
  return new Uint8Array(await gzip(body, { level: quality === 'max' ? 9 : 6 }));
}

/** Adds `Accept-Encoding` to a response's Vary header, keeping what is there. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/**
 * Compresses API answers on the way out: text-like bodies (JSON, problem+json, CSV) of at least
 * MIN_COMPRESS_BYTES, when the client accepts an encoding and none is set yet. Files and streams
 * (zips, PDFs, audio, event streams) and answers with their own ETag go as they are.
 *
 * It looks at an answer's status and headers first and at its body only when it must: under
 * @hono/node-server an answer built from a string is written straight to the socket, and reading
 * its `body` turns it into a full Fetch Response (a web stream over the text) first, which cost
 * more server CPU than a whole `GET /health`. So an answer that declares its length (reply(),
 * problem bodies, /health) and is small, or goes to a client that accepts no encoding, only gets
 * its Vary header; only a large one the client can decode, or one of unknown length, is read.
 */
export function compressResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method === 'HEAD') return;
    const res = c.res;
    if (res.status === 204 || res.status === 304) return;
    const headers = res.headers;
    if (headers.has('content-encoding') || !isCompressible(headers.get('content-type'))) return;
    // A route that validates with a strong ETag (exports' index.txt) compares it with
    // If-None-Match itself; a compressed body would be another representation with another tag.
    if (headers.has('etag')) return;
    const declared = Number(headers.get('content-length') ?? Number.NaN);
    // A declared length above 0 says there is a body, without reading it; a small one is sent as
    // it is whatever the client accepts, so its Accept-Encoding is not even parsed.
    if (declared > 0 && declared < MIN_COMPRESS_BYTES) {
      varyOnEncoding(headers);
      return;
    }
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    if (declared > 0 && !encoding) {
      varyOnEncoding(headers);
      return;
    }
    if (res.body === null) return;
    // Reading `body` may have replaced the lightweight answer's headers: take them again.
    if (!encoding) {
      varyOnEncoding(res.headers);
      return;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const out = new Headers(res.headers);
    varyOnEncoding(out);
    let sent: Uint8Array<ArrayBuffer> = body;
    if (body.byteLength >= MIN_COMPRESS_BYTES) {
      sent = await compress(body, encoding, 'fast');
      out.set('content-encoding', encoding);
      out.delete('content-length');
    }
    // Cleared first: Hono's setter would otherwise wrap the new answer in yet another Response to
    // merge the old one's headers into it (`out` holds them already).
    c.res = undefined;
    c.res = new Response(sent, { status: res.status, statusText: res.statusText, headers: out });
  };
}
