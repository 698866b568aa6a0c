// Band priors in a crowd: a receiver that hears many transmitters keeps `crowdCloseCount` of
// them within the close distance, not the priors' share of all of them; its count of
// transmitters comes from its own scans, and a receiver without one, or parameters without the
// field, estimate exactly as before.
import { describe, expect, it } from 'vitest';
import {
  type AttenuationReading,
  buildEncounters,
  crowdPriors,
  estimateReceiverCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  type ProximityParameters,
  parseProximityParameters,
  receiverActivity,
  receiverActivityOfSightings,
} from '../src/index';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const MIN = 60_000;
const closeBands = (p: ProximityParameters) =>
  p.states.map((s, k) => (s.maxDistanceM <= p.closeDistanceM ? k : -1)).filter((k) => k >= 0);
const sum = (a: Float64Array, ks: number[]) => ks.reduce((s, k) => s + (a[k] as number), 0);
const withCrowd = (lambda: number): ProximityParameters => ({ ...P, crowdCloseCount: lambda });

describe('crowdPriors', () => {
  it('are the parameters’ priors without crowdCloseCount, without a count, or in a small crowd', () => {
    const { crowdCloseCount: _, ...plain } = withCrowd(2);
    const base = [...P.states.map((s) => s.prior), P.absentPrior];
    expect([...crowdPriors(plain, 40)]).toEqual(base);
    expect([...crowdPriors(withCrowd(2), 0)]).toEqual(base);
    // 3 heard ≈ 3.3 in range; 28 % of them close is 0.9 people, under 2.
    expect([...crowdPriors(withCrowd(2), 3)]).toEqual(base);
  });

  it('keep crowdCloseCount people within the close distance in a large crowd, and still sum to 1', () => {
    const p = withCrowd(2);
    const inRangeShare = 1 - p.absentPrior;
    const detected = p.states.reduce((s, b) => s + b.prior * b.detectProbability, 0) / inRangeShare;
    for (const heard of [10, 20, 60]) {
      const prior = crowdPriors(p, heard);
      const present = heard / detected;
      expect(sum(prior, closeBands(p)) / inRangeShare).toBeCloseTo(2 / present, 10);
      expect(prior.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      expect(prior[p.states.length]).toBe(p.absentPrior);
      // The farther bands keep their proportions among themselves.
      expect((prior[3] as number) / (prior[2] as number)).toBeCloseTo(
        (p.states[3]?.prior as number) / (p.states[2]?.prior as number),
        12,
      );
    }
  });

  it('is validated: a positive count up to 50, or absent', () => {
    const doc = (v: unknown) => JSON.stringify({ ...P, crowdCloseCount: v });
    expect(parseProximityParameters(doc(2.2)).crowdCloseCount).toBe(2.2);
    for (const bad of [0, -1, 51, 'two', null])
      expect(() => parseProximityParameters(doc(bad))).toThrow(/crowdCloseCount/);
  });
});

describe('the receiver’s count of transmitters heard', () => {
  it('counts distinct transmitters per scanned bin', () => {
    const a = receiverActivityOfSightings(
      [
        { timeMs: T0, transmitter: 'a' },
        { timeMs: T0 + 1_000, transmitter: 'a' },
        { timeMs: T0 + 2_000, transmitter: 'b' },
        { timeMs: T0 + 5 * MIN, transmitter: 'c' },
      ],
      60,
    );
    expect([...a.bins]).toEqual([T0 / MIN, T0 / MIN + 5]);
    expect([...(a.heard ?? [])]).toEqual([2, 1]);
    expect(a.typicalGapBins).toBe(receiverActivity([T0, T0 + 5 * MIN], 60).typicalGapBins);
  });

  it('gives each bin of an encounter the count of the nearest scanned bin', () => {
    // Scans every 5 minutes: 3 transmitters heard at minute 0, 7 at minute 5, 1 at minute 10.
    const sightings = [
      ...['a', 'b', 'c'].map((t) => ({ timeMs: T0, transmitter: t })),
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((t) => ({ timeMs: T0 + 5 * MIN, transmitter: t })),
      { timeMs: T0 + 10 * MIN, transmitter: 'a' },
    ];
    const activity = receiverActivityOfSightings(sightings, 60);
    const own = sightings.filter((s) => s.transmitter === 'a').map((s) => ({ timeMs: s.timeMs, attenuationDb: 60 }));
    const [e] = buildEncounters(own, P, activity);
    // Padded by two bins at each end (half the 5-minute cadence).
    expect([...(e?.heard ?? [])]).toEqual([3, 3, 3, 3, 3, 7, 7, 7, 7, 7, 1, 1, 1, 1, 1]);
    expect(
      buildEncounters(
        own,
        P,
        receiverActivity(
          sightings.map((s) => s.timeMs),
          60,
        ),
      )[0]?.heard,
    ).toBeUndefined();
  });
});

describe('the estimate in a crowd', () => {
  /** One receiver hearing `n` transmitters for an hour, all at one level, in GAEN's scans. */
  function room(n: number, level: number, p: ProximityParameters, counted = true) {
    const sightings: { timeMs: number; transmitter: string; attenuationDb: number }[] = [];
    for (let m = 0; m < 60; m += 5)
      for (let t = 0; t < n; t++)
        for (let s = 0; s < 4; s++)
          sightings.push({ timeMs: T0 + m * MIN + s * 1_000, transmitter: `t${t}`, attenuationDb: level });
    const activity = counted
      ? receiverActivityOfSightings(sightings, p.binSeconds)
      : receiverActivity(
          sightings.map((s) => s.timeMs),
          p.binSeconds,
        );
    const groups = Array.from({ length: n }, (_, t) =>
      buildEncounters(sightings.filter((s) => s.transmitter === `t${t}`) as AttenuationReading[], p, activity),
    );
    return estimateReceiverCloseTime(groups, p).estimates.map((e) => e[0]?.meanCloseMinutes ?? 0);
  }

  it('counts fewer close minutes per transmitter among twenty heard than among four, at the same level', () => {
    const level = P.states[2]?.meanAttenuationDb as number; // 2–4 m: ambiguous on its own
    const p = withCrowd(2.2);
    const few = room(4, level, p)[0] as number;
    const many = room(20, level, p)[0] as number;
    expect(many).toBeLessThan(few * 0.7);
    // Without the field, or without the receiver's counts, the count of transmitters does not enter.
    const { crowdCloseCount: _, ...plain } = p;
    expect(room(20, level, plain)).toEqual(room(20, level, plain, false));
    expect(room(20, level, p, false)).toEqual(room(20, level, plain, false));
  });

  it('still finds a near transmitter in a crowd', () => {
    const p = withCrowd(2.2);
    const nearLevel = (P.states[0]?.meanAttenuationDb as number) - 4;
    const sightings: { timeMs: number; transmitter: string; attenuationDb: number }[] = [];
    for (let m = 0; m < 60; m += 5)
      for (let t = 0; t < 20; t++)
        for (let s = 0; s < 4; s++)
          sightings.push({
            timeMs: T0 + m * MIN + s * 1_000,
            transmitter: `t${t}`,
            attenuationDb: t === 0 ? nearLevel : (P.states[3]?.meanAttenuationDb as number),
          });
    const activity = receiverActivityOfSightings(sightings, p.binSeconds);
    const { estimates } = estimateReceiverCloseTime(
      Array.from({ length: 20 }, (_, t) =>
        buildEncounters(
          sightings.filter((s) => s.transmitter === `t${t}`),
          p,
          activity,
        ),
      ),
      p,
    );
    expect(estimates[0]?.[0]?.closeMinutes).toBeGreaterThanOrEqual(p.notifyCloseMinutes);
  });
});
