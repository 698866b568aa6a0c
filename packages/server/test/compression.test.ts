// Compression for slow networks: Accept-Encoding negotiation, the web apps' files precompressed or
// compressed once (with Vary, caching and ETag/304 on index.html), and JSON answers compressed on
// the way out — never a body the client did not ask to be encoded, never an ETag'd export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { keyServerApi } from '@bluezone/protocol/api';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/app-env';
import { compressResponses, negotiateEncoding } from '../src/http/compression';
import { jsonHeaders, reply } from '../src/http/reply';
import { webAppRoutes } from '../src/http/static-web';

let dir: string;
const script = `console.log(${JSON.stringify('Bluezone '.repeat(400))});\n`;
const page = `<!doctype html><html lang="vi"><title>Bluezone</title><div id="root"></div>${'<!-- padding -->'.repeat(80)}`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-compress-'));
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), page);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), script);
  // A build's precompressed copy: served as it is (here recognisably different from a fresh one).
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync('precompressed'));
  fs.writeFileSync(path.join(dir, 'assets', 'tiny-1.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(dir, 'assets', 'logo-1.png'), Buffer.alloc(4096, 1));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function app() {
  const a = new Hono<AppEnv>();
  a.use(compressResponses());
  a.get('/api/big', (c) => c.json({ units: Array.from({ length: 200 }, (_, i) => ({ code: `2016${i}`, n: i })) }));
  a.get('/api/small', (c) => c.json({ ok: true }));
  a.get('/api/tagged', (c) => c.text('x'.repeat(5000), 200, { etag: '"v1"' }));
  a.get('/exports/VN/1.zip', (c) => c.body(new Uint8Array(5000), 200, { 'content-type': 'application/zip' }));
  webAppRoutes(a, dir);
  return a;
}

const get = (url: string, headers: Record<string, string> = {}) => app().request(url, { headers });

function decode(bytes: ArrayBuffer, encoding: string | null): string {
  const b = Buffer.from(bytes);
  if (encoding === 'br') return zlib.brotliDecompressSync(b).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(b).toString('utf8');
  return b.toString('utf8');
}

describe('Accept-Encoding negotiation (RFC 9110 §12.5.3)', () => {
  it('takes the best q among br and gzip, Brotli on a tie, nothing on q=0 or identity', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br'); // what Chromium sends
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0.2, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding(undefined)).toBeUndefined();
  });
});

describe('static web apps, compressed', () => {
  it('serves a hashed asset from its precompressed copy, or compressed here, with Vary and a year of caching', async () => {
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toContain('text/javascript');
    expect(decode(await br.arrayBuffer(), 'br')).toBe('precompressed');

    const gz = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBytes = await gz.arrayBuffer();
    expect(decode(gzBytes, 'gzip')).toBe(script);
    expect(gzBytes.byteLength).toBeLessThan(script.length / 10);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);
  });

  it('leaves small files and images alone', async () => {
    const css = await get('/assets/tiny-1.css', { 'accept-encoding': 'br' });
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(await css.text()).toBe('body{margin:0}');
    const png = await get('/assets/logo-1.png', { 'accept-encoding': 'br' });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
  });

  it('revalidates index.html with a strong ETag per encoding: a reload costs a 304', async () => {
    for (const [accept, encoding] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['', null],
    ] as const) {
      const first = await get('/dashboard', accept ? { 'accept-encoding': accept } : {});
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      expect(first.headers.get('content-encoding')).toBe(encoding);
      expect(decode(await first.arrayBuffer(), encoding)).toBe(page);
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(encoding ? new RegExp(`^"[\\w-]{22}-${encoding}"$`) : /^"[\w-]{22}"$/);
      const again = await get('/', { 'if-none-match': etag, ...(accept ? { 'accept-encoding': accept } : {}) });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    const other = await get('/', { 'if-none-match': '"stale"', 'accept-encoding': 'br' });
    expect(other.status).toBe(200);
  });

  it('answers If-None-Match: * with a 304, as the export files and the calibration list do', async () => {
    // RFC 9110 §13.1.2: `*` asks for the body only if the page has no current representation.
    const any = await get('/', { 'if-none-match': '*', 'accept-encoding': 'gzip' });
    expect(any.status).toBe(304);
    expect(any.headers.get('etag')).toMatch(/^"[\w-]{22}-gzip"$/);
    expect(await any.text()).toBe('');
  });
});

describe('API answers, compressed on the way out', () => {
  it('compresses a large JSON answer the client accepts, not a small one', async () => {
    const big = await get('/api/big', { 'accept-encoding': 'gzip, br' });
    expect(big.headers.get('content-encoding')).toBe('br');
    expect(big.headers.get('vary')).toContain('Accept-Encoding');
    const body = JSON.parse(decode(await big.arrayBuffer(), 'br')) as { units: unknown[] };
    expect(body.units).toHaveLength(200);

    const identity = await get('/api/big');
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.headers.get('vary')).toContain('Accept-Encoding');
    expect(((await identity.json()) as { units: unknown[] }).units).toHaveLength(200);

    const small = await get('/api/small', { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
  });

  it('leaves zips and answers with their own ETag as they are', async () => {
    const zip = await get('/exports/VN/1.zip', { 'accept-encoding': 'br' });
    expect(zip.headers.get('content-encoding')).toBeNull();
    expect((await zip.arrayBuffer()).byteLength).toBe(5000);
    const tagged = await get('/api/tagged', { 'accept-encoding': 'br' });
    expect(tagged.headers.get('content-encoding')).toBeNull();
    expect(tagged.headers.get('etag')).toBe('"v1"');
  });
});

describe('API answers judged by their declared length', () => {
  // Under @hono/node-server reading `body` turns a string answer into a Fetch Response with a web
  // stream before it is written: the middleware must not touch it when the headers decide.
  function watched(text: string, headers: Record<string, string>) {
    const res = new Response(text, { headers });
    let reads = 0;
    const body = Object.getOwnPropertyDescriptor(Response.prototype, 'body')?.get;
    Object.defineProperty(res, 'body', {
      get() {
        reads++;
        return body?.call(res);
      },
    });
    return { res, reads: () => reads };
  }

  it('adds Vary without reading the body of a small answer or of one the client cannot decode', async () => {
    const small = '{"ok":true}';
    const large = JSON.stringify({ units: 'x'.repeat(4000) });
    for (const [text, accept] of [
      [small, 'br'],
      [small, ''],
      [large, ''],
    ] as const) {
      const answer = watched(text, jsonHeaders(text));
      const a = new Hono<AppEnv>();
      a.use(compressResponses());
      a.get('/api/x', () => answer.res);
      const res = await a.request('/api/x', { headers: accept ? { 'accept-encoding': accept } : {} });
      expect(answer.reads()).toBe(0);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(await res.text()).toBe(text);
    }
  });

  it('still compresses a large declared answer the client accepts, dropping its length', async () => {
    const text = JSON.stringify({ units: 'Nam Đông '.repeat(500) });
    const a = new Hono<AppEnv>();
    a.use(compressResponses());
    a.get('/api/x', (c) => c.body(text, 200, jsonHeaders(text)));
    const res = await a.request('/api/x', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(decode(await res.arrayBuffer(), 'gzip')).toBe(text);
  });

  it('reply() declares the byte length of its JSON, non-ASCII text included', async () => {
    const a = new Hono<AppEnv>();
    a.get('/', (c) => reply(c, keyServerApi.certificate, { certificate: 'chứng nhận' }, 201));
    const res = await a.request('/');
    const bytes = await res.arrayBuffer();
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toEqual({ certificate: 'chứng nhận' });
  });
});
