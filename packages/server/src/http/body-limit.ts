/**
 * The request body size limit. A request that declares its length (almost all) is judged by
 * its Content-Length header alone, as hono's bodyLimit does too; only a chunked body goes
 * through hono's bodyLimit, which buffers it and counts. Hono's middleware first asks for
 * `c.req.raw.body`, which makes @hono/node-server build a full Fetch Request (headers,
 * AbortController, web stream over the socket) for every request, bodiless GETs included;
 * under `bluezone bench server` that was a tenth of a request's CPU time.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env';
import { ServerError } from './server-error';

/** The largest request body any route accepts (a publish of 30 keys is about 3 KiB). */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

export function requestBodyLimit(maxBytes = MAX_REQUEST_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new ServerError('payload_too_large', 413, `request body exceeds ${maxBytes} bytes`);
  };
  const buffered = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return buffered(c, next);
    // RFC 9112 §6.3: a request with neither header has no body. Node's HTTP parser refuses a
    // malformed Content-Length and never delivers more bytes than it says.
    const length = c.req.header('content-length');
    if (length !== undefined && Number(length) > maxBytes) tooLarge();
    await next();
  };
}
