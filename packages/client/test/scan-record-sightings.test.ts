import { scanRecordSightings } from '@bluezone/client';
import { describe, expect, it } from 'vitest';

describe('scanRecordSightings', () => {
  const rpi = new Uint8Array(16).fill(1);
  const aem = new Uint8Array(4);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('keeps the strongest RSSI and the mean (to 1 dB) within the scan slot', () => {
    const cases = [
      { rssis: [-60], max: -60 },
      { rssis: [-60, -70, -80], max: -60 },
      { rssis: [-50, -90, -90, -90, -91], max: -50 },
      { rssis: [-126, -127, -127], max: -126 },
    ];
    for (const { rssis, max } of cases) {
      const record = {
        rpi,
        aem,
        scanTimeMs: 600_000,
        rssiMax: max,
        rssiSum: rssis.reduce((a, b) => a + b, 0),
        count: rssis.length,
      };
      const sightings = scanRecordSightings([record]);
      expect(sightings.length).toBe(Math.min(2, rssis.length));
      expect(Math.max(...sightings.map((s) => s.rssi))).toBe(max);
      expect(Math.abs(mean(sightings.map((s) => s.rssi)) - mean(rssis))).toBeLessThanOrEqual(0.5);
      for (const s of sightings) {
        expect(Number.isInteger(s.rssi) && s.rssi >= -127).toBe(true);
        expect(s.timeMs - 600_000).toBeLessThan(1000);
      }
    }
  });
});
