/**
 * HTTP routes of media ad time: partners (list, create), slots (book, list, confirm, cancel)
 * and the planned-vs-aired report per week (JSON, CSV, XLSX). A unit manager works with the
 * partners of their subtree; who booked and who confirmed is the caller's label.
 */
import { mediaApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, requireUnitScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { REPORT_FORMATS } from '../coverage/coverage-export';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes } from '../units/unit';
import { listUnits } from '../units/units-repository';
import { bookSlots, cancelSlot, confirmSlot, createPartner, listPartners, slotsOf } from './media-booking';
import { mediaReport } from './media-report';
import { mediaReportFile } from './media-report-file';
import { getPartnerRow, getSlotRow } from './media-repository';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

function numberParam(name: string, raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) throw new RolloutError('invalid_input', `${name} must be a number`);
  return Number(raw);
}

export function mediaRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  /** The caller's scope and the partner ids it may see. */
  const visiblePartners = async (c: Context) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const units = await listUnits(db);
    const partners = await listPartners(db, visibleCodes(scope, units));
    return { scope, units, partners };
  };
  /** A slot the caller may act on (its partner in scope). */
  const scopedSlot = async (c: Context) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const id = numberParam('slot id', c.req.param('id'));
    const partner = await getPartnerRow(db, Number((await getSlotRow(db, id)).partner_id));
    assertUnitInScope(scope, partner.unit_code, await listUnits(db));
    return { scope, id };
  };

  app.get(api.listPartners.path, async (c) => {
    const { partners } = await visiblePartners(c);
    return reply(c, api.listPartners, { partners });
  });

  app.post(api.createPartner.path, async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const input = await parseBody(c, api.createPartner.request);
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    return reply(c, api.createPartner, await createPartner(db, ctx.clock, input), 201);
  });

  app.post(api.bookSlots.path, async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const input = await parseBody(c, api.bookSlots.request);
    const units = await listUnits(db);
    assertUnitInScope(scope, (await getPartnerRow(db, input.partnerId)).unit_code, units);
    const slots = await bookSlots(db, ctx.clock, input, scope.label, units);
    ctx.logger.info('media slots booked', { partner: input.partnerId, slots: slots.length, by: scope.label });
    return reply(c, api.bookSlots, { slots }, 201);
  });

  app.get(api.listSlots.path, async (c) => {
    const { partners } = await visiblePartners(c);
    const partner = c.req.query('partner');
    const status = c.req.query('status');
    if (status !== undefined && !(api.MEDIA_SLOT_STATUSES as readonly string[]).includes(status))
      throw new RolloutError('invalid_input', `status must be one of ${api.MEDIA_SLOT_STATUSES.join(', ')}`);
    let ids = partners.map((p) => p.id);
    if (partner !== undefined) {
      const wanted = numberParam('partner', partner);
      if (!ids.includes(wanted)) throw new RolloutError('not_found', `no media partner ${wanted} in your units`);
      ids = [wanted];
    }
    const slots = await slotsOf(db, { partnerIds: ids, ...(status !== undefined ? { status } : {}) });
    return reply(c, api.listSlots, { slots });
  });

  app.post(api.confirmSlot.path, async (c) => {
    const { scope, id } = await scopedSlot(c);
    const input = await parseBody(c, api.confirmSlot.request);
    return reply(c, api.confirmSlot, await confirmSlot(db, ctx.clock, id, input, scope.label));
  });

  app.post(api.cancelSlot.path, async (c) => {
    const { scope, id } = await scopedSlot(c);
    return reply(c, api.cancelSlot, await cancelSlot(db, ctx.clock, id, scope.label));
  });

  app.get(api.mediaReportFile.path, async (c) => {
    const { scope, units, partners } = await visiblePartners(c);
    const format = c.req.query('format') ?? 'json';
    if (!(REPORT_FORMATS as readonly string[]).includes(format))
      throw new RolloutError('invalid_input', `format must be one of ${REPORT_FORMATS.join(', ')}`);
    const unit =
      c.req.query('unit') ??
      (scope.kind === 'manager' ? scope.unitCode : units.find((u) => u.parentCode === null)?.code);
    if (unit === undefined) throw new RolloutError('unknown_unit', 'no district unit is set up');
    if (!units.some((u) => u.code === unit)) throw new RolloutError('unknown_unit', `no unit with code ${unit}`);
    assertUnitInScope(scope, unit, units);
    const under = subtreeCodes(unit, units);
    const slots = await slotsOf(db, { partnerIds: partners.filter((p) => under.has(p.unitCode)).map((p) => p.id) });
    const report = mediaReport(unit, slots, ctx.clock.now());
    const f = format as (typeof REPORT_FORMATS)[number];
    if (f === 'json') return reply(c, api.mediaReportFile, report);
    c.header('content-type', CONTENT_TYPES[f]);
    c.header('content-disposition', `attachment; filename="media-${unit}.${f}"`);
    return c.body(new Uint8Array(await mediaReportFile(report, f)));
  });
}
