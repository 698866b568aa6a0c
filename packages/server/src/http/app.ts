/**
 * The HTTP app: shared middleware (request id, access log, body limit), the health endpoint,
 * static exports, every feature's routes, and the one error mapping: a ServerError becomes
 * its problem+json body; anything else is logged and becomes a bare 500.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Feature, ServerContext } from '../feature';
import type { AppEnv } from './app-env';
import { requestBodyLimit } from './body-limit';
import { ServerError } from './server-error';
import { exportRoutes } from './static-exports';
import { DEFAULT_RESIDENT_APP_DIST, webAppRoutes } from './static-web';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(err: ServerError): Response {
  return new Response(JSON.stringify(err.toJSON()), {
    status: err.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

export function createApp(ctx: ServerContext, features: readonly Feature[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = ctx.logger;

  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
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

  app.get('/health', async (c) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
    } catch (err) {
      log.error('health check failed', { err });
      return c.json({ status: 'unavailable', database: ctx.database.dialect }, 503);
    }
    return c.json({ status: 'ok', database: ctx.database.dialect });
  });

  exportRoutes(app, ctx);
  for (const feature of features) feature.routes?.(app, ctx);
  webAppRoutes(app, DEFAULT_RESIDENT_APP_DIST, '/app'); // the resident app (packages/app/dist)
  webAppRoutes(app); // the web app at `/` (packages/web/dist)

  app.notFound(() => problemResponse(new ServerError('not_found', 404, 'no such resource')));
  app.onError((err, c) => {
    if (err instanceof ServerError) {
      if (err.status >= 500) log.error('server error', { code: err.code, detail: err.message });
      return problemResponse(err);
    }
    log.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, err });
    return new Response(null, { status: 500 });
  });
  return app;
}
