// The app's home picker answers each area with the health station its residents call after an
// exposure notification (the resident app showed one hard-coded station to everyone).
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeVnPhone } from '../../src/shared/vn-phone';
import { nearestHealthStation } from '../../src/units/health-station';
import { namDongSeed } from '../../src/units/nam-dong-seed';
import type { Unit } from '../../src/units/unit';
import { upsertUnits } from '../../src/units/units-repository';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

function seedUnit(code: string): Unit {
  const unit = namDongSeed().find((u) => u.code === code);
  if (unit === undefined) throw new Error(`no seed unit ${code}`);
  return unit;
}

describe('nearest health station', () => {
  const seed = namDongSeed();
  it("is the commune's station for its villages, else the district's health centre", () => {
    expect(nearestHealthStation(seed, '20173-02')).toEqual({
      code: '20173-TYT',
      name: 'Trạm Y tế xã Thượng Quảng',
      phone: '+84900000173',
    });
    expect(nearestHealthStation(seed, '20164-01')?.code).toBe('483-TTYT');
    expect(nearestHealthStation(seed, '483')?.code).toBe('483-TTYT');
  });
  it('gives every demo area a station with a phone the exposure screen can call', () => {
    const areas = seed.filter((u) => ['town', 'commune', 'village'].includes(u.kind));
    for (const area of areas) {
      const phone = nearestHealthStation(seed, area.code)?.phone;
      // A number the unit import accepts (a Vietnamese mobile, E.164), so the demo list round-trips.
      expect(phone, area.code).toMatch(/^\+849\d{8}$/);
      expect(normalizeVnPhone(phone ?? '')).toBe(phone);
    }
  });
  it('skips archived stations, prefers one with a phone, and survives a parent cycle', () => {
    const units = seed.map((u) => (u.code === '20173-TYT' ? { ...u, archivedAt: '2026-12-01T00:00:00.000Z' } : u));
    expect(nearestHealthStation(units, '20173-02')?.code).toBe('483-TTYT');
    const two = [
      // The demo's own station without its phone: the one with a phone comes first.
      ...seed.map((u) => (u.code === '20173-TYT' ? { ...u, contactPhone: null } : u)),
      {
        ...seedUnit('20173-TYT'),
        code: '20173-TYT2',
        name: 'Điểm y tế',
        contactPhone: '+84234000111',
      },
    ];
    expect(nearestHealthStation(two, '20173-01')).toEqual({
      code: '20173-TYT2',
      name: 'Điểm y tế',
      phone: '+84234000111',
    });
    const cycle = seed
      .filter((u) => u.kind !== 'health')
      .map((u) => (u.code === '483' ? { ...u, parentCode: '20164' } : u));
    expect(nearestHealthStation(cycle, '20164-01')).toBeNull();
  });
});

describe.each(DIALECTS)('GET /api/rollout/home-units on %s', (dialect) => {
  let t: RolloutTestContext;
  let device: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ device, send } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  it("names each area's health station with its contact phone", async () => {
    const station = seedUnit('20173-TYT');
    await upsertUnits(t.db, [{ ...station, contactPhone: '+842343870115' }], t.clock);
    const res = await send('GET', '/api/rollout/home-units', undefined, device);
    expect(res.status).toBe(200);
    const { units } = (await res.json()) as { units: { code: string; healthStation: unknown }[] };
    expect(units.find((u) => u.code === '20173-01')?.healthStation).toEqual({
      code: '20173-TYT',
      name: 'Trạm Y tế xã Thượng Quảng',
      phone: '+842343870115',
    });
    expect(units.find((u) => u.code === '20161-01')?.healthStation).toEqual({
      code: '483-TTYT',
      name: 'Trung tâm Y tế huyện Nam Đông',
      phone: '+84900000115',
    });
    // Organisations are no one's home: the health units themselves are not listed.
    expect(units.map((u) => u.code)).not.toContain('20173-TYT');
  });
});
