/**
 * HTTP routes of messaging: Kannel's delivery reports and inbound replies, the telecom
 * partner's tourist-arrivals webhook, unit phone lists, and campaigns (preview with segment
 * counts and cost before creating; a non-admin's campaign waits for an admin's approval).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { sessionOf } from '../accounts/session-principal';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { AUDIENCES, type CampaignInput, createCampaign, previewCampaign } from './campaign';
import { approveCampaign, rejectCampaign } from './campaign-approval';
import { saveContacts } from './contact-list';
import { isOptOutReply } from './opt-out';
import { optOut, recordDeliveryReport } from './outbox';
import { assertUnitInScope, type RolloutScope, rolloutScope, scopedUnit, visibleCodes } from './rollout-access';
import { dlrSigner } from './rollout-channels';
import { RolloutError } from './rollout-error';
import { kannelInboundText } from './sms-kannel';
import { recordArrivals } from './tourist-arrivals';
import { listUnits, rolloutDb } from './unit-repository';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);
const campaignBody = z.object({
  unitCode: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  audience: z.enum(AUDIENCES),
  channel: z.enum(['sms', 'zalo']),
  template: z.string().min(1).max(1000),
  zaloTemplateId: z.string().min(1).max(64).optional(),
  schedule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('once'), at: z.iso.datetime({ offset: true }) }),
    z.object({
      kind: z.literal('periodic'),
      cron: z.string().min(1).max(100),
      until: z.iso.datetime({ offset: true }).optional(),
    }),
  ]),
  quietHours: z.object({ start: hhmm, end: hhmm }).optional(),
  frequencyCap: z
    .object({
      max: z.number().int().min(1).max(100),
      windowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
    })
    .optional(),
});
const contactsBody = z.object({
  contacts: z
    .array(z.object({ phone: z.string().max(40), name: z.string().max(200).optional() }))
    .min(1)
    .max(10_000),
});
const arrivalsBody = z.object({
  arrivals: z
    .array(z.object({ phone: z.string().max(40), arrivedAt: z.string().max(40) }))
    .min(1)
    .max(10_000),
});

function toCampaignInput(b: z.infer<typeof campaignBody>): CampaignInput {
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
  };
}

const rejectBody = z.object({ reason: z.string().min(1).max(500) });

/**
 * Whether the caller may approve campaigns (and so has their own approved as they are made): an
 * admin API key or an admin's session. District sessions reach the admin rollout scope too but
 * are not admins here.
 */
function isCampaignAdmin(c: Context, scope: RolloutScope): boolean {
  if (scope.kind !== 'admin') return false;
  const session = sessionOf(c);
  return session === undefined || session.role === 'admin';
}

