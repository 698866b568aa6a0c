/**
 * HTTP routes of posters: a unit's print-ready poster (PDF), and the door-to-door delivery log
 * with the villages and businesses still without one.
 */
import { postersApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext, site } from '@bluezone/server';
import type { Hono } from 'hono';
import { scopedUnit, visibleCodes } from '../access/rollout-scope';
import { installBaseUrl } from '../install-base-url';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { renderPoster } from './poster-pdf';
import { listPosterDeliveries, recordPosterDelivery } from './posters-repository';

export function postersRoutes(app: Hono<AppEnv>, ctx: ServerContext, config: RolloutConfig): void {
  const db = rolloutDb(ctx.database);

  app.get(api.posterPdf.path, async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const size = c.req.query('size') ?? 'A4';
    if (size !== 'A4' && size !== 'A3') throw new RolloutError('invalid_input', 'size must be A4 or A3');
    const parent = units.find((u) => u.code === unit.parentCode);
    const pdf = await renderPoster(unit, parent?.name ?? null, {
      size,
      installBaseUrl: await installBaseUrl(ctx, config, site.requestOrigin(c, ctx.config.trustProxy)),
      downloadUrl: config.downloadUrl,
    });
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="poster-${unit.code}-${size}.pdf"`);
    return c.body(new Uint8Array(pdf));
  });

  app.post(api.recordPosterDelivery.path, async (c) => {
    const { scope, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const body = await parseBody(c, api.recordPosterDelivery.request);
    const id = await recordPosterDelivery(db, ctx.clock, {
      unitCode: unit.code,
      household: body.household ?? null,
      posters: body.posters,
      deliveredBy: body.deliveredBy ?? scope.label,
    });
    return reply(c, api.recordPosterDelivery, { id }, 201);
  });

  app.get(api.listPosterDeliveries.path, async (c) => {
    const { units, unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const codes = [...(visibleCodes({ kind: 'manager', unitCode: code, label: '' }, units) ?? [])];
    const deliveries = await listPosterDeliveries(db, codes);
    const covered = new Set(deliveries.map((d) => d.unitCode));
    return reply(c, api.listPosterDeliveries, {
      deliveries,
      posters: deliveries.reduce((n, d) => n + d.posters, 0),
      // Villages and businesses under this unit that have not received a poster yet.
      without: units
        .filter((u) => codes.includes(u.code) && u.code !== code && !covered.has(u.code))
        .map((u) => u.code),
    });
  });
}
