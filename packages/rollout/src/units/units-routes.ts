/**
 * HTTP routes for units: list/read, CSV import/export, and agencies' staff rosters. Every route
 * resolves the caller's scope first; a unit manager sees and edits only their subtree.
 */
import { unitsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, requireApiKey, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import {
  assertUnitInScope,
  type RolloutScope,
  requireUnitScope,
  rolloutScope,
  scopedUnit,
  visibleCodes,
} from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { normalizeVnPhone } from '../shared/vn-phone';
import { nearestHealthStation } from './health-station';
import { populationWarnings } from './population-check';
import { type AreaKind, isAreaKind } from './unit';
import { archivedQuery, archiveUnit, filterArchived, restoreUnit } from './unit-archive';
import { unitsToCsv } from './unit-csv';
import { importUnitsCsv } from './unit-import';
import { addRosterEntry, confirmRosterStatus, listRoster, listUnits, rosterEntryUnit } from './units-repository';

export function unitsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  /** The units a scope sees, and the population warnings among them. */
  const visibleUnits = async (scope: RolloutScope) => {
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    return { units, visible: visible ? units.filter((u) => visible.has(u.code)) : units, codes: visible };
  };

  app.get(api.listUnits.path, async (c) => {
    const { units, visible, codes } = await visibleUnits(await rolloutScope(c, ctx));
    return reply(c, api.listUnits, {
      units: filterArchived(visible, archivedQuery(c.req.query('archived'))),
      warnings: populationWarnings(units, codes),
    });
  });

  // The app's home picker (device key): the areas a resident may name as home.
  app.get(api.homeUnits.path, requireApiKey(ctx, 'device'), async (c) => {
    const all = await listUnits(db);
    const units = all.filter((u) => u.archivedAt === null && isAreaKind(u.kind));
    return reply(c, api.homeUnits, {
      units: units.map((u) => ({
        code: u.code,
        name: u.name,
        kind: u.kind as AreaKind,
        parentCode: u.parentCode,
        healthStation: nearestHealthStation(all, u.code),
      })),
    });
  });

  // What an import reads back: archived units are left out (an import may not name them).
  app.get(api.unitsCsv.path, async (c) => {
    const { visible } = await visibleUnits(await rolloutScope(c, ctx));
    c.header('content-type', 'text/csv; charset=utf-8');
    return c.body(unitsToCsv(filterArchived(visible, undefined)));
  });

  // Body: the CSV itself (text/csv). All rows are checked; any bad row → 400 with every error.
  app.post(api.importUnits.path, async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const imported = await importUnitsCsv(db, ctx.clock, scope, await c.req.text());
    const { units, codes } = await visibleUnits(scope);
    return reply(c, api.importUnits, { imported, warnings: populationWarnings(units, codes) });
  });

  app.post(api.archiveUnit.path, async (c) => {
    const { scope, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    assertNotScopeRoot(scope, unit.code);
    return reply(c, api.archiveUnit, { unit: await archiveUnit(db, ctx.clock, unit.code) });
  });

  app.post(api.restoreUnit.path, async (c) => {
    const { scope, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    assertNotScopeRoot(scope, unit.code);
    return reply(c, api.restoreUnit, { unit: await restoreUnit(db, unit.code) });
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

/** A manager archives or restores units under their own, not the unit their key is for. */
function assertNotScopeRoot(scope: RolloutScope, code: string): void {
  if (scope.kind === 'manager' && scope.unitCode === code) {
    throw new RolloutError('forbidden', 'a unit manager cannot archive or restore their own unit');
  }
}
