// Issue 14 §4's messaging faults, through the API on both databases: a one-off campaign whose
// time is past is refused (or sent now when asked), one foreign or bad number no longer sinks a
// tourist-arrivals batch, roaming visitors' international numbers get the welcome by SMS but are
// left out of Zalo, and messages held back by the per-phone cap expire (and are counted) instead
// of waiting forever.
import { DIALECTS, TEST_EPOCH } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { runDueCampaigns } from '../../src/campaigns/campaign';
import { campaignSendPolicy } from '../../src/campaigns/campaigns-repository';
import type { MessageChannel, OutboundMessage } from '../../src/messaging/message-channel';
import { OutboxWorker } from '../../src/messaging/outbox-worker';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HOUR = 3_600_000;
const OPTS = { installBaseUrl: 'https://bluezone.gov.vn/install' };

/** Records what the outbox hands it (the Kannel suites test the gateway itself). */
class RecordingChannel implements MessageChannel {
  readonly name = 'sms' as const;
  sent: OutboundMessage[] = [];
  async send(message: OutboundMessage) {
    this.sent.push(message);
    return { segments: 1 };
  }
}

describe.each(DIALECTS)('messaging faults on %s', (dialect) => {
  let t: RolloutTestContext;
  let partner: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ send } = await districtApi(t));
    partner = (await createRolloutKey(t.db, t.clock, { unitCode: '483', name: 'Viettel Huế', role: 'partner' })).key;
  });
  afterEach(() => t.cleanup());

  const post = (path: string, body: object, key?: string) => send('POST', path, body, key);
  const campaigns = () => t.db.selectFrom('rollout_campaign').selectAll().execute();
  const outbox = () => t.db.selectFrom('rollout_outbox').selectAll().orderBy('phone').execute();
  const list = async () =>
    (
      (await (await send('GET', '/api/rollout/campaigns')).json()) as {
        campaigns: { id: number; status: string; validityHours: number; messages: Record<string, number> }[];
      }
    ).campaigns;

  const reminder = {
    unitCode: '20164',
    name: 'Nhắc cài Bluezone',
    audience: 'contacts',
    channel: 'sms',
    template: 'Chào {name}, mời bạn cài Bluezone: {link}',
  };

  it('refuses a one-off campaign whose time is past, storing nothing, and sends it now when asked', async () => {
    await post('/api/rollout/units/20164-01/contacts', { contacts: [{ phone: '0912345001', name: 'Tâm' }] });
    const past = { ...reminder, schedule: { kind: 'once', at: new Date(TEST_EPOCH - 5_000).toISOString() } };
    for (const path of ['/api/rollout/campaigns', '/api/rollout/campaigns/preview']) {
      const refused = await post(path, past);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await refused.json()).toMatchObject({ code: 'schedule_in_past' });
    }
    // A periodic rule whose end is already past has no run left either.
    const ended = await post('/api/rollout/campaigns', {
      ...reminder,
      schedule: { kind: 'periodic', cron: '0 8 * * *', until: new Date(TEST_EPOCH - HOUR).toISOString() },
    });
    expect(await ended.json()).toMatchObject({ code: 'schedule_in_past' });
    expect(await campaigns()).toEqual([]);

    const preview = await post('/api/rollout/campaigns/preview', { ...past, sendNowIfPast: true });
    expect(await preview.json()).toMatchObject({ recipients: 1, nextRuns: [new Date(TEST_EPOCH).toISOString()] });
    const created = await post('/api/rollout/campaigns', { ...past, sendNowIfPast: true });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 'active', nextRunAt: new Date(TEST_EPOCH).toISOString() });
    expect(await runDueCampaigns(t.db, t.clock, OPTS)).toBe(1);
    expect((await list())[0]).toMatchObject({ status: 'done', messages: { queued: 1 } });
  });

  it('keeps the valid rows of an arrivals batch and reports each bad one; roaming numbers get a bilingual SMS', async () => {
    const batch = {
      arrivals: [
        { phone: '0912 000 001', arrivedAt: '2026-11-20T02:00:00Z' },
        { phone: '+44 7700 900123', arrivedAt: '2026-11-20T02:10:00Z' }, // a roaming visitor
        { phone: '7700900123', arrivedAt: '2026-11-20T02:20:00Z' }, // no + or 00: not read as foreign
        { phone: '0912000002', arrivedAt: 'hôm qua' },
        { phone: '0086 139 1234 5678', arrivedAt: '2026-11-20T02:30:00Z' },
      ],
    };
    const res = await post('/api/rollout/arrivals', batch, partner);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      arrivals: number;
      welcomes: number;
      international: number;
      rejected: object[];
    };
    expect(body).toMatchObject({ arrivals: 3, welcomes: 3, international: 2 });
    expect(body.rejected).toEqual([
      { index: 2, field: 'phone', code: 'invalid_phone', message: expect.stringContaining('7700900123') },
      { index: 3, field: 'arrivedAt', code: 'invalid_input', message: expect.stringContaining('hôm qua') },
    ]);
    const rows = await outbox();
    expect(rows.map((r) => r.phone)).toEqual(['+447700900123', '+84912000001', '+8613912345678']);
    expect(rows[0]?.text).toContain('Welcome to Huyện Nam Đông');
    expect(rows[1]?.text).not.toContain('Welcome');
    // A welcome still held back 3 days after the arrival is dropped, not sent late.
    expect(Number(rows[1]?.expires_at)).toBe(Date.parse('2026-11-20T02:00:00Z') + 3 * 24 * HOUR);

    // A batch with no valid row is a problem listing every row, and records nothing.
    const bad = await post(
      '/api/rollout/arrivals',
      {
        arrivals: [
          { phone: '+12', arrivedAt: '2026-11-20T02:00:00Z' },
          { phone: '0241234567', arrivedAt: 'x' },
        ],
      },
      partner,
    );
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; details: { errors: { index: number; code: string }[] } };
    expect(problem.code).toBe('invalid_input');
    expect(problem.details.errors.map((e) => [e.index, e.code])).toEqual([
      [0, 'invalid_phone'],
      [1, 'invalid_input'],
      [1, 'invalid_phone'],
    ]);
    expect(await outbox()).toHaveLength(3);

    // Zalo ZNS reaches Vietnamese numbers only: the visitors are left out of a Zalo campaign and counted.
    const zalo = await post('/api/rollout/campaigns/preview', {
      ...reminder,
      unitCode: '483',
      audience: 'arrivals',
      channel: 'zalo',
      zaloTemplateId: '231245',
      schedule: { kind: 'periodic', cron: '0 8 * * *' },
    });
    expect(await zalo.json()).toMatchObject({ recipients: 1, unreachable: 2 });
    const sms = await post('/api/rollout/campaigns/preview', {
      ...reminder,
      unitCode: '483',
      audience: 'arrivals',
      schedule: { kind: 'periodic', cron: '0 8 * * *' },
    });
    expect(await sms.json()).toMatchObject({ recipients: 3, unreachable: 0 });
  });

  it('drops a reminder the per-phone cap holds back past its validity, and counts it in the campaign', async () => {
    await post('/api/rollout/units/20164-01/contacts', { contacts: [{ phone: '0912345001', name: 'Tâm' }] });
    const channel = new RecordingChannel();
    const worker = new OutboxWorker(t.db, t.clock, { sms: channel }, { sendPolicy: campaignSendPolicy });
    const make = async (name: string, validityHours?: number) => {
      const res = await post('/api/rollout/campaigns', {
        ...reminder,
        name,
        schedule: { kind: 'once', at: new Date(t.clock.now()).toISOString() },
        frequencyCap: { max: 1, windowHours: 24 },
        ...(validityHours !== undefined ? { validityHours } : {}),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: number }).id;
    };
    const first = await make('Lần 1');
    expect(await runDueCampaigns(t.db, t.clock, OPTS)).toBe(1);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });

    // The cap frees the phone 24 h after the first text: a 2-hour reminder will never make it,
    // a 48-hour one (the default) waits and goes out then.
    t.clock.advance(HOUR);
    const stale = await make('Lần 2', 2);
    const patient = await make('Lần 3');
    expect(await runDueCampaigns(t.db, t.clock, OPTS)).toBe(2);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, expired: 1, deferred: 1 });
    t.clock.advance(23 * HOUR);
    expect(await worker.runOnce()).toMatchObject({ sent: 1, expired: 0 });
    expect(channel.sent).toHaveLength(2);

    const figures = new Map((await list()).map((c) => [c.id, c]));
    expect(figures.get(first)?.messages).toMatchObject({ sent: 1, expired: 0 });
    expect(figures.get(stale)).toMatchObject({ validityHours: 2, messages: { sent: 0, expired: 1, queued: 0 } });
    expect(figures.get(patient)).toMatchObject({ validityHours: 48, messages: { sent: 1, expired: 0 } });
    const expired = (await outbox()).find((r) => r.status === 'expired');
    expect(expired?.text).toBe(''); // settled: the body is blanked like any other
    // A validity outside 1–720 hours is refused and stores nothing.
    const before = (await campaigns()).length;
    expect(
      (
        await post('/api/rollout/campaigns', {
          ...reminder,
          validityHours: 0,
          schedule: { kind: 'periodic', cron: '0 8 * * *' },
        })
      ).status,
    ).toBe(400);
    expect(await campaigns()).toHaveLength(before);
  });
});
