/**
 * HTTP routes of messaging: Kannel's delivery reports and inbound replies, the telecom
 * partner's tourist-arrivals webhook, and units' phone lists.
 */
import { timingSafeEqual } from 'node:crypto';
import { messagingApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext, site } from '@bluezone/server';
import type { Hono } from 'hono';
import { rolloutScope, scopedUnit } from '../access/rollout-scope';
import { installBaseUrl } from '../install-base-url';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { listUnits } from '../units/units-repository';
import { saveContacts } from './contact-list';
import { dlrSigner } from './message-channels';
import { optOut } from './messaging-repository';
import { isOptOutReply } from './opt-out';
import { recordDeliveryReport } from './outbox-repository';
import { kannelInboundText } from './sms-kannel';
import { recordArrivals } from './tourist-arrivals';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function messagingRoutes(app: Hono<AppEnv>, ctx: ServerContext, cfg: RolloutConfig): void {
  const db = rolloutDb(ctx.database);
  let signer: Promise<(id: string) => string> | undefined;
  const sign = async (id: string) => {
    signer ??= dlrSigner(ctx);
    return (await signer)(id);
  };

  // Kannel dlr-url: ?id=<outbox id>&sig=<hmac>&type=%d&answer=%A
  app.get(api.deliveryReport.path, async (c) => {
    const id = c.req.query('id') ?? '';
    const sig = c.req.query('sig') ?? '';
    if (!sameSecret(sig, await sign(id))) throw new RolloutError('forbidden', 'bad delivery-report signature');
    const type = Number(c.req.query('type'));
    if (!Number.isInteger(type)) throw new RolloutError('invalid_input', "type must be Kannel's %d");
    const known = await recordDeliveryReport(db, ctx.clock, id, type);
    return c.text(known ? 'ok' : 'unknown message', known ? 200 : 404);
  });

  // Kannel sms-service get-url: ?token=…&from=%p&coding=%c&text=%a. The body is Kannel's reply SMS.
  app.get(api.inboundSms.path, async (c) => {
    if (!cfg.smsInboundToken || !sameSecret(c.req.query('token') ?? '', cfg.smsInboundToken)) {
      throw new RolloutError('forbidden', 'inbound SMS route is disabled or the token is wrong');
    }
    const from = c.req.query('from') ?? '';
    const text = kannelInboundText(c.req.url, c.req.query('coding'));
    if (!isOptOutReply(text)) return c.text('');
    await optOut(db, ctx.clock, from);
    return c.text('Ban da tu choi nhan tin nhan Bluezone.');
  });

  app.post(api.recordArrivals.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    if (scope.kind === 'manager') throw new RolloutError('forbidden', 'arrivals come from the telecom partner key');
    const body = await parseBody(c, api.recordArrivals.request);
    const district = (await listUnits(db)).find((u) => u.parentCode === null);
    if (!district) throw new RolloutError('unknown_unit', 'no district unit is set up');
    return reply(
      c,
      api.recordArrivals,
      await recordArrivals(
        db,
        ctx.clock,
        {
          installBaseUrl: await installBaseUrl(ctx, cfg, site.requestOrigin(c, ctx.config.trustProxy)),
          districtCode: district.code,
          districtName: district.name,
        },
        body.arrivals,
      ),
    );
  });

  app.post(api.saveContacts.path, async (c) => {
    const { unit } = await scopedUnit(c, ctx, c.req.param('code'));
    const body = await parseBody(c, api.saveContacts.request);
    return reply(c, api.saveContacts, { contacts: await saveContacts(db, ctx.clock, unit.code, body.contacts) });
  });
}
