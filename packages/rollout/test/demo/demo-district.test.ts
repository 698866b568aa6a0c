// The demo district on both databases: seeding writes 30 days of installs by village, checkpoint
// scans, campaigns and verification codes that the dashboard's own endpoints then show; a second
// seed is refused; clearing deletes every demo row and leaves a real install, its attestation,
// a real checkpoint with its scan, a real campaign and a real code exactly as they were. Only an
// admin may seed or clear.
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { planDemoActivity } from '../../src/demo/demo-activity';
import { seedDemoDistrict } from '../../src/demo/demo-district';
import { namDongSeed } from '../../src/units/nam-dong-seed';
import { districtApi } from '../support/district-api';
import { createRolloutTestContext } from '../support/rollout-test-context';

describe('the demo activity plan', () => {
  it('is the same for the same seed, spreads installs over the days and communes, and stays in the past', () => {
    const now = Date.UTC(2026, 11, 5, 3);
    const a = planDemoActivity(namDongSeed(), { now, days: 30 });
    const b = planDemoActivity(namDongSeed(), { now, days: 30 });
    expect(a.installs.length).toBe(b.installs.length);
    expect(a.installs.slice(0, 5)).toEqual(b.installs.slice(0, 5));
    // Plausible for a district of ~25,000 after a month: thousands, not all of them.
    expect(a.installs.length).toBeGreaterThan(2_000);
    expect(a.installs.length).toBeLessThan(15_000);
    const firstDays = new Set(a.installs.map((i) => Math.floor(i.firstSeenAt / 86_400_000)));
    expect(firstDays.size).toBeGreaterThanOrEqual(25);
    const communes = new Set(a.installs.map((i) => i.unitCode.slice(0, 5)));
    expect(communes.size).toBe(10);
    for (const i of a.installs) expect(i.firstSeenAt).toBeLessThan(now);
    for (const s of a.scans) expect(s.at).toBeLessThan(now);
    for (const c of a.codes) expect(c.claimedAt ?? 0).toBeLessThan(now);
    expect(a.scans.length).toBeGreaterThan(100);
    expect(a.campaigns.length).toBe(3);
    expect(a.codes.some((c) => c.claimedAt !== null)).toBe(true);
  });
});

