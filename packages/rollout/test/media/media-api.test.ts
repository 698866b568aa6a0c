// Order 8 through the API on both databases: media partners, slots booked for a script (dates,
// times, cost, expected reach), the partners' confirmations, and planned vs aired per week as
// JSON, CSV and XLSX; each bad input a problem body that stores nothing.
import { DIALECTS, TEST_EPOCH } from '@bluezone/test-support/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { districtWeek } from '../../src/media/media-report';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();

describe('district weeks', () => {
  it('start on Monday in Vietnam time', () => {
    expect(districtWeek(TEST_EPOCH)).toBe('2026-11-16'); // Friday 20 Nov, 07:00 in Vietnam
    expect(districtWeek(Date.parse('2026-11-22T16:59:59Z'))).toBe('2026-11-16'); // Sunday 23:59:59
    expect(districtWeek(Date.parse('2026-11-22T17:00:00Z'))).toBe('2026-11-23'); // Monday 00:00
  });
});

interface Slot {
  id: number;
  status: string;
  airsAt: string;
  costVnd: number;
}

describe.each(DIALECTS)('media ad time on %s', (dialect) => {
  let t: RolloutTestContext;
  let manager: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ huongPhu: manager, send } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const codeOf = async (res: Response) => [res.status, ((await res.json()) as { code: string }).code];
  const slotCount = async () => (await t.db.selectFrom('rollout_media_slot').select('id').execute()).length;

  it('books slots for a script, takes confirmations once they are due, and reports planned vs aired per week', async () => {
    const script = (await (
      await send('POST', '/api/rollout/announcements', {
        unitCode: '483',
        channel: 'radio_tv',
        title: 'Bản tin Bluezone',
        text: 'Huyện Nam Đông đang triển khai ứng dụng Bluezone.',
        repeat: '30 11 * * *',
      })
    ).json()) as { id: number };
    const created = await send('POST', '/api/rollout/media/partners', {
      unitCode: '483',
      name: 'Đài Phát thanh – Truyền hình Thừa Thiên Huế',
      kind: 'tv',
      contact: 'Phòng quảng cáo, 0234 3822 345',
    });
    expect(created.status).toBe(201);
    const partner = (await created.json()) as { id: number };
    expect(
      await codeOf(await send('POST', '/api/rollout/media/partners', { unitCode: '483', name: 'X', kind: 'print' })),
    ).toEqual([400, 'invalid_request']);
    expect(
      (await send('POST', '/api/rollout/media/partners', { unitCode: '483', name: 'X', kind: 'radio' }, manager))
        .status,
    ).toBe(403);

    const saturday = TEST_EPOCH + DAY + 12 * HOUR; // 19:00 Sat 21 Nov in Vietnam
    const monday = TEST_EPOCH + 3 * DAY + 12 * HOUR; // Mon 23 Nov
    const nextMonday = TEST_EPOCH + 10 * DAY + 12 * HOUR; // Mon 30 Nov
    const later = TEST_EPOCH + 17 * DAY + 12 * HOUR; // Mon 7 Dec
    const booking = {
      partnerId: partner.id,
      announcementId: script.id,
      times: [saturday, monday, nextMonday, later].map(at),
      durationSeconds: 30,
      costVnd: 1_500_000,
      expectedReach: 20_000,
    };
    // Bad bookings are refused whole.
    const refusals: [object, number, string][] = [
      [{ times: [at(TEST_EPOCH - HOUR), at(saturday)] }, 400, 'schedule_in_past'],
      [{ times: [at(saturday), at(saturday)] }, 400, 'invalid_input'],
      [{ costVnd: -1 }, 400, 'invalid_request'],
      [{ announcementId: 999 }, 404, 'not_found'],
      [{ partnerId: 999 }, 404, 'not_found'],
    ];
    for (const [change, status, code] of refusals) {
      expect(await codeOf(await send('POST', '/api/rollout/media/slots', { ...booking, ...change }))).toEqual([
        status,
        code,
      ]);
    }
    expect((await send('POST', '/api/rollout/media/slots', booking, manager)).status).toBe(403);
    expect(await slotCount()).toBe(0);

    const booked = await send('POST', '/api/rollout/media/slots', booking);
    expect(booked.status).toBe(201);
    const slots = ((await booked.json()) as { slots: Slot[] }).slots;
    expect(slots.map((s) => [s.status, s.airsAt, s.costVnd])).toEqual(
      [saturday, monday, nextMonday, later].map((ms) => ['booked', at(ms), 1_500_000]),
    );
    expect(await codeOf(await send('POST', '/api/rollout/media/slots', booking))).toEqual([409, 'conflict']);
    expect(await slotCount()).toBe(4);
    const [s1, s2, s3, s4] = slots.map((s) => s.id);

    const confirm = (id: number | undefined, body: object) =>
      send('POST', `/api/rollout/media/slots/${id}/confirm`, body);
    expect(await codeOf(await confirm(s1, { outcome: 'aired' }))).toEqual([409, 'broadcast_in_future']);
    const cancelled = await send('POST', `/api/rollout/media/slots/${s4}/cancel`);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
    t.clock.advance(4 * DAY);
    const aired = await confirm(s1, { outcome: 'aired', reportedReach: 25_000, note: 'Phát sau bản tin thời sự' });
    expect(aired.status).toBe(200);
    expect(await aired.json()).toMatchObject({
      status: 'aired',
      airedAt: at(saturday),
      reportedReach: 25_000,
      confirmedBy: expect.stringMatching(/^apikey:/),
    });
    expect(await codeOf(await confirm(s1, { outcome: 'missed' }))).toEqual([409, 'conflict']);
    expect(await codeOf(await confirm(s2, { outcome: 'missed', reportedReach: 10 }))).toEqual([400, 'invalid_input']);
    expect(await codeOf(await confirm(s2, { outcome: 'aired', airedAt: at(t.clock.now() + HOUR) }))).toEqual([
      400,
      'invalid_input',
    ]);
    expect((await confirm(s2, { outcome: 'missed', note: 'Lỗi phát sóng' })).status).toBe(200);
    expect(await codeOf(await send('POST', `/api/rollout/media/slots/${s2}/cancel`))).toEqual([409, 'conflict']);
    t.clock.advance(7 * DAY); // the 30 Nov slot passes with no word from the partner

    const report = (await (await send('GET', '/api/rollout/media/report')).json()) as {
      weeks: {
        week: string;
        planned: number;
        aired: number;
        missed: number;
        unconfirmed: number;
        airedReach: number;
        airedCostVnd: number;
      }[];
      partners: { partnerId: number; planned: number; aired: number }[];
    };
    expect(
      report.weeks.map((w) => [w.week, w.planned, w.aired, w.missed, w.unconfirmed, w.airedReach, w.airedCostVnd]),
    ).toEqual([
      ['2026-11-16', 1, 1, 0, 0, 25_000, 1_500_000],
      ['2026-11-23', 1, 0, 1, 0, 0, 0],
      ['2026-11-30', 1, 0, 0, 1, 0, 0],
    ]);
    expect(report.partners).toMatchObject([{ partnerId: partner.id, planned: 3, aired: 1 }]);
    expect(s3).toBeDefined();

    const csv = await send('GET', '/api/rollout/media/report?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'week_starting,planned_slots,aired_slots,missed_slots,unconfirmed_slots,planned_cost_vnd,aired_cost_vnd,planned_reach,aired_reach',
    );
    expect(lines[1]).toBe('2026-11-16,1,1,0,0,1500000,1500000,20000,25000');
    const xlsx = Buffer.from(await (await send('GET', '/api/rollout/media/report?format=xlsx')).arrayBuffer());
    expect(xlsx.subarray(0, 2).toString('ascii')).toBe('PK');
    expect((await send('GET', '/api/rollout/media/report?format=pdf')).status).toBe(400);
    // The district's coverage report carries the same weeks as its Media sheet.
    const district = unzipSync(
      new Uint8Array(await (await send('GET', '/api/rollout/report?format=xlsx')).arrayBuffer()),
    );
    const sheets = Object.entries(district)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(sheets).toContain('Media');
    expect(sheets).toContain('week_starting');
    expect(sheets).toContain('2026-11-23');
    // The commune manager's units have no partner: an empty report, not the district's.
    const own = (await (await send('GET', '/api/rollout/media/report', undefined, manager)).json()) as {
      weeks: unknown[];
    };
    expect(own.weeks).toEqual([]);
    expect((await send('GET', '/api/rollout/media/report?unit=483', undefined, manager)).status).toBe(403);
  });

  it('refuses slots for a retired script', async () => {
    const script = (await (
      await send('POST', '/api/rollout/announcements', {
        unitCode: '483',
        channel: 'radio_tv',
        title: 'Cũ',
        text: 'Bản tin cũ.',
        repeat: '30 11 * * *',
      })
    ).json()) as { id: number };
    await send('POST', `/api/rollout/announcements/${script.id}/retire`);
    const partner = (await (
      await send('POST', '/api/rollout/media/partners', { unitCode: '483', name: 'Báo điện tử', kind: 'online' })
    ).json()) as { id: number };
    const res = await send('POST', '/api/rollout/media/slots', {
      partnerId: partner.id,
      announcementId: script.id,
      times: [at(TEST_EPOCH + DAY)],
      durationSeconds: 15,
      costVnd: 0,
      expectedReach: 5000,
    });
    expect(await codeOf(res)).toEqual([409, 'announcement_retired']);
    expect(await slotCount()).toBe(0);
  });
});
