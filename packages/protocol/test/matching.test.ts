// On-device matching: diagnosis keys × recorded sightings → matched sightings and exposure windows.
import {
  buildSightingIndex,
  type CryptoBackend,
  createKeyMatcher,
  type DiagnosisKey,
  type ExposureWindow,
  Infectiousness,
  type KeyMatch,
  MATCH_BATCH_SIZE,
  matchDiagnosisKeys,
  matchDiagnosisKeysSync,
  ProtocolError,
  ReportType,
  type Sighting,
  toHex,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import {
  DAY_START_ENIN,
  diagnosisKey,
  INTERVAL_MS,
  MINUTE_MS,
  sightingOf,
  strangerSighting,
} from './matching-fixtures';

const R = DAY_START_ENIN;
const TWO_HOURS_MS = 2 * 3600_000;

function matchedTimes(keys: DiagnosisKey[], sightings: Sighting[]): number[] {
  const result = matchDiagnosisKeysSync(nodeBackend, keys, sightings);
  return result.matches.flatMap((m) => m.sightings.map((s) => s.sighting.timeMs)).sort((a, b) => a - b);
}

describe('matchDiagnosisKeys', () => {
  for (const backend of BACKENDS) {
    it(`finds every planted sighting and nothing else (${backend.name})`, () => {
      const keys = Array.from({ length: 40 }, () => diagnosisKey(backend));
      const planted = new Set<Sighting>();
      const sightings: Sighting[] = [];
      // Keys 0, 5, 10 … were met; each encounter at a different interval of the day.
      for (let k = 0; k < keys.length; k += 5) {
        for (const j of [3, 4, 90]) {
          const enin = R + j + k;
          const s = sightingOf(backend, keys[k] as DiagnosisKey, enin, enin * INTERVAL_MS + 30_000);
          planted.add(s);
          sightings.push(s);
        }
      }
      for (let i = 0; i < 400; i++) sightings.push(strangerSighting(backend, R * INTERVAL_MS + i * 200_000));
      const result = matchDiagnosisKeysSync(backend, keys, sightings);
      const found = result.matches.flatMap((m) => m.sightings.map((s) => s.sighting));
      expect(found.length).toBe(planted.size);
      for (const s of found) expect(planted.has(s)).toBe(true);
      expect(result.matches.map((m) => keys.indexOf(m.key))).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
      expect(result.keysProcessed).toBe(40);
      expect(result.rpisDerived).toBe(40 * 168);
    });
  }

  it('gives identical results on both backends', () => {
    const [a, b] = BACKENDS;
    const keys = Array.from({ length: 10 }, () => diagnosisKey(a));
    const sightings = keys.flatMap((key, k) =>
      k % 2 ? [] : [0, 1, 2].map((i) => sightingOf(a, key, R + 10 * k + i, (R + 10 * k + i) * INTERVAL_MS + i * 1000)),
    );
    const run = (backend: typeof a) => {
      const r = matchDiagnosisKeysSync(backend, keys, sightings);
      return JSON.stringify({
        windows: r.exposureWindows,
        matches: r.matches.map((m) => [toHex(m.key.keyData), m.sightings.map((s) => [s.enin, s.metadata])]),
      });
    };
    expect(run(b)).toBe(run(a));
    expect(JSON.parse(run(a)).matches).toHaveLength(5);
  });

  it('finds the same sightings batched (SIMD key derivation, per-range filters) as key by key', () => {
    // 701 keys over 300 distinct rolling starts: more ranges than the matcher gives filters of
    // their own (the rest fall back to the index-wide filter), in batches of 97 (not a multiple
    // of four) and in one batch.
    const keys = Array.from({ length: 701 }, (_, k) =>
      diagnosisKey(nodeBackend, { rollingStartIntervalNumber: R - 144 * 14 + (k % 300) * 7 }),
    );
    const sightings = keys.flatMap((key, k) => {
      if (k % 3 !== 0) return [];
      const start = key.rollingStartIntervalNumber;
      const enin = start + (k % 144);
      // At the first and last millisecond of the ±2 h tolerance, and inside; and the first and
      // last RPI of the key's extended range at the outer edges of theirs.
      return [
        sightingOf(nodeBackend, key, enin, (enin - 12) * INTERVAL_MS),
        sightingOf(nodeBackend, key, enin, (enin + 13) * INTERVAL_MS - 1),
        sightingOf(nodeBackend, key, enin, enin * INTERVAL_MS + 5000),
        sightingOf(nodeBackend, key, start - 12, (start - 24) * INTERVAL_MS),
        sightingOf(nodeBackend, key, start + 155, (start + 168) * INTERVAL_MS - 1),
      ];
    });
    sightings.push(
      ...Array.from({ length: 2000 }, (_, i) => strangerSighting(nodeBackend, (R - 2000 + i) * INTERVAL_MS)),
    );
    const summary = (matches: KeyMatch[]) =>
      matches.map((m) => [toHex(m.key.keyData), m.sightings.map((s) => [s.enin, s.sighting.timeMs])]);

    const index = buildSightingIndex(sightings);
    const single = createKeyMatcher(nodeBackend, index);
    const oneByOne = keys.flatMap((key) => single.matchKey(key) ?? []);
    const batched = createKeyMatcher(nodeBackend, index);
    const inBatches: KeyMatch[] = [];
    for (let at = 0; at < keys.length; at += 97) {
      const batch = keys.slice(at, at + 97);
      batched.matchBatch(batch, batch.length, (m) => inBatches.push(m));
    }
    const oneBatch: KeyMatch[] = [];
    expect(keys.length).toBeLessThanOrEqual(MATCH_BATCH_SIZE);
    createKeyMatcher(nodeBackend, index).matchBatch(keys, keys.length, (m) => oneBatch.push(m));
    expect(oneByOne).toHaveLength(Math.ceil(701 / 3));
    expect(oneByOne.every((m) => m.sightings.length === 5)).toBe(true);
    expect(summary(inBatches)).toEqual(summary(oneByOne));
    expect(summary(oneBatch)).toEqual(summary(oneByOne));
    expect(summary(matchDiagnosisKeysSync(nodeBackend, keys, index).matches)).toEqual(summary(oneByOne));
  });

  it('counts a sighting exactly within ±2 h of its RPI interval, and not 1 ms beyond', () => {
    const key = diagnosisKey(nodeBackend);
    const firstStart = R * INTERVAL_MS;
    const lastEnd = (R + 144) * INTERVAL_MS;
    const sightings = [
      sightingOf(nodeBackend, key, R, firstStart - TWO_HOURS_MS), // just inside (start inclusive)
      sightingOf(nodeBackend, key, R, firstStart - TWO_HOURS_MS - 1), // just outside
      sightingOf(nodeBackend, key, R + 143, lastEnd + TWO_HOURS_MS - 1), // just inside (end exclusive)
      sightingOf(nodeBackend, key, R + 143, lastEnd + TWO_HOURS_MS), // just outside
    ];
    expect(matchedTimes([key], sightings)).toEqual([firstStart - TWO_HOURS_MS, lastEnd + TWO_HOURS_MS - 1]);
  });

  it('expands a key by 12 intervals on each side of its rolling period, no more', () => {
    const key = diagnosisKey(nodeBackend, { rollingPeriod: 72 });
    const at = (enin: number) => sightingOf(nodeBackend, key, enin, enin * INTERVAL_MS);
    // ENINs R−12 … R+83 are derived (72 + 2 × 12 = 96 RPIs); R−13 and R+84 are not.
    const sightings = [at(R - 13), at(R - 12), at(R + 71), at(R + 83), at(R + 84)];
    expect(matchedTimes([key], sightings)).toEqual([R - 12, R + 71, R + 83].map((e) => e * INTERVAL_MS));
    expect(matchDiagnosisKeysSync(nodeBackend, [key], sightings).rpisDerived).toBe(96);
  });

  it('ignores a key whose RPIs were seen at the wrong time', () => {
    const key = diagnosisKey(nodeBackend);
    const enin = R + 50;
    const sightings = [
      sightingOf(nodeBackend, key, enin, (enin + 13) * INTERVAL_MS), // 2 h 10 min after its interval
      sightingOf(nodeBackend, key, enin, (enin - 24) * INTERVAL_MS), // 4 h before
    ];
    const result = matchDiagnosisKeysSync(nodeBackend, [key], sightings);
    expect(result.matches).toEqual([]);
    expect(result.exposureWindows).toEqual([]);
  });

  it('decrypts the transmitter TX power from the AEM and computes calibrated attenuation', () => {
    const key = diagnosisKey(nodeBackend);
    const t = (R + 20) * INTERVAL_MS;
    const sightings = [
      sightingOf(nodeBackend, key, R + 20, t, {
        rssi: -70,
        txPowerDbm: -12,
        calibrationConfidence: 3,
        receiverModel: 'Pixel 4',
      }),
      sightingOf(nodeBackend, key, R + 20, t + 2000, {
        rssi: -60,
        txPowerDbm: -12,
        calibrationConfidence: 1,
        receiverModel: 'Pixel 4',
      }),
    ];
    const result = matchDiagnosisKeysSync(nodeBackend, [key], sightings, {
      receiverCalibration: (model) =>
        model === 'Pixel 4' ? { rssiCorrection: 5, txPower: -28 } : { rssiCorrection: 0, txPower: 0 },
    });
    expect(result.matches[0]?.sightings.map((s) => s.metadata.txPowerDbm)).toEqual([-12, -12]);
    // attenuation = tx − (rssi + correction): −12 − (−70 + 5) = 53 and −12 − (−60 + 5) = 43.
    expect(result.exposureWindows).toEqual([
      {
        dayUnixSeconds: (R * INTERVAL_MS) / 1000,
        reportType: ReportType.ConfirmedTest,
        infectiousness: Infectiousness.Standard,
        calibrationConfidence: 1,
        scanInstances: [{ typicalAttenuationDb: 48, minAttenuationDb: 43, secondsSinceLastScan: 300 }],
      },
    ]);
  });

  it('splits exposure windows at 30 minutes and at UTC midnight', () => {
    const key = diagnosisKey(nodeBackend, { rollingStartIntervalNumber: R, rollingPeriod: 144 });
    // One sighting every 5 minutes for an hour from 10:00: windows 10:00–10:25 and 10:30–10:55.
    const t0 = R * INTERVAL_MS + 10 * 3600_000;
    const sightings = Array.from({ length: 12 }, (_, i) => {
      const t = t0 + i * 5 * MINUTE_MS;
      return sightingOf(nodeBackend, key, Math.floor(t / INTERVAL_MS), t, { rssi: -50 - i });
    });
    const windows = matchDiagnosisKeysSync(nodeBackend, [key], sightings).exposureWindows;
    expect(windows.map((w) => w.scanInstances.length)).toEqual([6, 6]);
    expect(windows[1]?.scanInstances[0]?.minAttenuationDb).toBe(-20 - (-50 - 6));

    // 23:50 and 00:05 the next day (the RPI of 23:50 is still within tolerance): two days.
    const late = (R + 143) * INTERVAL_MS;
    const acrossMidnight = [
      sightingOf(nodeBackend, key, R + 143, late),
      sightingOf(nodeBackend, key, R + 143, late + 15 * MINUTE_MS),
    ];
    const days = matchDiagnosisKeysSync(nodeBackend, [key], acrossMidnight).exposureWindows.map(
      (w) => w.dayUnixSeconds,
    );
    expect(days).toEqual([(R * INTERVAL_MS) / 1000, (R * INTERVAL_MS) / 1000 + 86_400]);
  });

  it('groups sightings of one scan period into one scan instance', () => {
    const key = diagnosisKey(nodeBackend);
    const t = (R + 30) * INTERVAL_MS;
    const sightings = [0, 1000, 2000, 299_000, 300_000].map((dt, i) =>
      sightingOf(nodeBackend, key, R + 30, t + dt, { rssi: -60 - 2 * i }),
    );
    const [window] = matchDiagnosisKeysSync(nodeBackend, [key], sightings).exposureWindows as [ExposureWindow];
    // Attenuations 40, 42, 44, 46 (first period: mean 43, min 40) then 48.
    expect(window.scanInstances).toEqual([
      { typicalAttenuationDb: 43, minAttenuationDb: 40, secondsSinceLastScan: 300 },
      { typicalAttenuationDb: 48, minAttenuationDb: 48, secondsSinceLastScan: 300 },
    ]);
  });

  it('maps days since onset to infectiousness and keeps the report type', () => {
    const keys = [
      diagnosisKey(nodeBackend, { daysSinceOnsetOfSymptoms: 1, reportType: ReportType.Revoked }),
      diagnosisKey(nodeBackend, { reportType: ReportType.Unknown }),
    ];
    const sightings = keys.map((k) => sightingOf(nodeBackend, k, R + 5, (R + 5) * INTERVAL_MS));
    const windows = matchDiagnosisKeysSync(nodeBackend, keys, sightings, {
      dataMapping: {
        daysSinceOnsetToInfectiousness: { 1: Infectiousness.High },
        infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.None,
        reportTypeWhenMissing: ReportType.SelfReport,
      },
    }).exposureWindows;
    expect(windows.map((w) => [w.reportType, w.infectiousness]).sort()).toEqual([
      [ReportType.SelfReport, Infectiousness.None],
      [ReportType.Revoked, Infectiousness.High],
    ]);
  });

  it('streams keys from an async iterable with the same result', async () => {
    const keys = Array.from({ length: 6 }, () => diagnosisKey(nodeBackend));
    const sightings = keys.slice(2, 4).map((k) => sightingOf(nodeBackend, k, R + 7, (R + 7) * INTERVAL_MS));
    async function* stream() {
      for (const k of keys) yield k;
    }
    const index = buildSightingIndex(sightings);
    const streamed = await matchDiagnosisKeys(nodeBackend, stream(), index);
    const direct = matchDiagnosisKeysSync(nodeBackend, keys, index);
    expect(streamed.exposureWindows).toEqual(direct.exposureWindows);
    expect(streamed.matches.map((m) => m.key)).toEqual([keys[2], keys[3]]);
  });

  it('indexes repeated RPIs once and finds all their sightings', () => {
    const key = diagnosisKey(nodeBackend);
    const sightings = [0, 1, 2, 3].map((i) => sightingOf(nodeBackend, key, R + 9, (R + 9) * INTERVAL_MS + i * 60_000));
    const index = buildSightingIndex([...sightings, strangerSighting(nodeBackend, 0)]);
    expect(index.distinctRpis).toBe(2);
    expect(matchedTimes([key], sightings)).toHaveLength(4);
  });

  it('does not match an RPI that shares only its first bytes with a derived one', () => {
    const key = diagnosisKey(nodeBackend);
    const real = sightingOf(nodeBackend, key, R + 40, (R + 40) * INTERVAL_MS);
    // Same first 4 bytes (the hash key and Bloom word), or first 15 bytes, as the real RPI.
    const decoys = [4, 15].map((prefix) => {
      const rpi = real.rpi.slice();
      for (let i = prefix; i < 16; i++) rpi[i] = (rpi[i] as number) ^ 0xff;
      return { ...real, rpi, timeMs: real.timeMs + prefix };
    });
    expect(matchedTimes([key], [...decoys, real])).toEqual([real.timeMs]);
    expect(matchedTimes([key], decoys)).toEqual([]);
  });

  it('matches the same when the backend returns unaligned output (byte-wise probe path)', () => {
    const unaligned: CryptoBackend = {
      ...nodeBackend,
      aes128Ecb(key, blocks) {
        const out = nodeBackend.aes128Ecb(key, blocks);
        const shifted = new Uint8Array(out.length + 1);
        shifted.set(out, 1);
        return shifted.subarray(1);
      },
    };
    const keys = Array.from({ length: 5 }, () => diagnosisKey(nodeBackend));
    const sightings = keys
      .filter((_, k) => k !== 2)
      .map((key, k) => sightingOf(nodeBackend, key, R + 60 + k, (R + 60 + k) * INTERVAL_MS));
    const viaUnaligned = matchDiagnosisKeysSync(unaligned, keys, sightings);
    const viaNode = matchDiagnosisKeysSync(nodeBackend, keys, sightings);
    expect(viaUnaligned.matches.map((m) => m.key)).toEqual(viaNode.matches.map((m) => m.key));
    expect(viaUnaligned.matches).toHaveLength(4);
    expect(viaUnaligned.exposureWindows).toEqual(viaNode.exposureWindows);
  });

  it('rejects malformed input with a ProtocolError', () => {
    const key = diagnosisKey(nodeBackend);
    const bad = { ...strangerSighting(nodeBackend, 0), rpi: new Uint8Array(15) };
    expect(() => matchDiagnosisKeysSync(nodeBackend, [key], [bad])).toThrow(ProtocolError);
    expect(() => matchDiagnosisKeysSync(nodeBackend, [{ ...key, rollingPeriod: 145 }], [])).toThrow(/rollingPeriod/);
    expect(() => matchDiagnosisKeysSync(nodeBackend, [key], [], { scanIntervalSeconds: 0 })).toThrow(ProtocolError);
  });
});
