/**
 * HTTP routes of campaigns: preview (recipients, segments and cost) before creating, create,
 * approve or reject (a non-admin's campaign waits for an admin), and the list with how its
 * messages fared.
 */
import { campaignsApi as api, type ParsedRequestOf } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext, site } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, isRolloutAdmin, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { installBaseUrl } from '../install-base-url';
import { campaignMessageCounts } from '../messaging/outbox-repository';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { listUnits } from '../units/units-repository';
import { type CampaignInput, createCampaign, DEFAULT_VALIDITY_HOURS, previewCampaign } from './campaign';
import { approveCampaign, rejectCampaign } from './campaign-approval';
import { listCampaigns } from './campaigns-repository';

function toCampaignInput(b: ParsedRequestOf<typeof api.createCampaign>): CampaignInput {
  return {
    unitCode: b.unitCode,
    name: b.name,
    audience: b.audience,
    channel: b.channel,
    template: b.template,
    ...(b.zaloTemplateId ? { zaloTemplateId: b.zaloTemplateId } : {}),
    schedule:
      b.schedule.kind === 'once'
        ? { kind: 'once', at: new Date(b.schedule.at) }
        : {
            kind: 'periodic',
            cron: b.schedule.cron,
            timeZone: 'Asia/Ho_Chi_Minh',
            ...(b.schedule.until ? { until: new Date(b.schedule.until) } : {}),
          },
    ...(b.quietHours ? { quietHours: b.quietHours } : {}),
    ...(b.frequencyCap ? { frequencyCap: b.frequencyCap } : {}),
    ...(b.validityHours !== undefined ? { validityHours: b.validityHours } : {}),
    ...(b.sendNowIfPast ? { sendNowIfPast: true } : {}),
  };
}

function campaignId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new RolloutError('invalid_input', 'campaign id must be a number');
  return Number(raw);
}

export function campaignsRoutes(app: Hono<AppEnv>, ctx: ServerContext, cfg: RolloutConfig): void {
  const db = rolloutDb(ctx.database);

  app.post(api.previewCampaign.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = toCampaignInput(await parseBody(c, api.previewCampaign.request));
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    return reply(
      c,
      api.previewCampaign,
      await previewCampaign(
        db,
        ctx.clock,
        {
          installBaseUrl: await installBaseUrl(ctx, cfg, site.requestOrigin(c, ctx.config.trustProxy)),
          smsPriceVnd: cfg.smsPriceVnd,
        },
        input,
      ),
    );
  });

  app.post(api.createCampaign.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = toCampaignInput(await parseBody(c, api.createCampaign.request));
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    const created = await createCampaign(db, ctx.clock, input, {
      label: scope.label,
      admin: isRolloutAdmin(c, scope),
    });
    return reply(c, api.createCampaign, created, 201);
  });

  app.post(api.approveCampaign.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (!isRolloutAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may approve campaigns');
    const id = campaignId(c);
    const status = await approveCampaign(db, ctx.clock, id, scope.label);
    ctx.logger.info('campaign approved', { campaign: id, by: scope.label });
    return reply(c, api.approveCampaign, { id, status });
  });

  app.post(api.rejectCampaign.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (!isRolloutAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may reject campaigns');
    const id = campaignId(c);
    const { reason } = await parseBody(c, api.rejectCampaign.request);
    await rejectCampaign(db, id, reason);
    ctx.logger.info('campaign rejected', { campaign: id, by: scope.label });
    return reply(c, api.rejectCampaign, { id, status: 'rejected' });
  });

  app.get(api.listCampaigns.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const visible = visibleCodes(scope, await listUnits(db));
    const campaigns = await listCampaigns(db);
    const counts = await campaignMessageCounts(db);
    return reply(c, api.listCampaigns, {
      campaigns: campaigns
        .filter((k) => !visible || visible.has(k.unit_code))
        .map((k) => {
          const mine = counts.filter((r) => r.campaignId === Number(k.id));
          const sum = (f: (r: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((n, r) => n + r.count, 0);
          return {
            id: Number(k.id),
            unitCode: k.unit_code,
            name: k.name,
            audience: k.audience,
            channel: k.channel,
            status: k.status,
            template: k.template,
            createdBy: k.created_by,
            approvedBy: k.approved_by,
            rejectedReason: k.rejected_reason,
            nextRunAt: k.next_run_at === null ? null : new Date(Number(k.next_run_at)).toISOString(),
            schedule:
              k.schedule_kind === 'once'
                ? { kind: 'once' as const, at: new Date(Number(k.run_at)).toISOString() }
                : {
                    kind: 'periodic' as const,
                    cron: k.cron ?? '',
                    ...(k.until_at === null ? {} : { until: new Date(Number(k.until_at)).toISOString() }),
                  },
            validityHours: Number(k.validity_hours ?? DEFAULT_VALIDITY_HOURS),
            messages: {
              queued: sum((r) => r.status === 'queued' || r.status === 'sending'),
              sent: sum((r) => r.status === 'sent'),
              delivered: sum((r) => r.delivery === 'delivered'),
              failed: sum((r) => r.status === 'failed' || r.delivery === 'failed'),
              suppressed: sum((r) => r.status === 'suppressed'),
              expired: sum((r) => r.status === 'expired'),
            },
          };
        }),
    });
  });
}
