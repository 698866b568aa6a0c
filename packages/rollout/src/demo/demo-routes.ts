/**
 * The demo district over HTTP (@bluezone/protocol/api rollout/demo.ts): its status for the
 * dashboard's "demo data" notice, seeding (the first-run page's choice) and clearing. Admins only.
 */
import { demoApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { isRolloutAdmin, rolloutScope } from '../access/rollout-scope';
import { RolloutError } from '../rollout-error';
import { seedDemoDistrict } from './demo-district';
import { clearDemoActivity, demoDb, demoStatus } from './demo-repository';

async function requireAdmin(c: Context, ctx: ServerContext): Promise<string> {
  const scope = await rolloutScope(c, ctx);
  if (!isRolloutAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may seed or clear demo data');
  return scope.label;
}

export function demoRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = demoDb(ctx.database);

  app.get(api.getDemoStatus.path, async (c) => {
    // Anyone who may see the dashboard sees whether its figures are demo ones.
    await rolloutScope(c, ctx);
    return reply(c, api.getDemoStatus, await demoStatus(db));
  });

  app.post(api.seedDemo.path, async (c) => {
    const by = await requireAdmin(c, ctx);
    const body = await parseBody(c, api.seedDemo.request);
    const status = await seedDemoDistrict(ctx, { days: body.days ?? 30 });
    ctx.logger.info('demo district seeded', { by, ...status.counts });
    return reply(c, api.seedDemo, status, 201);
  });

  app.post(api.clearDemo.path, async (c) => {
    const by = await requireAdmin(c, ctx);
    const removed = await clearDemoActivity(db);
    ctx.logger.info('demo district cleared', { by, ...removed });
    return reply(c, api.clearDemo, { removed });
  });
}