function campaignId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new RolloutError('invalid_input', 'campaign id must be a number');
  return Number(raw);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function messagingRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);
  const cfg = ctx.config.rollout;
  let signer: Promise<(id: string) => string> | undefined;
  const sign = async (id: string) => {
    signer ??= dlrSigner(ctx);
    return (await signer)(id);
  };

  // Kannel dlr-url: ?id=<outbox id>&sig=<hmac>&type=%d&answer=%A
  app.get('/api/rollout/sms/dlr', async (c) => {
    const id = c.req.query('id') ?? '';
    const sig = c.req.query('sig') ?? '';
    if (!sameSecret(sig, await sign(id))) throw new RolloutError('forbidden', 'bad delivery-report signature');
    const type = Number(c.req.query('type'));
    if (!Number.isInteger(type)) throw new RolloutError('invalid_input', "type must be Kannel's %d");
    const known = await recordDeliveryReport(db, ctx.clock, id, type);
    return c.text(known ? 'ok' : 'unknown message', known ? 200 : 404);
  });

  // Kannel sms-service get-url: ?token=…&from=%p&coding=%c&text=%a. The body is Kannel's reply SMS.
  app.get('/api/rollout/sms/inbound', async (c) => {
    if (!cfg.smsInboundToken || !sameSecret(c.req.query('token') ?? '', cfg.smsInboundToken)) {
      throw new RolloutError('forbidden', 'inbound SMS route is disabled or the token is wrong');
    }
    const from = c.req.query('from') ?? '';
    const text = kannelInboundText(c.req.url, c.req.query('coding'));
    if (!isOptOutReply(text)) return c.text('');
    await optOut(db, ctx.clock, from);
    return c.text('Ban da tu choi nhan tin nhan Bluezone.');
  });

  app.post('/api/rollout/arrivals', async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (scope.kind === 'manager') throw new RolloutError('forbidden', 'arrivals come from the telecom partner key');
    const body = await parseBody(c, arrivalsBody);
    const district = (await listUnits(db)).find((u) => u.parentCode === null);
    if (!district) throw new RolloutError('unknown_unit', 'no district unit is set up');
    return c.json(
      await recordArrivals(
        db,
        ctx.clock,
        { installBaseUrl: cfg.installBaseUrl, districtCode: district.code, districtName: district.name },
        body.arrivals,
      ),
    );
  });

  app.post('/api/rollout/units/:code/contacts', async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const code = unit.code;
    const body = await parseBody(c, contactsBody);
    return c.json({ contacts: await saveContacts(db, ctx.clock, code, body.contacts) });
  });

  app.post('/api/rollout/campaigns/preview', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = toCampaignInput(await parseBody(c, campaignBody));
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    return c.json(
      await previewCampaign(db, ctx.clock, { installBaseUrl: cfg.installBaseUrl, smsPriceVnd: cfg.smsPriceVnd }, input),
    );
  });

  app.post('/api/rollout/campaigns', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = toCampaignInput(await parseBody(c, campaignBody));
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    const created = await createCampaign(db, ctx.clock, input, {
      label: scope.label,
      admin: isCampaignAdmin(c, scope),
    });
    return c.json(created, 201);
  });

  app.post('/api/rollout/campaigns/:id/approve', async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (!isCampaignAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may approve campaigns');
    const id = campaignId(c);
    const status = await approveCampaign(db, ctx.clock, id, scope.label);
    ctx.logger.info('campaign approved', { campaign: id, by: scope.label });
    return c.json({ id, status });
  });

  app.post('/api/rollout/campaigns/:id/reject', async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (!isCampaignAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may reject campaigns');
    const id = campaignId(c);
    const { reason } = await parseBody(c, rejectBody);
    await rejectCampaign(db, id, reason);
    ctx.logger.info('campaign rejected', { campaign: id, by: scope.label });
    return c.json({ id, status: 'rejected' });
  });

  app.get('/api/rollout/campaigns', async (c) => {
    const scope = await rolloutScope(c, ctx);
    const visible = visibleCodes(scope, await listUnits(db));
    const campaigns = await db.selectFrom('rollout_campaign').selectAll().orderBy('id').execute();
    const counts = await db
      .selectFrom('rollout_outbox')
      .select(['campaign_id', 'status', 'delivery'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', 'is not', null)
      .groupBy(['campaign_id', 'status', 'delivery'])
      .execute();
    return c.json({
      campaigns: campaigns
        .filter((k) => !visible || visible.has(k.unit_code))
        .map((k) => {
          const mine = counts.filter((r) => Number(r.campaign_id) === Number(k.id));
          const sum = (f: (r: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((n, r) => n + Number(r.n), 0);
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
            messages: {
              queued: sum((r) => r.status === 'queued' || r.status === 'sending'),
              sent: sum((r) => r.status === 'sent'),
              delivered: sum((r) => r.delivery === 'delivered'),
              failed: sum((r) => r.status === 'failed' || r.delivery === 'failed'),
              suppressed: sum((r) => r.status === 'suppressed'),
            },
          };
        }),
    });
  });
}
