/**
 * The HTTP app: shared middleware (request id, access log, body limit), the health endpoint,
 * static exports, every feature's routes, and the one error mapping: a ServerError becomes
 * its problem+json body; anything else is logged and becomes a bare 500.
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { sql } from 'kysely';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailableError,
  isDatabaseUnavailable,
  unavailableReason,
} from '../database/database-unavailable';
import { isNulCharacterError } from '../database/nul-character';
import type { Feature, ServerContext } from '../feature';
import type { AppEnv } from './app-env';
import { requestBodyLimit } from './body-limit';
import { compressResponses } from './compression';
import { jsonHeaders } from './reply';
import { ServerError } from './server-error';
import { exportRoutes } from './static-exports';
import { DEFAULT_RESIDENT_APP_DIST, webAppRoutes } from './static-web';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(err: ServerError, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(err.toJSON());
  return new Response(text, {
    status: err.status,
    headers: { ...jsonHeaders(text, PROBLEM_CONTENT_TYPE), ...headers },
  });
}

/** How often, at most, requests refused for an unreachable database are logged (with their count). */
const UNAVAILABLE_LOG_EVERY_MS = 5_000;

export function createApp(ctx: ServerContext, features: readonly Feature[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = ctx.logger;

  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    // The id reaches the client (problem pages show it, so a report names the log line).
    try {
      c.res.headers.set('x-request-id', requestId);
    } catch {
      // an immutable response (a proxied fetch): it goes without the id
    }
    // Path only: query strings could carry codes; bodies are never logged.
    log.debug('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(requestBodyLimit());
  app.use(compressResponses()); // JSON for phones on 3G; static files compress themselves

  const health = (c: Context, status: 'ok' | 'unavailable', code: 200 | 503) => {
    const text = JSON.stringify({ status, database: ctx.database.dialect });
    return c.body(text, code, jsonHeaders(text));
  };
  app.get('/health', async (c) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
    } catch (err) {
      // Load balancers poll this every few seconds: one line with the reason, not a stack each time.
      log.warn('health check failed', { reason: unavailableReason(err) });
      return health(c, 'unavailable', 503);
    }
    return health(c, 'ok', 200);
  });

  exportRoutes(app, ctx);
  for (const feature of features) feature.routes?.(app, ctx);
  webAppRoutes(app, DEFAULT_RESIDENT_APP_DIST, '/app'); // the resident app (packages/app/dist)
  webAppRoutes(app); // the web app at `/` (packages/web/dist)

  // While the database is unreachable every request that needs it fails the same way: counted
  // and logged every few seconds rather than once per request.
  let unavailable = { count: 0, loggedAt: Number.NEGATIVE_INFINITY };
  const noteUnavailable = (err: unknown) => {
    unavailable.count++;
    const now = performance.now();
    if (now - unavailable.loggedAt < UNAVAILABLE_LOG_EVERY_MS) return;
    log.warn('database unavailable', { requests: unavailable.count, reason: unavailableReason(err) });
    unavailable = { count: 0, loggedAt: now };
  };

  app.notFound(() => problemResponse(new ServerError('not_found', 404, 'no such resource')));
  app.onError((err, c) => {
    // A 503 the phone retries, not a 500: nothing was stored (a write that failed rolled back;
    // one whose commit answer was lost is found on the retry: keys are never stored twice).
    if ((!(err instanceof ServerError) || err.status >= 500) && isDatabaseUnavailable(err)) {
      noteUnavailable(err);
      return problemResponse(databaseUnavailableError(), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    if (isNulCharacterError(err)) {
      return problemResponse(new ServerError('invalid_request', 400, 'text must not contain the NUL character'));
    }
    if (err instanceof ServerError) {
      if (err.status >= 500) log.error('server error', { code: err.code, detail: err.message });
      return problemResponse(err);
    }
    const requestId = c.get('requestId');
    log.error('unhandled error', { requestId, path: c.req.path, err });
    // A problem body like every other answer (it was an empty 500), naming the log line.
    const internal = new ServerError('internal', 500, 'the server could not handle this request');
    const text = JSON.stringify({ ...internal.toJSON(), requestId });
    return new Response(text, { status: 500, headers: jsonHeaders(text, PROBLEM_CONTENT_TYPE) });
  });
  return app;
}
