/**
 * HTTP routes for units: list/read, CSV import/export, and agencies' staff rosters. Every route
 * resolves the caller's scope first; a unit manager sees and edits only their subtree.
 */
import { unitsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import { assertUnitInScope, requireUnitScope, rolloutScope, scopedUnit, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { normalizeVnPhone } from '../shared/vn-phone';
import { unitsToCsv } from './unit-csv';
import { importUnitsCsv } from './unit-import';
import { addRosterEntry, confirmRosterStatus, listRoster, listUnits, rosterEntryUnit } from './units-repository';

export function unitsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  app.get(api.listUnits.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    return reply(c, api.listUnits, { units: visible ? units.filter((u) => visible.has(u.code)) : units });
  });

  app.get(api.unitsCsv.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    c.header('content-type', 'text/csv; charset=utf-8');
    return c.body(unitsToCsv(visible ? units.filter((u) => visible.has(u.code)) : units));
  });

  // Body: the CSV itself (text/csv). All rows are checked; any bad row → 400 with every error.
  app.post(api.importUnits.path, async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const imported = await importUnitsCsv(db, ctx.clock, scope, await c.req.text());
    return reply(c, api.importUnits, { imported });
  });

  app.get(api.getUnit.path, async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    return reply(c, api.getUnit, { unit, children: units.filter((u) => u.parentCode === unit.code) });
  });

  app.get(api.listRoster.path, async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    return reply(c, api.listRoster, { staff: await listRoster(db, unit.code) });
  });

  app.post(api.addRosterEntry.path, async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const body = await parseBody(c, api.addRosterEntry.request);
    const id = await addRosterEntry(db, unit.code, {
      name: body.name,
      position: body.position ?? null,
      phone: body.phone ? normalizeVnPhone(body.phone) : null,
    });
    return reply(c, api.addRosterEntry, { id }, 201);
  });

  // The unit's manager confirms each staff member's install status.
  app.patch(api.confirmRosterStatus.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const id = Number(c.req.param('id'));
    assertUnitInScope(scope, await rosterEntryUnit(db, id), await listUnits(db));
    const body = await parseBody(c, api.confirmRosterStatus.request);
    await confirmRosterStatus(db, ctx.clock, id, body.status, scope.label);
    return reply(c, api.confirmRosterStatus, { id, status: body.status });
  });
}
