/**
 * HTTP routes for units: list/read, CSV import/export, posters (PDF) and their door-to-door
 * delivery log, and agency rosters. Every route resolves the caller's scope first; a unit
 * manager sees and edits only their subtree.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { renderPoster } from './poster-pdf';
import { assertUnitInScope, requireUnitScope, rolloutScope, scopedUnit, visibleCodes } from './rollout-access';
import { RolloutError } from './rollout-error';
import { parseUnitsCsv, unitsToCsv } from './unit-csv';
import { listUnits, rolloutDb, upsertUnits } from './unit-repository';
import { normalizeVnPhone } from './vn-phone';

const ROSTER_STATUSES = ['unconfirmed', 'installed', 'not_installed', 'exempt'] as const;

const deliveryBody = z.object({
  household: z.string().min(1).max(200).optional(),
  posters: z.number().int().min(1).max(10_000),
  deliveredBy: z.string().min(1).max(200).optional(),
});
const rosterBody = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
});
const rosterStatusBody = z.object({ status: z.enum(ROSTER_STATUSES) });

export function unitRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
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
    const existing = await listUnits(db);
    const imported = parseUnitsCsv(await c.req.text(), existing);
    if (scope.kind === 'manager') {
      // A manager may add or change units only below their own unit.
      const combined = [...existing.filter((u) => !imported.some((i) => i.code === u.code)), ...imported];
      const outside = imported.filter((u) => u.code === scope.unitCode || !visibleCodes(scope, combined)?.has(u.code));
      if (outside.length > 0) {
        throw new RolloutError('forbidden', `units outside your subtree: ${outside.map((u) => u.code).join(', ')}`);
      }
    }
    await upsertUnits(db, imported, ctx.clock);
    return c.json({ imported: imported.length });
  });

  app.get('/api/rollout/units/:code', async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    return c.json({ unit, children: units.filter((u) => u.parentCode === unit.code) });
  });

  app.get('/api/rollout/units/:code/poster.pdf', async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const size = c.req.query('size') ?? 'A4';
    if (size !== 'A4' && size !== 'A3') throw new RolloutError('invalid_input', 'size must be A4 or A3');
    const parent = units.find((u) => u.code === unit.parentCode);
    const pdf = await renderPoster(unit, parent?.name ?? null, {
      size,
      installBaseUrl: ctx.config.rollout.installBaseUrl,
      downloadUrl: ctx.config.rollout.downloadUrl,
    });
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="poster-${unit.code}-${size}.pdf"`);
    return c.body(new Uint8Array(pdf));
  });

  app.post('/api/rollout/units/:code/poster-deliveries', async (c) => {
    const { scope, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const body = await parseBody(c, deliveryBody);
    const row = await db
      .insertInto('rollout_poster_delivery')
      .values({
        unit_code: code,
        household: body.household ?? null,
        posters: body.posters,
        delivered_by: body.deliveredBy ?? scope.label,
        delivered_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return c.json({ id: Number(row.id) }, 201);
  });

  app.get('/api/rollout/units/:code/poster-deliveries', async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const codes = [...(visibleCodes({ kind: 'manager', unitCode: code, label: '' }, units) ?? [])];
    const rows = await db
      .selectFrom('rollout_poster_delivery')
      .selectAll()
      .where('unit_code', 'in', codes)
      .orderBy('delivered_at')
      .execute();
    const deliveries = rows.map((r) => ({
      id: Number(r.id),
      unitCode: r.unit_code,
      household: r.household,
      posters: Number(r.posters),
      deliveredBy: r.delivered_by,
      deliveredAt: new Date(Number(r.delivered_at)).toISOString(),
    }));
    const covered = new Set(deliveries.map((d) => d.unitCode));
    return c.json({
      deliveries,
      posters: deliveries.reduce((n, d) => n + d.posters, 0),
      // Villages and businesses under this unit that have not received a poster yet.
      without: units
        .filter((u) => codes.includes(u.code) && u.code !== code && !covered.has(u.code))
        .map((u) => u.code),
    });
  });

  app.get('/api/rollout/units/:code/roster', async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const rows = await db
      .selectFrom('rollout_roster')
      .selectAll()
      .where('unit_code', '=', code)
      .orderBy('id')
      .execute();
    return c.json({
      staff: rows.map((r) => ({
        id: Number(r.id),
        name: r.name,
        position: r.position,
        phone: r.phone,
        status: r.status,
        confirmedBy: r.confirmed_by,
        confirmedAt: r.confirmed_at === null ? null : new Date(Number(r.confirmed_at)).toISOString(),
      })),
    });
  });

  app.post('/api/rollout/units/:code/roster', async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const body = await parseBody(c, rosterBody);
    const row = await db
      .insertInto('rollout_roster')
      .values({
        unit_code: code,
        name: body.name,
        position: body.position ?? null,
        phone: body.phone ? normalizeVnPhone(body.phone) : null,
        status: 'unconfirmed',
        confirmed_by: null,
        confirmed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return c.json({ id: Number(row.id) }, 201);
  });

  // The unit's manager confirms each staff member's install status.
  app.patch('/api/rollout/roster/:id', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id)
      ? await db.selectFrom('rollout_roster').select(['unit_code']).where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new RolloutError('not_found', 'no such roster entry');
    assertUnitInScope(scope, row.unit_code, await listUnits(db));
    const body = await parseBody(c, rosterStatusBody);
    await db
      .updateTable('rollout_roster')
      .set({ status: body.status, confirmed_by: scope.label, confirmed_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    return c.json({ id, status: body.status });
  });
}
