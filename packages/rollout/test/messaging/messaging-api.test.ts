import { DIALECTS, TEST_EPOCH } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { runDueCampaigns } from '../../src/campaigns/campaign';
import { dlrSigner } from '../../src/messaging/message-channels';
import type { RolloutDb } from '../../src/rollout-db';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(DIALECTS)('rollout messaging API on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: DistrictApi['app'];
  let db: RolloutDb;
  let admin: string;
  let partner: string;
  let manager: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect, { SMS_INBOUND_TOKEN: 'inbound-secret', SMS_PRICE_VND: '800' });
    db = t.db;
    ({ app, admin, huongPhu: manager, send } = await districtApi(t));
    partner = (await createRolloutKey(db, t.clock, { unitCode: '483', name: 'Viettel Huế', role: 'partner' })).key;
  });
  afterEach(() => t.cleanup());

  const post = (path: string, body: object, key?: string) => send('POST', path, body, key);
  const outbox = () => db.selectFrom('rollout_outbox').selectAll().orderBy('created_at').orderBy('phone').execute();

  it('sends the welcome SMS once per phone per stay, whatever the partner retries', async () => {
    const batch = {
      arrivals: [
        { phone: '0912 000 001', arrivedAt: '2026-11-20T02:00:00Z' },
        { phone: '+84912000002', arrivedAt: '2026-11-20T03:00:00Z' },
      ],
    };
    const recorded = { international: 0, rejected: [] };
    expect(await (await post('/api/rollout/arrivals', batch, partner)).json()).toEqual({
      arrivals: 2,
      welcomes: 2,
      ...recorded,
    });
    expect(await (await post('/api/rollout/arrivals', batch, partner)).json()).toEqual({
      arrivals: 2,
      welcomes: 0,
      ...recorded,
    });
    // Back the next day: same stay. Back after a week away: a new stay, a new welcome.
    const again = (at: string) =>
      post('/api/rollout/arrivals', { arrivals: [{ phone: '0912000001', arrivedAt: at }] }, partner);
    expect(await (await again('2026-11-21T02:00:00Z')).json()).toMatchObject({ welcomes: 0 });
    expect(await (await again('2026-11-29T02:00:00Z')).json()).toMatchObject({ welcomes: 1 });
    const rows = await outbox();
    expect(rows.map((r) => `${r.kind} ${r.phone}`).sort()).toEqual([
      'welcome +84912000001',
      'welcome +84912000001',
      'welcome +84912000002',
    ]);
    expect(rows[0]?.text).toContain('Chào mừng bạn đến Huyện Nam Đông');
    // No public address set: the resident app at the address the request came in at.
    expect(rows[0]?.text).toContain('http://localhost/app/?unit=483');

    const bad = await post('/api/rollout/arrivals', { arrivals: [{ phone: '123', arrivedAt: 'yesterday' }] }, partner);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { errors: unknown[] } }).details.errors).toHaveLength(2);
    expect((await post('/api/rollout/arrivals', batch, manager)).status).toBe(403);
    expect((await send('GET', '/api/rollout/coverage', undefined, partner)).status).toBe(403);
  });

  it('previews a campaign with recipients, segments and cost, then queues each run once', async () => {
    const contacts = await post(
      '/api/rollout/units/20164-01/contacts',
      { contacts: [{ phone: '0912345001', name: 'Anh Tâm' }, { phone: '0912345002' }] },
      manager,
    );
    expect(contacts.status).toBe(200);
    await post(
      '/api/rollout/units/20164-02/contacts',
      { contacts: [{ phone: '0912345003', name: 'Chị Hoa' }] },
      manager,
    );
    const badContacts = await post(
      '/api/rollout/units/20164-01/contacts',
      { contacts: [{ phone: '0912345004' }, { phone: 'x' }] },
      manager,
    );
    expect(badContacts.status).toBe(400);

    const campaign = {
      unitCode: '20164',
      name: 'Nhắc cài Bluezone',
      audience: 'contacts',
      channel: 'sms',
      template: 'Chào {name}, {unit} ({commune}) mời bạn cài Bluezone: {link}',
      schedule: { kind: 'periodic', cron: '0 8 * * *' },
    };
    const preview = (await (await post('/api/rollout/campaigns/preview', campaign, manager)).json()) as {
      recipients: number;
      sample: string;
      cost: { segments: number; costVnd: number };
      nextRuns: string[];
    };
    expect(preview.recipients).toBe(3);
    expect(preview.sample).toBe(
      'Chào Anh Tâm, Thôn 1 (Xã Hương Phú) mời bạn cài Bluezone: http://localhost/app/?unit=20164-01',
    );
    expect(preview.cost.segments).toBe(3 * 2);
    expect(preview.cost.costVnd).toBe(6 * 800);
    expect(preview.nextRuns[0]).toBe('2026-11-20T01:00:00.000Z'); // 08:00 in Vietnam

    const typo = await post('/api/rollout/campaigns', { ...campaign, template: 'Chào {nmae}' }, manager);
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ code: 'unknown_placeholder' });
    expect((await post('/api/rollout/campaigns', { ...campaign, unitCode: '20167' }, manager)).status).toBe(403);
    expect(
      (
        await post(
          '/api/rollout/campaigns',
          { ...campaign, schedule: { kind: 'periodic', cron: '99 * * * *' } },
          manager,
        )
      ).status,
    ).toBe(400);

    const created = await post('/api/rollout/campaigns', campaign, manager);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await post(`/api/rollout/campaigns/${id}/approve`, {})).status).toBe(200);
    const opts = { installBaseUrl: 'https://bluezone.gov.vn/install' };
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(0); // 07:00, not yet 08:00
    t.clock.advance(HOUR);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(3);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(0); // same run, nothing twice
    t.clock.advance(DAY);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(3);
    expect((await outbox()).filter((r) => r.kind === 'campaign')).toHaveLength(6);

    const list = (await (await send('GET', '/api/rollout/campaigns', undefined, manager)).json()) as {
      campaigns: { messages: { queued: number }; nextRunAt: string }[];
    };
    expect(list.campaigns[0]?.messages.queued).toBe(6);
    expect(list.campaigns[0]?.nextRunAt).toBe(new Date(TEST_EPOCH + 2 * DAY + HOUR).toISOString());
  });

  it("holds a manager's campaign until an admin approves it; admins may reject with a reason", async () => {
    await post('/api/rollout/units/20164-01/contacts', { contacts: [{ phone: '0912345001', name: 'Tâm' }] }, manager);
    const opts = { installBaseUrl: 'https://bluezone.gov.vn/install' };
    const campaign = {
      unitCode: '20164',
      name: 'Nhắc cài Bluezone',
      audience: 'contacts',
      channel: 'sms',
      template: 'Chào {name}, mời bạn cài Bluezone: {link}',
      schedule: { kind: 'once', at: new Date(TEST_EPOCH + HOUR).toISOString() },
    };
    const make = async (key: string, at = TEST_EPOCH + HOUR) => {
      const res = await post(
        '/api/rollout/campaigns',
        { ...campaign, schedule: { kind: 'once', at: new Date(at) } },
        key,
      );
      expect(res.status).toBe(201);
      return (await res.json()) as { id: number; status: string };
    };
    const pending = await make(manager);
    const doomed = await make(manager);
    expect(pending.status).toBe('pending_approval');
    t.clock.advance(2 * HOUR); // its run time passes while it waits
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(0);
    expect(await outbox()).toHaveLength(0);

    // Managers (and partner keys) may not decide; unknown ids and bad bodies are problems.
    for (const key of [manager, partner]) {
      const res = await post(`/api/rollout/campaigns/${pending.id}/approve`, {}, key);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await post(`/api/rollout/campaigns/${pending.id}/reject`, { reason: 'x' }, manager)).status).toBe(403);
    expect((await post('/api/rollout/campaigns/9999/approve', {})).status).toBe(404);
    expect((await post(`/api/rollout/campaigns/${doomed.id}/reject`, {})).status).toBe(400);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(0);

    const approved = await post(`/api/rollout/campaigns/${pending.id}/approve`, {});
    expect(await approved.json()).toEqual({ id: pending.id, status: 'active' });
    expect((await post(`/api/rollout/campaigns/${pending.id}/approve`, {})).status).toBe(409);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(1); // the missed one-off run goes out now

    const rejected = await post(`/api/rollout/campaigns/${doomed.id}/reject`, { reason: 'Trùng chiến dịch khác' });
    expect(rejected.status).toBe(200);
    expect((await post(`/api/rollout/campaigns/${doomed.id}/approve`, {})).status).toBe(409);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(0);
    expect((await outbox()).filter((r) => r.campaign_id === doomed.id)).toHaveLength(0);

    // An admin's own campaign is approved as it is made.
    const own = await make(admin, TEST_EPOCH + 5 * HOUR);
    expect(own.status).toBe('active');
    const list = (await (await send('GET', '/api/rollout/campaigns')).json()) as {
      campaigns: { id: number; status: string; approvedBy: string | null; rejectedReason: string | null }[];
    };
    expect(list.campaigns.map((k) => [k.id, k.status, k.rejectedReason])).toEqual([
      [pending.id, 'done', null],
      [doomed.id, 'rejected', 'Trùng chiến dịch khác'],
      [own.id, 'active', null],
    ]);
    expect(list.campaigns[0]?.approvedBy).toMatch(/^apikey:/);
  });

  it('accepts delivery reports only with a valid signature, and opt-outs by reply', async () => {
    await post(
      '/api/rollout/arrivals',
      { arrivals: [{ phone: '0912000009', arrivedAt: '2026-11-20T02:00:00Z' }] },
      partner,
    );
    const [row] = await outbox();
    const id = row?.id ?? '';
    const sig = (await dlrSigner(t.ctx))(id);
    expect((await app.request(`/api/rollout/sms/dlr?id=${id}&sig=forged&type=1`)).status).toBe(403);
    expect((await app.request(`/api/rollout/sms/dlr?id=${id}&sig=${sig}&type=1`)).status).toBe(200);
    expect((await outbox())[0]?.delivery).toBe('delivered');
    // A late SMSC acknowledgement (type 8) changes nothing, and is still a valid report.
    expect((await app.request(`/api/rollout/sms/dlr?id=${id}&sig=${sig}&type=8`)).status).toBe(200);
    expect((await outbox())[0]?.delivery).toBe('delivered');
    // Kannel sends the SMSC ack and the final report within milliseconds: arriving together, in
    // either order, the final one stands (each rule is one conditional UPDATE, no read-then-write).
    for (let round = 0; round < 10; round++) {
      await db.updateTable('rollout_outbox').set({ delivery: null, status: 'sending' }).where('id', '=', id).execute();
      const [first, second] = round % 2 === 0 ? [8, 1] : [1, 8];
      const answers = await Promise.all([
        app.request(`/api/rollout/sms/dlr?id=${id}&sig=${sig}&type=${first}`),
        app.request(`/api/rollout/sms/dlr?id=${id}&sig=${sig}&type=${second}`),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(await outbox()).toMatchObject([{ delivery: 'delivered', status: 'sent' }]);
    }

    expect((await app.request('/api/rollout/sms/inbound?token=wrong&from=%2B84912000009&text=TU+CHOI')).status).toBe(
      403,
    );
    const reply = await app.request(
      '/api/rollout/sms/inbound?token=inbound-secret&from=%2B84912000009&text=T%E1%BB%AB+ch%E1%BB%91i',
    );
    expect(await reply.text()).toContain('tu choi');
    const other = await app.request('/api/rollout/sms/inbound?token=inbound-secret&from=%2B84912000010&text=OK');
    expect(await other.text()).toBe('');
    const opted = await db.selectFrom('rollout_opt_out').select('phone').execute();
    expect(opted.map((o) => o.phone)).toEqual(['+84912000009']);
  });
});

describe.each(DIALECTS)('rollout announcements API on %s', (dialect) => {
  let t: RolloutTestContext;
  let manager: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ huongPhu: manager, send } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  it('creates scripts with a repeat schedule in the manager subtree and speaks them as WAV', async () => {
    const post = (b: object) => send('POST', '/api/rollout/announcements', b, manager);
    const script = {
      unitCode: '20164',
      channel: 'loudspeaker',
      title: 'Loa xã',
      text: 'Bà con Hương Phú hãy cài Bluezone.',
      repeat: '0 17 * * *',
    };
    const created = await post(script);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await post({ ...script, unitCode: '483' })).status).toBe(403);
    expect((await post({ ...script, repeat: 'sometimes' })).status).toBe(400);
    const list = (await (await send('GET', '/api/rollout/announcements', undefined, manager)).json()) as {
      announcements: { id: number; nextBroadcasts: string[] }[];
    };
    expect(list.announcements.map((a) => a.id)).toEqual([id]);
    expect(list.announcements[0]?.nextBroadcasts[0]).toBe('2026-11-20T10:00:00.000Z'); // 17:00 in Vietnam
    const wav = await send('GET', `/api/rollout/announcements/${id}/audio.wav`, undefined, manager);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await wav.arrayBuffer());
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
