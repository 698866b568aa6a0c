import { DIALECTS } from '@bluezone/test-support/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DistrictApi, districtApi, json } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;

describe.each(DIALECTS)('rollout coverage API on %s', (dialect) => {
  let t: RolloutTestContext;
  let admin: string;
  let huongPhu: string;
  let send: DistrictApi['send'];
  let attest: DistrictApi['attest'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ admin, huongPhu, send, attest } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const get = (path: string, key?: string) => send('GET', path, undefined, key);
  const coverage = async (unit?: string, key?: string) =>
    json(await get(`/api/rollout/coverage${unit ? `?unit=${unit}` : ''}`, key));
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the report loosely
  const unitOf = (report: any, code: string) => report.units.find((u: { code: string }) => u.code === code);

  it('counts an install once, rolls it up the tree, and moves it between units', async () => {
    const first = await attest({ unitCode: '20164-01', installId: 'install-aaaaaaaaaaaa' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ unitCode: '20164-01', created: true, moved: false });
    expect((await attest({ unitCode: '20164-01', installId: 'install-aaaaaaaaaaaa' })).status).toBe(200);
    await attest({ unitCode: '20167-02', installId: 'install-bbbbbbbbbbbb' });

    let report = await coverage();
    expect(report.root).toBe('483');
    expect(unitOf(report, '20164-01')).toMatchObject({ members: 1, active: 1, population: 975, target: 585 });
    expect(unitOf(report, '20164')).toMatchObject({ members: 1 });
    expect(unitOf(report, '483')).toMatchObject({ members: 2, active: 2 });
    expect(unitOf(report, '483').share).toBeCloseTo(2 / 25_000);
    expect(report.belowTarget).toContain('20164-01');

    const moved = await attest({ unitCode: '20167-02', installId: 'install-aaaaaaaaaaaa' });
    expect(await moved.json()).toMatchObject({ unitCode: '20167-02', moved: true, created: false });
    report = await coverage();
    expect(unitOf(report, '20164-01').members).toBe(0);
    expect(unitOf(report, '20167-02').members).toBe(2);
    expect(unitOf(report, '483').members).toBe(2);
  });

  it('counts installs brought in by invite apart from members', async () => {
    // A student of the high school, living in Tổ dân phố 1, scans the school's QR.
    const res = await attest({ unitCode: '20161-THPT', homeUnitCode: '20161-01', installId: 'student-aaaaaaaaaaa' });
    const a = (await res.json()) as { referralCode: string; inviteLink: string };
    expect(a).toMatchObject({ unitCode: '20161-01', broughtInBy: { kind: 'unit', unitCode: '20161-THPT' } });
    // The invite names only who invites, never the inviter's home or school.
    expect(a.inviteLink).toBe(`http://localhost/app/?ref=${a.referralCode}`);
    const b = await attest({
      referralCode: a.referralCode,
      homeUnitCode: '20161-02',
      installId: 'grandma-aaaaaaaaaaa',
    });
    expect(await b.json()).toMatchObject({
      unitCode: '20161-02',
      broughtIn: true,
      broughtInBy: { kind: 'relative', unitCode: null, name: '' },
    });
    const report = await coverage();
    expect(unitOf(report, '20161-THPT')).toMatchObject({ members: 1, broughtIn: 1 });
    expect(unitOf(report, '20161-01')).toMatchObject({ members: 1, broughtIn: 0 });
    expect(unitOf(report, '20161-02')).toMatchObject({ members: 1, broughtIn: 0 });
    expect(unitOf(report, '20161')).toMatchObject({ members: 2, broughtIn: 1 });
    expect(unitOf(report, '483')).toMatchObject({ members: 2, broughtIn: 1 });
    const unknown = await attest({ referralCode: 'nope', homeUnitCode: '20161-02', installId: 'other-aaaaaaaaaaaaa' });
    expect(unknown.status).toBe(404);
  });

  it('ages out the active share after 7 days and keeps a daily trend', async () => {
    await attest({ unitCode: '20170-01', installId: 'install-cccccccccccc' });
    t.clock.advance(DAY);
    await attest({ unitCode: '20170-01', installId: 'install-dddddddddddd', tracingActive: false });
    t.clock.advance(7 * DAY);
    let report = await coverage('20170');
    expect(unitOf(report, '20170')).toMatchObject({ members: 2, active: 0 });
    const trend = report.trend.filter((d: { newInstalls: number }) => d.newInstalls > 0);
    expect(trend).toEqual([
      { day: '2026-11-20', newInstalls: 1, active: 1 },
      { day: '2026-11-21', newInstalls: 1, active: 0 },
    ]);
    await attest({ unitCode: '20170-01', installId: 'install-dddddddddddd', tracingActive: true });
    report = await coverage('20170');
    expect(unitOf(report, '20170')).toMatchObject({ members: 2, active: 1 });
  });

  it('lets a unit manager see and edit only their subtree', async () => {
    const report = await coverage(undefined, huongPhu);
    expect(report.root).toBe('20164');
    expect(report.units.every((u: { code: string }) => u.code.startsWith('20164'))).toBe(true);
    expect((await get('/api/rollout/coverage?unit=20167', huongPhu)).status).toBe(403);
    expect((await get('/api/rollout/units/20167', huongPhu)).status).toBe(403);
    const units = (await (await get('/api/rollout/units', huongPhu)).json()) as { units: { code: string }[] };
    expect(units.units.map((u) => u.code).sort()).toEqual([
      '20164',
      '20164-01',
      '20164-02',
      '20164-03',
      '20164-04',
      '20164-THCS',
      '20164-UBND',
    ]);

    const header = 'code,name,kind,parent_code,population\n';
    const outside = await send(
      'POST',
      '/api/rollout/units/import',
      `${header}20167-09,Thôn 9,village,20167,100\n`,
      huongPhu,
      'text/csv',
    );
    expect(outside.status).toBe(403);
    const inside = await send(
      'POST',
      '/api/rollout/units/import',
      `${header}20164-09,Thôn 9,village,20164,100\n`,
      huongPhu,
      'text/csv',
    );
    expect(inside.status).toBe(200);
    expect((await get('/api/rollout/units/20164-09', huongPhu)).status).toBe(200);
    expect((await get('/api/rollout/coverage', 'bzm_not-a-key')).status).toBe(401);
  });

  it('imports nothing when any CSV row is bad, and says which lines', async () => {
    const csv =
      'code,name,kind,parent_code,population\n20164-10,Thôn 10,village,20164,100\n20164-11,Thôn 11,village,99999,100\n20164-12,,village,20164,x\n';
    const res = await send('POST', '/api/rollout/units/import', csv, admin, 'text/csv');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { code: string; details: { errors: { line: number }[] } };
    expect(problem.code).toBe('csv_invalid');
    expect(problem.details.errors.map((e) => e.line)).toEqual([3, 4]);
    expect((await get('/api/rollout/units/20164-10')).status).toBe(404);
  });

  it('refuses unknown units and missing device keys with problem bodies', async () => {
    const res = await attest({ unitCode: 'NOPE-1', installId: 'install-eeeeeeeeeeee' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'unknown_unit' });
    expect((await attest({ unitCode: '20164', installId: 'short' })).status).toBe(400);
    expect((await attest({ unitCode: '20164', installId: 'install-eeeeeeeeeeee' }, admin)).status).toBe(403);
  });

  it('serves the report as CSV and XLSX, and posters as PDF', async () => {
    await attest({ unitCode: '20164-01', installId: 'install-ffffffffffff' });
    const csv = await (await get('/api/rollout/report?format=csv&unit=20164')).text();
    expect(csv.split('\n')[0]).toBe(
      'code,name,kind,parent_code,population,target_share,target,installs,brought_in,active_7d,share,active_share,below_target,children_population',
    );
    expect(csv).toContain('20164,Xã Hương Phú,commune,483,3900,0.6,2340,1,0,1,0.0003,0.0003,yes,3900');
    expect(csv).toContain('20164-01,Thôn 1,village,20164,975,0.6,585,1,0,1,0.001,0.001,yes,\n');
    const xlsx = new Uint8Array(await (await get('/api/rollout/report?format=xlsx')).arrayBuffer());
    const files = unzipSync(xlsx);
    const text = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(text).toContain('Xã Thượng Nhật');
    expect(text).toContain('Trend');
    expect((await get('/api/rollout/report?format=pdf')).status).toBe(400);
    const pdf = await get('/api/rollout/units/20164-01/poster.pdf?size=A3', huongPhu);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('tracks poster deliveries and roster confirmations', async () => {
    const post = (path: string, body: object, key = huongPhu, method = 'POST') => send(method, path, body, key);
    expect(
      (await post('/api/rollout/units/20164-01/poster-deliveries', { posters: 3, household: 'Hộ ông Hồ Văn B' }))
        .status,
    ).toBe(201);
    expect((await post('/api/rollout/units/20167-01/poster-deliveries', { posters: 1 })).status).toBe(403);
    const d = (await (await get('/api/rollout/units/20164/poster-deliveries', huongPhu)).json()) as {
      posters: number;
      without: string[];
    };
    expect(d.posters).toBe(3);
    expect(d.without).toContain('20164-02');
    expect(d.without).not.toContain('20164-01');

    const created = await post('/api/rollout/units/20164-UBND/roster', {
      name: 'Nguyễn Thị C',
      position: 'Văn thư',
      phone: '0912345678',
    });
    const { id } = (await created.json()) as { id: number };
    expect((await post('/api/rollout/units/20164-UBND/roster', { name: 'X', phone: '12345' })).status).toBe(400);
    expect((await post(`/api/rollout/roster/${id}`, { status: 'installed' }, huongPhu, 'PATCH')).status).toBe(200);
    const roster = (await (await get('/api/rollout/units/20164-UBND/roster', huongPhu)).json()) as {
      staff: { status: string; phone: string; confirmedBy: string }[];
    };
    expect(roster.staff[0]).toMatchObject({ status: 'installed', phone: '+84912345678' });
    expect(roster.staff[0]?.confirmedBy).toContain('Cán bộ xã Hương Phú');
  });
});
