import { type Advertisement, KeySchedule, MemoryStore, seededRandom } from '@bluezone/client';
import {
  associatedMetadataKey,
  decodeMetadata,
  decryptMetadata,
  intervalNumber,
  ManualClock,
  rollingProximityId,
  rollingProximityIdKey,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { BACKENDS, DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';

const METADATA = { majorVersion: 1, minorVersion: 0, calibrationConfidence: 3, txPowerDbm: -24 };

for (const backend of BACKENDS) {
  describe(`KeySchedule (${backend.name})`, () => {
    const setup = (startMs = MIDNIGHT + 9 * 3_600_000) => {
      const clock = new ManualClock(startMs);
      const store = new MemoryStore();
      const rotations: Advertisement[] = [];
      const schedule = new KeySchedule({
        backend,
        store,
        clock,
        random: seededRandom(7),
        metadata: METADATA,
        onRotate: (a) => {
          rotations.push(a);
        },
      });
      return { clock, store, schedule, rotations };
    };

    it('makes one whole-day key per UTC day and keeps 14 days', async () => {
      const { clock, store, schedule } = setup();
      const first = await schedule.currentKey();
      expect(first.rollingStartIntervalNumber).toBe(intervalNumber(MIDNIGHT / 1000));
      expect(first.rollingPeriod).toBe(144);
      clock.advance(14 * 3_600_000); // 23:00 the same day
      expect((await schedule.currentKey()).keyData).toEqual(first.keyData);
      clock.advance(2 * 3_600_000); // 01:00 the next day
      const second = await schedule.currentKey();
      expect(second.keyData).not.toEqual(first.keyData);
      expect(second.rollingStartIntervalNumber).toBe(first.rollingStartIntervalNumber + 144);
      for (let d = 0; d < 20; d++) {
        clock.advance(DAY_MS);
        await schedule.currentKey();
      }
      const kept = await store.listKeys();
      expect(kept).toHaveLength(14);
      expect(kept.at(-1)?.rollingStartIntervalNumber).toBe(intervalNumber(MIDNIGHT / 1000) + 21 * 144);
    });

    it('advertises the RPI of the current interval with AEM carrying the calibrated TX power', async () => {
      const { clock, schedule } = setup();
      const ad = await schedule.advertisement();
      const tek = (await schedule.currentKey()).keyData;
      const enin = intervalNumber(clock.now() / 1000);
      expect(ad.enin).toBe(enin);
      expect(ad.rpi).toEqual(rollingProximityId(backend, rollingProximityIdKey(backend, tek), enin));
      const meta = decodeMetadata(decryptMetadata(backend, associatedMetadataKey(backend, tek), ad.rpi, ad.aem));
      expect(meta).toEqual(METADATA);
      expect(ad.serviceData).toEqual(new Uint8Array([...ad.rpi, ...ad.aem]));
    });

    it('rotates after 10 minutes plus a random offset, calling the address-change hook each time', async () => {
      const { clock, schedule, rotations } = setup();
      const seen = new Set<string>();
      for (let i = 0; i < 6 * 24; i++) {
        const ad = await schedule.advertisement();
        seen.add(ad.rpi.join());
        clock.advance(MINUTE_MS);
      }
      expect(rotations.length).toBe(seen.size);
      const lifetimes = rotations.map((a) => a.rotateAtMs - a.startedAtMs);
      for (const ms of lifetimes) {
        expect(ms).toBeGreaterThanOrEqual(10 * MINUTE_MS);
        expect(ms).toBeLessThan(20 * MINUTE_MS);
      }
      // Random offsets, not a fixed period: the lifetimes differ.
      expect(new Set(lifetimes).size).toBeGreaterThan(1);
      // Each advertisement stays until its rotation time, then changes.
      for (let i = 1; i < rotations.length; i++) {
        const prev = rotations[i - 1] as Advertisement;
        expect((rotations[i] as Advertisement).startedAtMs).toBeGreaterThanOrEqual(prev.rotateAtMs);
        expect((rotations[i] as Advertisement).startedAtMs - prev.rotateAtMs).toBeLessThan(MINUTE_MS);
      }
    });

    it('releases 14 days of keys with today cut at the current interval, then uses a fresh key', async () => {
      const { clock, schedule, rotations } = setup(MIDNIGHT);
      for (let d = 0; d < 16; d++) {
        await schedule.currentKey();
        clock.advance(DAY_MS);
      }
      clock.advance(10 * 3_600_000 + 5 * MINUTE_MS); // 10:05 on day 16
      const today = await schedule.currentKey();
      const enin = intervalNumber(clock.now() / 1000);
      const before = rotations.length;
      const released = await schedule.releaseKeys();
      expect(released).toHaveLength(14);
      expect(released.at(-1)).toEqual({ ...today, rollingPeriod: enin - today.rollingStartIntervalNumber });
      const fresh = await schedule.currentKey();
      expect(fresh.rollingStartIntervalNumber).toBe(enin);
      expect(fresh.rollingStartIntervalNumber + fresh.rollingPeriod).toBe(today.rollingStartIntervalNumber + 144);
      expect(released.some((k) => k.keyData.join() === fresh.keyData.join())).toBe(false);
      expect(rotations.length).toBe(before + 1);
      const ad = await schedule.advertisement();
      expect(ad.rpi).toEqual(rollingProximityId(backend, rollingProximityIdKey(backend, fresh.keyData), enin));
    });

    it('previews exactly the keys a release would publish, and changes nothing', async () => {
      const { clock, store, schedule, rotations } = setup(MIDNIGHT + 9 * 3_600_000);
      await schedule.currentKey();
      clock.advance(DAY_MS - 9 * 3_600_000 + 5 * MINUTE_MS); // 00:05 the next day
      // Nothing of today's key has finished: yesterday's alone would be published.
      const stored = await store.listKeys();
      const rotated = rotations.length;
      const atMidnight = await schedule.releasableKeys();
      expect(atMidnight.map((k) => [k.rollingStartIntervalNumber, k.rollingPeriod])).toEqual([
        [intervalNumber(MIDNIGHT / 1000), 144],
      ]);
      expect(await schedule.releasableKeys()).toEqual(atMidnight);
      expect((await store.listKeys()).slice(0, stored.length)).toEqual(stored);
      expect(rotations.length).toBe(rotated);
      clock.advance(20 * MINUTE_MS); // 00:25: today's first two intervals have finished
      const preview = await schedule.releasableKeys();
      expect(preview.map((k) => k.rollingPeriod)).toEqual([144, 2]);
      expect(await schedule.releaseKeys()).toEqual(preview);
    });

    it('does not publish a key none of whose intervals has finished', async () => {
      const { store, schedule } = setup(MIDNIGHT + 60_000);
      const key = await schedule.currentKey();
      expect(await schedule.releaseKeys()).toEqual([]);
      const stored = await store.listKeys();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.keyData).not.toEqual(key.keyData);
    });

    it('reloads the day key from the store after a restart', async () => {
      const { clock, store, schedule } = setup();
      const key = await schedule.currentKey();
      const restarted = new KeySchedule({ backend, store, clock, random: seededRandom(99), metadata: METADATA });
      expect((await restarted.currentKey()).keyData).toEqual(key.keyData);
    });
  });
}
