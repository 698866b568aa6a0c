// The app's pure pieces: what a scanned QR means, and the radar/history counts from scan records.
import type { ScanRecord } from '@bluezone/client';
import { describe, expect, it } from 'vitest';
import { CLOSE_RSSI_DBM, encountersByDay, NEARBY_WINDOW_MS, nearbySummary } from '../src/model/encounter-stats';
import { fetchExportKeys } from '../src/model/export-keys';
import { type Exposure, exposureSummary, roundMinutes } from '../src/model/exposure-summary';
import { inviteLink, parseUnitLink } from '../src/model/unit-link';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 10, 0);
const scan = (id: number, scanTimeMs: number, rssiMax: number): ScanRecord => ({
  rpi: new Uint8Array(16).fill(id),
  aem: new Uint8Array(4),
  scanTimeMs,
  rssiMax,
  rssiSum: rssiMax,
  count: 1,
});

describe('unit links', () => {
  it('reads a poster install link, an invite link, and a bare unit code', () => {
    expect(parseUnitLink('https://bluezone.example/cai-dat?unit=20164-01')).toEqual({
      kind: 'unit',
      unitCode: '20164-01',
    });
    expect(parseUnitLink(' 483-UBND ')).toEqual({ kind: 'unit', unitCode: '483-UBND' });
    expect(parseUnitLink(inviteLink('https://bz.example/app/', 'Ab_-9x'))).toEqual({
      kind: 'invite',
      referralCode: 'Ab_-9x',
    });
  });

  it('refuses anything else with invalid_qr', () => {
    for (const bad of ['https://example.com/?foo=1', 'WIFI:S:net;;', 'https://x.example/?unit=a b', '']) {
      expect(() => parseUnitLink(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_qr' }));
    }
  });
});

describe('encounter stats', () => {
  it('counts distinct recent RPIs as nearby, with their strongest RSSI, and distinct RPIs today', () => {
    const scans = [
      scan(1, NOW - 60_000, -70),
      scan(1, NOW - 5 * 60_000, -55),
      scan(2, NOW - NEARBY_WINDOW_MS + 1, -80),
      scan(3, NOW - NEARBY_WINDOW_MS - 1, -60), // today, not nearby now
      scan(4, NOW - DAY, -50), // yesterday
    ];
    const s = nearbySummary(scans, NOW);
    expect(s.nearbyNow).toBe(2);
    expect(s.nearbyRssi.sort()).toEqual([-55, -80].sort());
    expect(s.today).toBe(3);
  });

  it('groups by UTC day, newest first, with close encounters at or above the RSSI threshold', () => {
    const today = Date.UTC(2026, 10, 25);
    const rows = encountersByDay([
      scan(1, today + 1000, CLOSE_RSSI_DBM),
      scan(1, today + 600_000, -90),
      scan(2, today + 2000, CLOSE_RSSI_DBM - 1),
      scan(3, today - 1, -40),
    ]);
    expect(rows).toEqual([
      { dayStartMs: today, day: '2026-11-25', encounters: 2, closeEncounters: 1 },
      { dayStartMs: today - DAY, day: '2026-11-24', encounters: 1, closeEncounters: 1 },
    ]);
  });
});

describe('export keys', () => {
  const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });

  it('takes every active key version with its id', async () => {
    const keys = await fetchExportKeys(
      'https://keys.test/',
      answer(200, {
        region: 'VN',
        keys: [
          {
            keyId: '452',
            keyVersion: 'v2',
            publicKeyPem: 'PEM-2',
            createdAt: '2026-11-25T00:00:00.000Z',
            active: true,
          },
          {
            keyId: '452',
            keyVersion: 'v1',
            publicKeyPem: 'PEM-1',
            createdAt: '2026-11-01T00:00:00.000Z',
            active: false,
          },
          { keyId: 452, keyVersion: 'v3', publicKeyPem: 'bad id', createdAt: '2026-11-25T00:00:00.000Z', active: true },
        ],
      }),
    );
    expect(keys).toEqual([{ pem: 'PEM-2', keyId: '452' }]);
  });

  it('gives none on an error answer or no network', async () => {
    expect(await fetchExportKeys('https://keys.test', answer(500, {}))).toEqual([]);
    expect(
      await fetchExportKeys('https://keys.test', async () => {
        throw new TypeError('fetch failed');
      }),
    ).toEqual([]);
  });
});

describe('exposure summary', () => {
  const day = (d: number, level: 'low' | 'high'): Exposure => ({
    day: new Date(Date.UTC(2026, 10, d)).toISOString().slice(0, 10),
    dayStartMs: Date.UTC(2026, 10, d),
    level,
    notifiedAtMs: NOW,
  });

  it('counts from the last day of the highest level, with every notified day in the count', () => {
    // NOW is 25 November; a high day on the 20th and a later low one on the 24th.
    expect(exposureSummary([day(24, 'low'), day(20, 'high')], NOW)).toEqual({
      level: 'high',
      lastDay: '2026-11-20',
      daysSince: 5,
      exposureDays: 2,
      untilDay: '2026-12-04',
      testDay: '2026-11-27',
      testNow: false,
      over: false,
    });
    expect(exposureSummary([day(25, 'low')], NOW)).toMatchObject({
      level: 'low',
      daysSince: 0,
      untilDay: '2026-12-09',
    });
    expect(exposureSummary([], NOW)).toBeNull();
  });

  it("follows the health authority's periods: test now past the test day, over past the stay-home days", () => {
    const nhs = { stayHomeDays: 10, testOnDay: 3, watchDays: 10 };
    expect(exposureSummary([day(18, 'high')], NOW, nhs)).toMatchObject({ daysSince: 7, testNow: true, over: false });
    expect(exposureSummary([day(14, 'high')], NOW, nhs)).toMatchObject({
      daysSince: 11,
      untilDay: '2026-11-24',
      over: true,
    });
  });

  it('rounds minutes as a resident reads them', () => {
    expect([0.2, 4.4, 9.6, 24.6, 26.4, 47.5].map(roundMinutes)).toEqual([1, 4, 10, 25, 25, 50]);
  });
});
