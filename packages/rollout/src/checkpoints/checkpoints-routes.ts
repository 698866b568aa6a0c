/** HTTP routes of office checkpoints: create/list, scan a token, record "no app", daily list. */
import { type AppEnv, parseBody, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { assertUnitInScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { localDay } from '../shared/local-day';
import { listUnits } from '../units/units-repository';
import { checkpointDay, createCheckpoint, parseDay, recordNoApp, scanToken } from './checkpoint';
import { getCheckpoint, listCheckpoints } from './checkpoints-repository';

const createBody = z.object({ unitCode: z.string().min(1).max(32), name: z.string().min(1).max(200) });
const direction = z.enum(['entry', 'exit']);
const scanBody = z.object({ token: z.string().min(1).max(2000), direction });
const noAppBody = z.object({ direction, reason: z.string().min(1).max(500), visitor: z.string().max(200).optional() });

export function checkpointsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  /** The checkpoint, after checking the caller manages its agency. */
  async function checkpointInScope(c: Context) {
    const scope = await rolloutScope(c, ctx);
    const checkpoint = await getCheckpoint(db, Number(c.req.param('id')));
    assertUnitInScope(scope, checkpoint.unitCode, await listUnits(db));
    return { scope, checkpoint };
  }

  app.post('/api/rollout/checkpoints', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const body = await parseBody(c, createBody);
    assertUnitInScope(scope, body.unitCode, await listUnits(db));
    return c.json(await createCheckpoint(db, ctx.clock, body.unitCode, body.name), 201);
  });

  app.get('/api/rollout/checkpoints', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const visible = visibleCodes(scope, await listUnits(db));
    const checkpoints = await listCheckpoints(db);
    return c.json({ checkpoints: checkpoints.filter((k) => !visible || visible.has(k.unitCode)) });
  });

  app.post('/api/rollout/checkpoints/:id/scan', async (c) => {
    const { scope, checkpoint } = await checkpointInScope(c);
    const body = await parseBody(c, scanBody);
    return c.json(await scanToken(db, ctx.clock, checkpoint, { ...body, recordedBy: scope.label }));
  });

  app.post('/api/rollout/checkpoints/:id/no-app', async (c) => {
    const { scope, checkpoint } = await checkpointInScope(c);
    const body = await parseBody(c, noAppBody);
    await recordNoApp(db, ctx.clock, checkpoint, {
      direction: body.direction,
      reason: body.reason,
      ...(body.visitor !== undefined ? { visitor: body.visitor } : {}),
      recordedBy: scope.label,
    });
    return c.json({ result: 'no_app' }, 201);
  });

  app.get('/api/rollout/checkpoints/:id/day', async (c) => {
    const { checkpoint } = await checkpointInScope(c);
    const label = c.req.query('date');
    const day = label ? parseDay(label) : localDay(ctx.clock.now());
    return c.json(await checkpointDay(db, checkpoint.id, day));
  });
}
