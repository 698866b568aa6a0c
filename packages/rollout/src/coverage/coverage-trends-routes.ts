/** GET /api/rollout/coverage/trends: coverage of a unit and each unit under it over a period. */
import { coverageTrendsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, reply, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import { assertUnitInScope, rolloutScope, scopeRoot } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { listUnits } from '../units/units-repository';
import { coverageTrends, trendPeriod } from './coverage-trends';

export function coverageTrendsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);
  app.get(api.coverageTrends.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const root = c.req.query('unit') ?? scopeRoot(scope) ?? units.find((u) => u.parentCode === null)?.code ?? '';
    assertUnitInScope(scope, root, units);
    const period = trendPeriod(ctx.clock.now(), {
      days: c.req.query('days'),
      from: c.req.query('from'),
      to: c.req.query('to'),
    });
    return reply(c, api.coverageTrends, await coverageTrends(db, root, period));
  });
}
