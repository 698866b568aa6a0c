/** HTTP routes of office checkpoints: create/list, scan a token, record "no app", daily list. */
import { checkpointsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { localDay } from '../shared/local-day';
import { listUnits } from '../units/units-repository';
import { checkpointDay, createCheckpoint, parseDay, recordNoApp, scanToken } from './checkpoint';
import { getCheckpoint, listCheckpoints } from './checkpoints-repository';

export function checkpointsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  /** The checkpoint, after checking the caller manages its agency. */
  async function checkpointInScope(c: Context) {
    const scope = await rolloutScope(c, ctx);
    const checkpoint = await getCheckpoint(db, Number(c.req.param('id')));
    assertUnitInScope(scope, checkpoint.unitCode, await listUnits(db));
    return { scope, checkpoint };
  }

  app.post(api.createCheckpoint.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const body = await parseBody(c, api.createCheckpoint.request);
    assertUnitInScope(scope, body.unitCode, await listUnits(db));
    return reply(c, api.createCheckpoint, await createCheckpoint(db, ctx.clock, body.unitCode, body.name), 201);
  });

  app.get(api.listCheckpoints.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const visible = visibleCodes(scope, await listUnits(db));
    const checkpoints = await listCheckpoints(db);
    return reply(c, api.listCheckpoints, {
      checkpoints: checkpoints.filter((k) => !visible || visible.has(k.unitCode)),
    });
  });

  app.post(api.scanToken.path, async (c) => {
    const { scope, checkpoint } = await checkpointInScope(c);
    const body = await parseBody(c, api.scanToken.request);
    return reply(c, api.scanToken, await scanToken(db, ctx.clock, checkpoint, { ...body, recordedBy: scope.label }));
  });

  app.post(api.recordNoApp.path, async (c) => {
    const { scope, checkpoint } = await checkpointInScope(c);
    const body = await parseBody(c, api.recordNoApp.request);
    await recordNoApp(db, ctx.clock, checkpoint, {
      direction: body.direction,
      reason: body.reason,
      ...(body.visitor !== undefined ? { visitor: body.visitor } : {}),
      recordedBy: scope.label,
    });
    return reply(c, api.recordNoApp, { result: 'no_app' }, 201);
  });

  app.get(api.getCheckpointDay.path, async (c) => {
    const { checkpoint } = await checkpointInScope(c);
    const label = c.req.query('date');
    const day = label ? parseDay(label) : localDay(ctx.clock.now());
    return reply(c, api.getCheckpointDay, await checkpointDay(db, checkpoint.id, day));
  });
}
