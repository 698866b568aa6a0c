/**
 * HTTP routes of office checkpoints: create, list, rename and retire them, pair gatekeepers'
 * phones, scan a token, record "no app", the day's log. Managers act within their subtree;
 * a paired phone (`X-Gate-Key`) only at its own checkpoint.
 */
import { checkpointsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { localDay } from '../shared/local-day';
import { subtreeCodes } from '../units/unit';
import { listUnits } from '../units/units-repository';
import {
  checkpointDay,
  createCheckpoint,
  parseDay,
  recordNoApp,
  renameCheckpoint,
  retireCheckpoint,
  scanToken,
} from './checkpoint';
import { getCheckpoint, listCheckpoints, revokeGateKeyRows } from './checkpoints-repository';
import { createGateKey, gateOfRequest } from './gate-keys';

export function checkpointsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  /** The checkpoint in the path, after checking the caller manages its unit. */
  async function managedCheckpoint(c: Context) {
    const scope = await rolloutScope(c, ctx);
    const checkpoint = await getCheckpoint(db, Number(c.req.param('id')));
    assertUnitInScope(scope, checkpoint.unitCode, await listUnits(db));
    return { label: scope.label, checkpoint };
  }

  /** The same, or the checkpoint a paired phone's gate key opens (it must be the one in the path). */
  async function guardedCheckpoint(c: Context) {
    return (await gateOfRequest(c, db, Number(c.req.param('id')))) ?? managedCheckpoint(c);
  }

  app.post(api.createCheckpoint.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const body = await parseBody(c, api.createCheckpoint.request);
    const units = await listUnits(db);
    if (!units.some((u) => u.code === body.unitCode)) {
      throw new RolloutError('unknown_unit', `no unit with code ${body.unitCode}`);
    }
    assertUnitInScope(scope, body.unitCode, units);
    return reply(c, api.createCheckpoint, await createCheckpoint(db, ctx.clock, body.unitCode, body.name), 201);
  });

  app.get(api.listCheckpoints.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    const unit = c.req.query('unit');
    let codes = visible === undefined ? undefined : [...visible];
    if (unit !== undefined) {
      if (!units.some((u) => u.code === unit)) throw new RolloutError('unknown_unit', `no unit with code ${unit}`);
      assertUnitInScope(scope, unit, units);
      codes = [...subtreeCodes(unit, units)];
    }
    const retired = c.req.query('retired');
    if (retired !== undefined && retired !== 'include' && retired !== 'exclude') {
      throw new RolloutError('invalid_input', 'retired must be include or exclude');
    }
    const checkpoints = await listCheckpoints(db, {
      ...(codes ? { unitCodes: codes } : {}),
      includeRetired: retired === 'include',
    });
    return reply(c, api.listCheckpoints, { checkpoints });
  });

  app.patch(api.renameCheckpoint.path, async (c) => {
    const { checkpoint } = await managedCheckpoint(c);
    const body = await parseBody(c, api.renameCheckpoint.request);
    return reply(c, api.renameCheckpoint, await renameCheckpoint(db, checkpoint, body.name));
  });

  app.post(api.retireCheckpoint.path, async (c) => {
    const { checkpoint } = await managedCheckpoint(c);
    return reply(c, api.retireCheckpoint, await retireCheckpoint(db, ctx.clock, checkpoint));
  });

  app.post(api.createGateKey.path, async (c) => {
    const { checkpoint, label } = await managedCheckpoint(c);
    const body = await parseBody(c, api.createGateKey.request);
    const gateKey = await createGateKey(db, ctx.clock, checkpoint, { label: body.label, createdBy: label });
    return reply(c, api.createGateKey, { gateKey, checkpoint }, 201);
  });

  app.post(api.revokeGateKeys.path, async (c) => {
    const { checkpoint } = await managedCheckpoint(c);
    return reply(c, api.revokeGateKeys, { revoked: await revokeGateKeyRows(db, checkpoint.id, ctx.clock.now()) });
  });

  app.get(api.getGate.path, async (c) => {
    const gate = await gateOfRequest(c, db);
    if (!gate) throw new RolloutError('invalid_input', 'send the gate key in X-Gate-Key');
    return reply(c, api.getGate, { checkpoint: gate.checkpoint });
  });

  app.post(api.scanToken.path, async (c) => {
    const { label, checkpoint } = await guardedCheckpoint(c);
    const body = await parseBody(c, api.scanToken.request);
    return reply(
      c,
      api.scanToken,
      await scanToken(db, ctx.clock, checkpoint, {
        token: body.token,
        direction: body.direction,
        ...(body.radio !== undefined ? { radio: body.radio } : {}),
        recordedBy: label,
      }),
    );
  });

  app.post(api.recordNoApp.path, async (c) => {
    const { label, checkpoint } = await guardedCheckpoint(c);
    const body = await parseBody(c, api.recordNoApp.request);
    await recordNoApp(db, ctx.clock, checkpoint, {
      direction: body.direction,
      reason: body.reason,
      ...(body.visitor !== undefined ? { visitor: body.visitor } : {}),
      recordedBy: label,
    });
    return reply(c, api.recordNoApp, { result: 'no_app' }, 201);
  });

  app.get(api.getCheckpointDay.path, async (c) => {
    const { checkpoint } = await guardedCheckpoint(c);
    const label = c.req.query('date');
    const day = label ? parseDay(label) : localDay(ctx.clock.now());
    return reply(c, api.getCheckpointDay, await checkpointDay(db, checkpoint.id, day));
  });
}
