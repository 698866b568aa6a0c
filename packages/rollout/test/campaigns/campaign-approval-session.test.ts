import { type AppEnv, createApp } from '@bluezone/server';
import { checkedApp, createTestUser, DIALECTS, logInAs } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueCampaigns } from '../../src/campaigns/campaign';
import type { RolloutDb } from '../../src/rollout-db';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;

/** Campaign approval through web sessions: district and unit managers propose, only an admin decides. */
describe.each(DIALECTS)('campaign approval with web sessions on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;
  let db: RolloutDb;
  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    app = checkedApp(createApp(t.ctx, t.features));
    db = t.db;
    await seedUnitsIfEmpty(db, t.clock);
    const users: [string, 'admin' | 'district' | 'unit_manager', string | null][] = [
      ['admin', 'admin', null],
      ['huyen', 'district', null],
      ['huongphu', 'unit_manager', '20164'],
    ];
    for (const [username, role, unitCode] of users) {
      await createTestUser(t, { username, role, unitCode, password: PASSWORD });
    }
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const login = (username: string) => logInAs(app.request, username, PASSWORD);
  const post = (path: string, body: object, session: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session },
      body: JSON.stringify(body),
    });
  const campaign = (name: string) => ({
    unitCode: '20164',
    name,
    audience: 'contacts',
    channel: 'sms',
    template: 'Chào {name}: {link}',
    schedule: { kind: 'once', at: new Date(t.clock.now() + HOUR).toISOString() },
  });

  it('holds district and unit-manager campaigns for an admin session; approves only for admins', async () => {
    const admin = await login('admin');
    const district = await login('huyen');
    const manager = await login('huongphu');
    expect(
      (await post('/api/rollout/units/20164/contacts', { contacts: [{ phone: '0912345001' }] }, manager)).status,
    ).toBe(200);
    const created: { id: number; status: string }[] = [];
    for (const [session, name] of [
      [district, 'Huyện'],
      [manager, 'Xã'],
      [admin, 'Quản trị'],
    ] as const) {
      const res = await post('/api/rollout/campaigns', campaign(name), session);
      expect(res.status).toBe(201);
      created.push((await res.json()) as { id: number; status: string });
    }
    expect(created.map((c) => c.status)).toEqual(['pending_approval', 'pending_approval', 'active']);
    const fromDistrict = created[0]?.id;
    const fromManager = created[1]?.id;

    for (const session of [district, manager]) {
      const res = await post(`/api/rollout/campaigns/${fromManager}/approve`, {}, session);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const { 'x-csrf-token': _, ...noCsrf } = admin;
    expect((await post(`/api/rollout/campaigns/${fromManager}/approve`, {}, noCsrf)).status).toBe(403);

    t.clock.advance(HOUR);
    const opts = { installBaseUrl: 'https://bluezone.gov.vn/install' };
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(1); // the admin's own campaign only
    expect((await post(`/api/rollout/campaigns/${fromManager}/approve`, {}, admin)).status).toBe(200);
    expect(
      (await post(`/api/rollout/campaigns/${fromDistrict}/reject`, { reason: 'Sai đối tượng' }, admin)).status,
    ).toBe(200);
    expect(await runDueCampaigns(db, t.clock, opts)).toBe(1); // the approved manager's campaign
    const rows = await db
      .selectFrom('rollout_campaign')
      .select(['id', 'status', 'created_by', 'approved_by', 'rejected_reason'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.status, r.created_by, r.approved_by, r.rejected_reason])).toEqual([
      ['rejected', 'huyen (huyen)', null, 'Sai đối tượng'],
      ['done', 'huongphu (huongphu)', 'admin (admin)', null],
      ['done', 'admin (admin)', 'admin (admin)', null],
    ]);
  });
});
