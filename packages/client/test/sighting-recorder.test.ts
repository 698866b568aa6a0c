import type { ClientStore } from '@bluezone/client';
import { SightingRecorder } from '@bluezone/client';
import { ManualClock } from '@bluezone/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';
import { STORES } from './stores';

const rpi = (n: number) => new Uint8Array(16).fill(n);
const aem = new Uint8Array([1, 2, 3, 4]);

for (const { name, open } of STORES) {
  describe(`SightingRecorder (${name} store)`, () => {
    let store: ClientStore;
    let clock: ManualClock;
    let recorder: SightingRecorder;
    beforeEach(async () => {
      store = await open();
      clock = new ManualClock(MIDNIGHT);
      recorder = new SightingRecorder({ store, clock });
    });
    afterEach(() => store.close());

    it('aggregates sightings per RPI per 5-minute scan, from service data or split fields', async () => {
      const t = MIDNIGHT + 10 * MINUTE_MS;
      expect(recorder.record({ serviceData: new Uint8Array([...rpi(1), ...aem]), rssi: -70, timeMs: t + 1000 })).toBe(
        true,
      );
      recorder.record({ rpi: rpi(1), aem, rssi: -60, timeMs: t + 3000 });
      recorder.record({ rpi: rpi(2), aem, rssi: -90, timeMs: t + 2000 });
      recorder.record({ rpi: rpi(1), aem, rssi: -80, timeMs: t + 5 * MINUTE_MS + 1000 });
      await recorder.flush();
      expect(await store.listScans(0, Number.MAX_SAFE_INTEGER)).toEqual([
        { rpi: rpi(1), aem, scanTimeMs: t, rssiMax: -60, rssiSum: -130, count: 2 },
        { rpi: rpi(2), aem, scanTimeMs: t, rssiMax: -90, rssiSum: -90, count: 1 },
        { rpi: rpi(1), aem, scanTimeMs: t + 5 * MINUTE_MS, rssiMax: -80, rssiSum: -80, count: 1 },
      ]);
      expect(recorder.stats).toEqual({ recorded: 4, malformed: 0 });
    });

    it('drops and counts malformed sightings without storing them', async () => {
      const bad = [
        { serviceData: new Uint8Array(19), rssi: -70, timeMs: MIDNIGHT },
        { serviceData: new Uint8Array(21), rssi: -70, timeMs: MIDNIGHT },
        { rpi: new Uint8Array(15), aem, rssi: -70, timeMs: MIDNIGHT },
        { rpi: rpi(1), aem: new Uint8Array(3), rssi: -70, timeMs: MIDNIGHT },
        { rpi: rpi(1), aem, rssi: 50, timeMs: MIDNIGHT },
        { rpi: rpi(1), aem, rssi: -70.5, timeMs: MIDNIGHT },
        { rpi: rpi(1), aem, rssi: -70, timeMs: Number.NaN },
        { serviceData: 'not bytes' as unknown as Uint8Array, rssi: -70, timeMs: MIDNIGHT },
      ];
      for (const s of bad) expect(recorder.record(s)).toBe(false);
      recorder.record({ rpi: rpi(1), aem, rssi: -70, timeMs: MIDNIGHT });
      await recorder.flush();
      expect(recorder.stats).toEqual({ recorded: 1, malformed: bad.length });
      expect(await store.listScans(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    });

    it('keeps 14 days and prunes older scans', async () => {
      for (let d = 0; d < 20; d++) recorder.record({ rpi: rpi(d), aem, rssi: -70, timeMs: MIDNIGHT + d * DAY_MS });
      clock.advance(19 * DAY_MS + 1);
      const deleted = await recorder.prune();
      expect(deleted).toBe(6);
      const left = await store.listScans(0, Number.MAX_SAFE_INTEGER);
      expect(left.map((s) => (s.scanTimeMs - MIDNIGHT) / DAY_MS)).toEqual([
        6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
      ]);
    });

    it('stores large bursts in order across automatic flushes', async () => {
      for (let i = 0; i < 2000; i++)
        recorder.record({ rpi: rpi(i % 5), aem, rssi: -50 - (i % 7), timeMs: MIDNIGHT + i });
      await recorder.flush();
      const scans = await store.listScans(0, Number.MAX_SAFE_INTEGER);
      expect(scans.map((s) => s.count)).toEqual([400, 400, 400, 400, 400]);
      expect(scans.every((s) => s.rssiMax === -50)).toBe(true);
    });
  });
}
