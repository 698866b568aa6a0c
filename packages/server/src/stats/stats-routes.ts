/** `GET /api/stats?days=N` (admin key): see stats.ts. */
import { keyServerApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireApiKey } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { reply } from '../http/reply';
import { ServerError } from '../http/server-error';
import { computeStats } from './stats';

export function statsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get(api.stats.path, requireApiKey(ctx, 'admin'), async (c) => {
    const raw = c.req.query('days') ?? '14';
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) throw new ServerError('invalid_request', 400, 'days must be 1..999');
    return reply(c, api.stats, await computeStats(ctx, c.get('apiKey').realm, Number(raw)));
  });
}
