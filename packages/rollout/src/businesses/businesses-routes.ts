/**
 * HTTP routes of businesses: their results within the caller's scope, adding one, and its
 * printable window sticker (PDF).
 */
import { businessesApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext, site } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, rolloutScope, scopedUnit, scopeRoot } from '../access/rollout-scope';
import { installBaseUrl } from '../install-base-url';
import { renderWindowSticker } from '../posters/window-sticker';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes } from '../units/unit';
import { filterArchived } from '../units/unit-archive';
import { listUnits } from '../units/units-repository';
import { businessResults, createBusiness } from './business';

export function businessesRoutes(app: Hono<AppEnv>, ctx: ServerContext, config: RolloutConfig): void {
  const db = rolloutDb(ctx.database);
  const baseOf = (c: Context) => installBaseUrl(ctx, config, site.requestOrigin(c, ctx.config.trustProxy));

  app.get(api.listBusinesses.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const root = c.req.query('unit') ?? scopeRoot(scope) ?? units.find((u) => u.parentCode === null)?.code ?? '';
    if (!units.some((u) => u.code === root)) throw new RolloutError('unknown_unit', `no unit with code ${root}`);
    assertUnitInScope(scope, root, units);
    const archived = c.req.query('archived');
    if (archived !== undefined && archived !== 'include') {
      throw new RolloutError('invalid_input', 'archived must be include');
    }
    const under = subtreeCodes(root, units);
    const businesses = filterArchived(
      units.filter((u) => u.kind === 'business' && under.has(u.code)),
      archived,
    );
    return reply(c, api.listBusinesses, {
      businesses: await businessResults(db, ctx.clock.now(), businesses, units, await baseOf(c)),
    });
  });

  app.post(api.createBusiness.path, async (c) => {
    const body = await parseBody(c, api.createBusiness.request);
    const { unit: parent, units } = await scopedUnit(c, ctx, body.parentCode);
    const business = await createBusiness(db, ctx.clock, parent, units, body);
    const [result] = await businessResults(db, ctx.clock.now(), [business], [...units, business], await baseOf(c));
    return reply(c, api.createBusiness, { business: result as api.Business }, 201);
  });

  app.get(api.businessSticker.path, async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    if (unit.kind !== 'business')
      throw new RolloutError('invalid_input', `${unit.code} is a ${unit.kind}, not a business`);
    const size = c.req.query('size') ?? 'A5';
    if (size !== 'A5' && size !== 'A6') throw new RolloutError('invalid_input', 'size must be A5 or A6');
    const pdf = await renderWindowSticker(unit, { size, installBaseUrl: await baseOf(c) });
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="sticker-${unit.code}-${size}.pdf"`);
    return c.body(new Uint8Array(pdf));
  });
}