describe.each(DIALECTS)('the demo district on %s', (dialect) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('seeds activity the dashboard shows, refuses a second seed, and clears only demo rows', {
    timeout: 120_000,
  }, async () => {
    const t = await createRolloutTestContext(dialect);
    cleanup = t.cleanup;
    const { admin, device, huongPhu: manager, send } = await districtApi(t);
    const call = (path: string, key: string, body?: object) => send(body ? 'POST' : 'GET', path, body, key);

    // Real activity first: an install, a checkpoint with a scan, a campaign, a code.
    const attested = await call('/api/rollout/attest', device, {
      unitCode: '20164-01',
      installId: 'real-install-0001',
      appVersion: '1.0.0',
      tracingActive: true,
    });
    expect(attested.status).toBe(201);
    const checkpoint = await call('/api/rollout/checkpoints', admin, { unitCode: '483-UBND', name: 'Cổng chính' });
    expect(checkpoint.status).toBe(201);
    const { id: checkpointId } = (await checkpoint.json()) as { id: number };
    const noApp = await call(`/api/rollout/checkpoints/${checkpointId}/no-app`, admin, {
      direction: 'entry',
      reason: 'Quên điện thoại',
    });
    expect(noApp.status).toBe(201);
    const campaign = await call('/api/rollout/campaigns', admin, {
      unitCode: '20164',
      name: 'Thật',
      audience: 'contacts',
      channel: 'sms',
      template: 'Bluezone {link}',
      schedule: { kind: 'periodic', cron: '0 8 * * 1' },
      quietHours: { start: '21:00', end: '07:00' },
    });
    expect(campaign.status).toBe(201);
    const issued = await call('/api/issue', admin, { testType: 'confirmed', tzOffset: 420 });
    expect(issued.status).toBe(200);
    const realCode = (await issued.json()) as { uuid: string };
    const snapshot = async () => ({
      installs: await t.db
        .selectFrom('rollout_install')
        .selectAll()
        .where('install_id', 'not like', 'demo-%')
        .execute(),
      days: await t.db
        .selectFrom('rollout_attestation_day')
        .selectAll()
        .where('install_id', 'not like', 'demo-%')
        .execute(),
      log: await t.db
        .selectFrom('rollout_checkpoint_log')
        .selectAll()
        .where('checkpoint_id', '=', checkpointId)
        .execute(),
      checkpoints: await t.db.selectFrom('rollout_checkpoint').selectAll().where('id', '=', checkpointId).execute(),
      campaigns: await t.db
        .selectFrom('rollout_campaign')
        .select(['id', 'name', 'status'])
        .where('name', '=', 'Thật')
        .execute(),
      code: await t.ctx.database.db
        .selectFrom('verification_code')
        .selectAll()
        .where('uuid', '=', realCode.uuid)
        .execute(),
    });
    const before = await snapshot();

    // Only an admin seeds; a commune's key is refused and nothing is written.
    expect((await call('/api/rollout/demo', manager, {})).status).toBe(403);
    const empty = await (await call('/api/rollout/demo', manager)).json();
    expect(empty).toMatchObject({ seeded: false, counts: { installs: 0, checkpointScans: 0, campaigns: 0, codes: 0 } });

    // A smaller district than the route's full size, so both databases stay quick.
    const status = await seedDemoDistrict(t.ctx, { days: 30, scale: 0.1 });
    expect(status.seeded).toBe(true);
    expect(status.counts.installs).toBeGreaterThan(150);
    expect(status.counts.checkpointScans).toBeGreaterThan(20);
    expect(status.counts.campaigns).toBe(3);
    expect(status.counts.codes).toBeGreaterThan(10);
    const again = await call('/api/rollout/demo', admin, {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('conflict');

    // What the dashboard reads: coverage per commune, the trend, the campaign list, the codes.
    const coverage = (await (await call('/api/rollout/coverage?unit=483&days=30', admin)).json()) as {
      units: { code: string; members: number; active: number }[];
      trend: { newInstalls: number }[];
    };
    const district = coverage.units.find((u) => u.code === '483');
    expect(district?.members).toBe(status.counts.installs + 1);
    expect(district?.active).toBeGreaterThan(0);
    // Every commune has some, and the installs spread over the month.
    for (const commune of coverage.units.filter((u) => u.code.length === 5)) expect(commune.members).toBeGreaterThan(0);
    expect(coverage.trend.filter((d) => d.newInstalls > 0).length).toBeGreaterThan(20);
    const stats = (await (await call('/api/stats?days=30', admin)).json()) as {
      codesIssued: { count: number }[];
      codesClaimed: { count: number }[];
    };
    expect(stats.codesIssued.reduce((n, d) => n + d.count, 0)).toBe(status.counts.codes + 1);
    expect(stats.codesClaimed.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(0);
    const campaigns = (await (await call('/api/rollout/campaigns', admin)).json()) as {
      campaigns: { name: string; status: string; messages: { delivered: number } }[];
    };
    const demo = campaigns.campaigns.filter((c) => c.name.endsWith('(dữ liệu mẫu)'));
    expect(demo).toHaveLength(3);
    for (const c of demo) {
      expect(c.status).toBe('done');
      expect(c.messages.delivered).toBeGreaterThan(0);
    }

    // Clearing removes what was seeded and nothing else.
    expect((await call('/api/rollout/demo/clear', manager, {})).status).toBe(403);
    const cleared = await call('/api/rollout/demo/clear', admin, {});
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as { removed: unknown }).removed).toEqual(status.counts);
    expect(await snapshot()).toEqual(before);
    const left = async (
      table: 'rollout_install' | 'rollout_attestation_day' | 'rollout_checkpoint' | 'rollout_campaign',
    ) =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    expect(await left('rollout_install')).toBe(1);
    expect(await left('rollout_checkpoint')).toBe(1);
    expect(await left('rollout_campaign')).toBe(1);
    const codes = await t.ctx.database.db.selectFrom('verification_code').select('uuid').execute();
    expect(codes.map((c) => c.uuid)).toEqual([realCode.uuid]);
    expect(await (await call('/api/rollout/demo', admin)).json()).toMatchObject({ seeded: false });
    // And it can be seeded again afterwards.
    expect((await seedDemoDistrict(t.ctx, { days: 7, scale: 0.05 })).seeded).toBe(true);
  });
});
