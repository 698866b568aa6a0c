// Request bodies over real HTTP (the node-server path parseBody reads directly) and through
// app.request() (the Fetch path): same limits, same problems, same parsed values.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../src/http/app-env';
import { MAX_REQUEST_BODY_BYTES, requestBodyLimit } from '../src/http/body-limit';
import { parseBody } from '../src/http/parse-body';
import { ServerError } from '../src/http/server-error';

const schema = z.object({ name: z.string(), n: z.number().int() });

function probeApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestBodyLimit());
  app.post('/echo', async (c) => c.json(await parseBody(c, schema)));
  app.onError((err) =>
    err instanceof ServerError
      ? new Response(JSON.stringify(err.toJSON()), { status: err.status })
      : new Response(null, { status: 500 }),
  );
  return app;
}

/** The same JSON body posted over real HTTP (to `port`) and to `app` in process. */
async function bothWays(
  app: Hono<AppEnv>,
  port: number,
  body: string,
): Promise<{ overHttp: Reply; inProcess: Response }> {
  const overHttp = await post(port, body);
  const inProcess = await app.request('/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { overHttp, inProcess };
}

interface Reply {
  status: number;
  body: string;
}

/** One raw HTTP/1.1 request; `chunked` sends the body without a Content-Length. */
function post(port: number, body: string | Buffer, chunked = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/echo',
        headers: chunked
          ? { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
          : { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Several chunks, so a reader that counted only the first would miss the overflow.
      for (let i = 0; i < payload.length; i += 64 * 1024) req.write(payload.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(payload);
  });
}

describe('request bodies', () => {
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    server = serve({ fetch: probeApp().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('parses a JSON body over HTTP, with Content-Length or chunked, and with a byte order mark', async () => {
    const json = JSON.stringify({ name: 'Nam Đông', n: 7 });
    for (const reply of [
      await post(port, json),
      await post(port, json, true),
      await post(port, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])),
    ]) {
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ name: 'Nam Đông', n: 7 });
    }
  });

  it('refuses a body over the limit with 413, declared or chunked, and accepts one just under it', async () => {
    const filler = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes - 20), n: 1 });
    const over = filler(MAX_REQUEST_BODY_BYTES + 10);
    for (const reply of [await post(port, over), await post(port, over, true)]) {
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ code: 'payload_too_large' });
    }
    const under = filler(MAX_REQUEST_BODY_BYTES - 10);
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
    expect((await post(port, under)).status).toBe(200);
    expect((await post(port, under, true)).status).toBe(200);
  });

  it('answers malformed JSON and schema failures with the same 400 problems over HTTP and in-process', async () => {
    const app = probeApp();
    for (const [body, detail] of [
      ['{"name": ', 'the body must be a JSON object'],
      ['{"name": "a", "n": 1.5}', 'n: '],
    ] as const) {
      const { overHttp, inProcess } = await bothWays(app, port, body);
      expect(overHttp.status).toBe(400);
      expect(inProcess.status).toBe(400);
      const problem = JSON.parse(overHttp.body);
      expect(problem).toMatchObject({ code: 'invalid_request' });
      expect(problem.detail ?? problem.message).toContain(detail);
      expect(await inProcess.json()).toEqual(problem);
    }
  });

  it('refuses the NUL character over HTTP and in-process alike, and takes a backslash before "u0000" as text', async () => {
    const app = probeApp();
    for (const [body, status, field] of [
      [JSON.stringify({ name: 'a\u0000b', n: 1 }), 400, 'name'],
      ['{"name": "x", "n": 1, "extra": {"\\u0000": 1}}', 400, 'extra.\u0000'],
      [JSON.stringify({ name: 'C:\\u0000', n: 1 }), 200, undefined],
    ] as const) {
      const { overHttp, inProcess } = await bothWays(app, port, body);
      expect(overHttp.status).toBe(status);
      expect(inProcess.status).toBe(status);
      if (field !== undefined) expect(JSON.parse(overHttp.body)).toMatchObject({ code: 'invalid_request', field });
      expect(await inProcess.text()).toBe(overHttp.body);
    }
  });
});
