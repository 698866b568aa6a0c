// Coverage over a period per area: the district and each commune, members' installs before the
// period and per day in it (invites left out), installs active per day; days or a from–to range.
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayLabel, localDay } from '../../src/shared/local-day';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;

describe.each(DIALECTS)('rollout coverage trends on %s', (dialect) => {
  let t: RolloutTestContext;
  let huongPhu: string;
  let send: DistrictApi['send'];
  let attestBody: DistrictApi['attest'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ huongPhu, send, attest: attestBody } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const attest = async (unitCode: string, installId: string, tracingActive = true) => {
    const res = await attestBody({ tracingActive, unitCode, installId });
    expect(res.status).toBeLessThan(300);
  };
  const trends = async (query: string, key?: string) => {
    const res = await send('GET', `/api/rollout/coverage/trends?${query}`, undefined, key);
    // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON loosely
    return { status: res.status, body: (await res.json()) as any };
  };

  it('rolls installs up to the district and its communes, per day, with the installs before the period', async () => {
    await attest('20164-01', 'install-old-aaaaaaaa'); // before the period
    t.clock.advance(10 * DAY);
    await attest('20164-02', 'install-new-aaaaaaaa');
    await attest('20167', 'install-new-bbbbbbbb', false);
    t.clock.advance(DAY);
    await attest('20164-01', 'install-old-aaaaaaaa'); // active again, not new

    const { status, body } = await trends('days=7');
    expect(status).toBe(200);
    expect(body.root).toBe('483');
    expect(body.areas[0].code).toBe('483');
    expect(body.areas).toHaveLength(1 + 10 + 4); // the district, its communes, its four agencies
    const today = localDay(t.clock.now());
    expect(body.to).toBe(dayLabel(today));
    expect(body.from).toBe(dayLabel(today - 6));
    const area = (code: string) => body.areas.find((a: { code: string }) => a.code === code);
    const total = (code: string, f: 'newInstalls' | 'active') =>
      area(code).days.reduce((n: number, d: Record<string, number>) => n + (d[f] ?? 0), 0);
    expect(area('483')).toMatchObject({ installsBefore: 1, kind: 'district' });
    expect(total('483', 'newInstalls')).toBe(2);
    expect(area('20164')).toMatchObject({ installsBefore: 1, name: 'Xã Hương Phú', population: 3900 });
    expect(total('20164', 'newInstalls')).toBe(1);
    expect(total('20164', 'active')).toBe(2); // install-new on day 10, install-old on day 11
    expect(total('20167', 'newInstalls')).toBe(1);
    expect(total('20167', 'active')).toBe(0);
    const lastDay = area('20164').days.at(-1);
    expect(lastDay).toEqual({ day: dayLabel(today), newInstalls: 0, active: 1 });

    // A commune's own view: its villages.
    const commune = await trends(`unit=20164&from=${dayLabel(today - 20)}&to=${dayLabel(today)}`);
    expect(commune.body.areas.map((a: { code: string }) => a.code).slice(0, 3)).toEqual([
      '20164',
      '20164-01',
      '20164-02',
    ]);
    expect(commune.body.areas[0].days).toHaveLength(21);
    expect(commune.body.areas[0].installsBefore).toBe(0);
  });

  it('refuses bad periods with invalid_input and other subtrees with forbidden', async () => {
    for (const q of [
      'days=0',
      'days=400',
      'from=2026-01-02',
      'from=2026-02-01&to=2026-01-01',
      'from=2026-02-30&to=2026-03-01',
    ]) {
      const { status, body } = await trends(q);
      expect(status, q).toBe(400);
      expect(body.code, q).toBe('invalid_input');
    }
    expect((await trends('unit=20167', huongPhu)).status).toBe(403);
    expect((await trends('days=7', huongPhu)).body.root).toBe('20164');
  });
});
