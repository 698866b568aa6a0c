// A sparse check stores only the scans that can match, so it takes the census of the phone's
// scans from the radio log instead of its store. That census must be the one the SDK counts
// from its stored scans after the whole log is delivered: same scan slots, same counts, the
// same cut at `sinceMs` — rotations within a slot, repeated sightings and several phones included.
import {
  type HeardScan,
  heardScansOf,
  MemoryStore,
  SCAN_PERIOD_MS,
  SightingRecorder,
  scanCensusOf,
} from '@bluezone/client';
import { describe, expect, it } from 'vitest';
import { Prng } from '../src/prng';
import { SimRadio, SimRadioTransport } from '../src/simulation/sim-radio';

const START = Date.UTC(2026, 2, 2, 0, 0);

describe('SimRadio.census and heardScans', () => {
  it('count and keep what the SDK counts and keeps from its stored scans after the whole log', async () => {
    const prng = new Prng(5);
    const phones = 6;
    const radio = new SimRadio(phones, START);
    const advertise = (phone: number) => {
      const data = new Uint8Array(20);
      for (let i = 0; i < 20; i++) data[i] = prng.int(256);
      radio.register(phone, data);
    };
    for (let p = 0; p < phones; p++) advertise(p);
    // Three hours: phones rotate their identifiers every 10–20 minutes (so some slots hold two of
    // one phone's), and phone 0 hears the others in 4-second scans every 5 minutes, several times each.
    for (let minute = 0; minute < 180; minute++) {
      for (let p = 1; p < phones; p++) if (prng.int(15) === 0) advertise(p);
      if (minute % 5 !== 0) continue;
      for (let p = 1; p < phones; p++) {
        if (prng.int(4) === 0) continue; // not heard in this scan
        for (let k = 0; k < 1 + prng.int(3); k++)
          radio.hear(0, p, START + minute * 60_000 + prng.int(4_000), -60 - prng.int(30));
      }
    }
    const store = new MemoryStore();
    const recorder = new SightingRecorder({ store, clock: { now: () => START } });
    const transport = new SimRadioTransport(radio, 0);
    transport.onSighting((raw) => recorder.record(raw));
    transport.deliverLog();
    await recorder.flush();
    for (const sinceMs of [0, START + 60 * 60_000 + 1]) {
      const scans = await store.listScans(sinceMs, Number.MAX_SAFE_INTEGER);
      const stored = scanCensusOf(scans);
      expect(stored.length).toBeGreaterThan(10);
      expect(stored.some((c) => c.heard >= 4)).toBe(true);
      expect(radio.census(0, sinceMs, SCAN_PERIOD_MS)).toEqual(stored);
      // What a check that learns the phone's offset from everything it heard reads: the stored records.
      const order = (a: HeardScan, b: HeardScan) => a.scanTimeMs - b.scanTimeMs || (a.rpi < b.rpi ? -1 : 1);
      expect(radio.heardScans(0, sinceMs, SCAN_PERIOD_MS).sort(order)).toEqual(heardScansOf(scans).sort(order));
    }
    expect(radio.census(1, 0, SCAN_PERIOD_MS)).toEqual([]);
    expect(radio.heardScans(1, 0, SCAN_PERIOD_MS)).toEqual([]);
  });
});
