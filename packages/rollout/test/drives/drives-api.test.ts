// Youth Union install drives (order 3): a drive is an event with volunteers, each holding their
// own invite QR; installs from it count at the installer's home and are credited to the
// volunteer and the drive; per-drive results and a leaderboard come as JSON, CSV and XLSX; the
// volunteers' names and phones are erased when the retention period ends, their figures stay.
import { DIALECTS } from '@bluezone/test-support/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseExpiredVolunteerData } from '../../src/drives/volunteer-retention';
import { type DistrictApi, districtApi, json } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;
const RETENTION_DAYS = 3;

describe.each(DIALECTS)('install drives on %s', (dialect) => {
  let t: RolloutTestContext;
  let admin: string;
  let huongPhu: string;
  let send: DistrictApi['send'];
  let attest: DistrictApi['attest'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect, { ROLLOUT_VOLUNTEER_RETENTION_DAYS: String(RETENTION_DAYS) });
    ({ admin, huongPhu, send, attest } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const drive = {
    unitCode: '483-DOAN',
    name: 'Ngày hội cài Bluezone',
    heldOn: '2026-11-22',
    place: 'Chợ Khe Tre',
    organiser: 'Huyện đoàn Nam Đông',
  };
  const count = async (table: 'rollout_drive' | 'rollout_drive_volunteer') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('credits installs to the volunteer and the drive, counts them at home, and ranks the volunteers', async () => {
    const created = await json(await send('POST', '/api/rollout/drives', drive), 201);
    expect(created.drive).toMatchObject({ ...drive, unitName: 'Huyện đoàn Nam Đông', volunteers: 0, installs: 0 });
    const id = created.drive.id as number;
    const volunteers = [];
    for (const [name, phone] of [
      ['Lê Thị Hoa', '0912 345 678'],
      ['Trần Văn Nam', undefined],
      ['Hồ Văn Bình', undefined],
    ] as const) {
      const v = await json(
        await send('POST', `/api/rollout/drives/${id}/volunteers`, { name, ...(phone ? { phone } : {}) }),
        201,
      );
      volunteers.push(v.volunteer);
    }
    const [hoa, nam, binh] = volunteers;
    expect(hoa).toMatchObject({ name: 'Lê Thị Hoa', phone: '+84912345678', installs: 0 });
    expect(hoa.personalDataUntil).toBe('2026-11-25T17:00:00.000Z');
    // Each volunteer's own QR: the install link with ?vol= only.
    expect(hoa.inviteLink).toBe(`http://localhost/app/?vol=${hoa.inviteCode}`);
    expect(new Set(volunteers.map((v) => v.inviteCode)).size).toBe(3);

    const homes = ['20161-01', '20161-02', '20164-03'];
    for (const [i, home] of homes.entries()) {
      const r = await json(
        await attest({ volunteerCode: hoa.inviteCode, homeUnitCode: home, installId: `drive-hoa-${i}-0000000` }),
        201,
      );
      expect(r).toMatchObject({
        unitCode: home,
        broughtIn: true,
        broughtInBy: { kind: 'volunteer', unitCode: '483-DOAN', name: drive.name },
      });
    }
    await json(
      await attest({ volunteerCode: nam.inviteCode, homeUnitCode: '20164-01', installId: 'drive-nam-0-0000000' }),
      201,
    );
    await json(
      await attest({ volunteerCode: binh.inviteCode, homeUnitCode: '20164-02', installId: 'drive-binh-0-000000' }),
      201,
    );

    const results = await json(await send('GET', '/api/rollout/drives/results'));
    expect(results.drives).toEqual([expect.objectContaining({ id, volunteers: 3, installs: 5, active: 5 })]);
    expect(
      results.leaderboard.map((e: { rank: number; name: string; installs: number }) => [e.rank, e.name, e.installs]),
    ).toEqual([
      [1, 'Lê Thị Hoa', 3],
      [2, 'Trần Văn Nam', 1],
      [2, 'Hồ Văn Bình', 1],
    ]);
    const one = await json(await send('GET', `/api/rollout/drives/${id}`));
    expect(one.volunteers.map((v: { installs: number }) => v.installs)).toEqual([3, 1, 1]);

    // Counted at home (Khe Tre 2, Hương Phú 3) and as the Youth Union's own "brought in" figure.
    const report = await json(await send('GET', '/api/rollout/coverage'));
    const at = (code: string) => report.units.find((u: { code: string }) => u.code === code);
    expect(at('20161')).toMatchObject({ members: 2 });
    expect(at('20164')).toMatchObject({ members: 3 });
    expect(at('483-DOAN')).toMatchObject({ members: 0, broughtIn: 5 });
    expect(at('483')).toMatchObject({ members: 5, broughtIn: 5 });

    // The same as files.
    const csv = await (await send('GET', '/api/rollout/drives/report?format=csv')).text();
    expect(csv.split('\n')[0]).toBe(
      'id,name,held_on,place,organiser,unit_code,unit_name,volunteers,installs,active_7d',
    );
    expect(csv).toContain(
      `${id},Ngày hội cài Bluezone,2026-11-22,Chợ Khe Tre,Huyện đoàn Nam Đông,483-DOAN,Huyện đoàn Nam Đông,3,5,5`,
    );
    const board = await (await send('GET', '/api/rollout/drives/report?format=csv&table=leaderboard')).text();
    expect(board.split('\n').slice(0, 2)).toEqual([
      'rank,volunteer_id,name,drive_id,drive,installs,active_7d',
      `1,${hoa.id},Lê Thị Hoa,${id},Ngày hội cài Bluezone,3,3`,
    ]);
    for (const path of ['/api/rollout/drives/report?format=xlsx', '/api/rollout/report?format=xlsx']) {
      const files = unzipSync(new Uint8Array(await (await send('GET', path)).arrayBuffer()));
      const text = Object.entries(files)
        .filter(([name]) => name.startsWith('xl/'))
        .map(([, data]) => strFromU8(data))
        .join('');
      expect(text, path).toContain('Leaderboard');
      expect(text, path).toContain('Trần Văn Nam');
    }
    expect(await json(await send('GET', '/api/rollout/drives/report?format=pdf'), 400)).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('erases volunteers’ names and phones when the retention period ends; their figures stay', async () => {
    const { drive: d } = await json(await send('POST', '/api/rollout/drives', drive), 201);
    const { volunteer: v } = await json(
      await send('POST', `/api/rollout/drives/${d.id}/volunteers`, { name: 'Lê Thị Hoa', phone: '0912345678' }),
      201,
    );
    await json(
      await attest({ volunteerCode: v.inviteCode, homeUnitCode: '20164-01', installId: 'drive-retention-00001' }),
      201,
    );

    // 2026-11-25 07:00 in the district: the last day the details are kept.
    t.clock.advance(5 * DAY);
    expect(await eraseExpiredVolunteerData(t.db, t.clock.now(), RETENTION_DAYS)).toBe(0);
    t.clock.advance(DAY);
    expect(await eraseExpiredVolunteerData(t.db, t.clock.now(), RETENTION_DAYS)).toBe(1);
    expect(await eraseExpiredVolunteerData(t.db, t.clock.now(), RETENTION_DAYS)).toBe(0);

    const rows = await t.db.selectFrom('rollout_drive_volunteer').select(['name', 'phone', 'erased_at']).execute();
    expect(rows).toEqual([{ name: null, phone: null, erased_at: expect.anything() }]);
    const one = await json(await send('GET', `/api/rollout/drives/${d.id}`));
    expect(one.volunteers).toEqual([
      expect.objectContaining({ id: v.id, name: null, phone: null, installs: 1, personalDataUntil: null }),
    ]);
    const board = await (await send('GET', '/api/rollout/drives/report?format=csv&table=leaderboard')).text();
    expect(board).toContain(`1,${v.id},#${v.id},${d.id},Ngày hội cài Bluezone,1,1`);
    expect(board).not.toContain('Lê Thị Hoa');
    // No one new is added to a drive whose details are gone.
    expect(
      await json(await send('POST', `/api/rollout/drives/${d.id}/volunteers`, { name: 'Muộn' }), 409),
    ).toMatchObject({
      code: 'drive_closed',
    });
    expect(await count('rollout_drive_volunteer')).toBe(1);
  });

  it('keeps drives to the caller’s scope and refuses bad input with problem bodies, storing nothing', async () => {
    // A commune's manager runs drives of the commune and sees only theirs.
    const own = await json(await send('POST', '/api/rollout/drives', { ...drive, unitCode: '20164' }, huongPhu), 201);
    await json(await send('POST', '/api/rollout/drives', drive), 201);
    const listed = await json(await send('GET', '/api/rollout/drives', undefined, huongPhu));
    expect(listed.drives.map((d: { id: number }) => d.id)).toEqual([own.drive.id]);
    expect((await send('GET', '/api/rollout/drives?unit=483', undefined, huongPhu)).status).toBe(403);
    const others = (await json(await send('GET', '/api/rollout/drives?unit=483'))).drives;
    const districtDrive = others.find((d: { unitCode: string }) => d.unitCode === '483-DOAN');
    expect((await send('GET', `/api/rollout/drives/${districtDrive.id}`, undefined, huongPhu)).status).toBe(403);
    expect(
      (await send('POST', `/api/rollout/drives/${districtDrive.id}/volunteers`, { name: 'X' }, huongPhu)).status,
    ).toBe(403);
    expect(await count('rollout_drive')).toBe(2);

    const bad: [string, object, number, string][] = [
      ['/api/rollout/drives', { ...drive, unitCode: '20167' }, 403, 'forbidden'],
      ['/api/rollout/drives', { ...drive, unitCode: 'NOPE' }, 404, 'unknown_unit'],
      ['/api/rollout/drives', { ...drive, unitCode: '20161-CHO' }, 400, 'invalid_input'],
      ['/api/rollout/drives', { ...drive, heldOn: '2026-02-30' }, 400, 'invalid_input'],
      ['/api/rollout/drives', { ...drive, heldOn: '22/11/2026' }, 400, 'invalid_request'],
      ['/api/rollout/drives', { ...drive, place: '   ' }, 400, 'invalid_request'],
      ['/api/rollout/drives', { ...drive, volunteers: [] }, 400, 'invalid_request'],
      [`/api/rollout/drives/${own.drive.id}/volunteers`, { name: 'Hoa', phone: '12345' }, 400, 'invalid_phone'],
      [`/api/rollout/drives/${own.drive.id}/volunteers`, { name: '' }, 400, 'invalid_request'],
      ['/api/rollout/drives/99999/volunteers', { name: 'Hoa' }, 404, 'not_found'],
    ];
    for (const [path, body, status, code] of bad) {
      const res = await send('POST', path, body, path.endsWith('/drives') && status === 403 ? huongPhu : admin);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { code: string }).code, JSON.stringify(body)).toBe(code);
    }
    expect(await count('rollout_drive')).toBe(2);
    expect(await count('rollout_drive_volunteer')).toBe(0);
    expect((await send('GET', '/api/rollout/drives/abc')).status).toBe(404);
  });
});
