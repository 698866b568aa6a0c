/**
 * HTTP routes for units: list/read, CSV import/export, and agencies' staff rosters. Every route
 * resolves the caller's scope first; a unit manager sees and edits only their subtree.
 */
import { type AppEnv, parseBody, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import { z } from 'zod';
import { assertUnitInScope, requireUnitScope, rolloutScope, scopedUnit, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { normalizeVnPhone } from '../shared/vn-phone';
import { unitsToCsv } from './unit-csv';
import { importUnitsCsv } from './unit-import';
import {
  addRosterEntry,
  confirmRosterStatus,
  listRoster,
  listUnits,
  ROSTER_STATUSES,
  rosterEntryUnit,
} from './units-repository';

const rosterBody = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
});
const rosterStatusBody = z.object({ status: z.enum(ROSTER_STATUSES) });

export function unitsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  app.get('/api/rollout/units', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    return c.json({ units: visible ? units.filter((u) => visible.has(u.code)) : units });
  });

  app.get('/api/rollout/units.csv', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    c.header('content-type', 'text/csv; charset=utf-8');
    return c.body(unitsToCsv(visible ? units.filter((u) => visible.has(u.code)) : units));
  });

  // Body: the CSV itself (text/csv). All rows are checked; any bad row → 400 with every error.
  app.post('/api/rollout/units/import', async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const imported = await importUnitsCsv(db, ctx.clock, scope, await c.req.text());
    return c.json({ imported });
  });

  app.get('/api/rollout/units/:code', async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    return c.json({ unit, children: units.filter((u) => u.parentCode === unit.code) });
  });

  app.get('/api/rollout/units/:code/roster', async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    return c.json({ staff: await listRoster(db, unit.code) });
  });

  app.post('/api/rollout/units/:code/roster', async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const body = await parseBody(c, rosterBody);
    const id = await addRosterEntry(db, unit.code, {
      name: body.name,
      position: body.position ?? null,
      phone: body.phone ? normalizeVnPhone(body.phone) : null,
    });
    return c.json({ id }, 201);
  });

  // The unit's manager confirms each staff member's install status.
  app.patch('/api/rollout/roster/:id', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const id = Number(c.req.param('id'));
    assertUnitInScope(scope, await rosterEntryUnit(db, id), await listUnits(db));
    const body = await parseBody(c, rosterStatusBody);
    await confirmRosterStatus(db, ctx.clock, id, body.status, scope.label);
    return c.json({ id, status: body.status });
  });
}
