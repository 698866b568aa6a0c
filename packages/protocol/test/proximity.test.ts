// The proximity estimator on synthetic sequences with known truth (near all along, far all
// along, approach and leave, gaps), its parameter validation, and properties that must hold
// whatever the data: the reading order does not matter, the sampling rate barely does, the
// estimate stays within the encounter's time, and the interval brackets the estimate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttenuationReading,
  buildEncounters,
  estimateCloseTime,
  estimateReceiverCloseTime,
  offsetGrid,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  PROXIMITY_PARAMETER_VERSIONS,
  PROXIMITY_PARAMETERS_V1,
  PROXIMITY_PARAMETERS_V5,
  ProtocolError,
  type ProximityParameters,
  parseProximityParameters,
  receiverActivity,
  validateProximityParameters,
  withBandPriors,
} from '../src/index';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const MIN = 60_000;
// A little stronger than the near band's median: the level alone cannot tell 0.6 m with a
// weak carry position from 6 m with a strong one, so "clearly near" is what a test can assert.
const near = (P.states[0]?.meanAttenuationDb as number) - 6;
const far = P.states.at(-1)?.meanAttenuationDb as number;

/** Deterministic pseudo-normal noise (sum of 4 uniforms from an LCG), so tests never depend on Math.random. */
function noise(seed: number) {
  let s = seed >>> 0 || 1;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return () => (u() + u() + u() + u() - 2) * Math.sqrt(3);
}

/** Readings every `everyMs` while `levelAt(minute)` is defined, with per-reading fading of `sd` dB. */
function readings(minutes: number, levelAt: (m: number) => number | undefined, everyMs = 500, sd = 6, seed = 7) {
  const n = noise(seed);
  const out: AttenuationReading[] = [];
  for (let t = 0; t < minutes * MIN; t += everyMs) {
    const level = levelAt(Math.floor(t / MIN));
    if (level !== undefined) out.push({ timeMs: T0 + t, attenuationDb: level + sd * n() });
  }
  return out;
}

/** Only 4-second scans every 5 minutes (GAEN's duty cycle). */
const gaen = (rs: AttenuationReading[]) => rs.filter((r) => (r.timeMs - T0) % (5 * MIN) < 4_000);

const total = (rs: AttenuationReading[], o = {}) => estimateCloseTime(rs, o).reduce((s, e) => s + e.closeMinutes, 0);

describe('estimateCloseTime on sequences with known truth', () => {
  it('counts a pair near all along as close for (about) all of its time', () => {
    const e = estimateCloseTime(readings(30, () => near));
    expect(e).toHaveLength(1);
    expect(e[0]?.closeMinutes).toBeGreaterThanOrEqual(27);
    expect(e[0]?.heardMinutes).toBe(30);
  });

  it('counts a pair far all along as not close', () => {
    expect(total(readings(45, () => far + 2))).toBeLessThan(5);
  });

  it('counts roughly the near middle of an approach-and-leave', () => {
    const rs = readings(40, (m) => (m < 10 || m >= 30 ? far + 2 : near - 2));
    const close = total(rs);
    expect(close).toBeGreaterThanOrEqual(15);
    expect(close).toBeLessThanOrEqual(25);
  });

  it('splits encounters at long gaps and does not count the gap', () => {
    const rs = readings(120, (m) => (m < 15 || m >= 105 ? near : undefined));
    const e = estimateCloseTime(rs);
    expect(e[0]?.encounters).toBe(2);
    expect(e[0]?.heardMinutes).toBe(30);
    // Both parts count (more than one such part alone), the gap adds nothing. Not twice as
    // much: each encounter's band is drawn from the prior afresh, while the shared receiver
    // offset counts the same level's evidence once.
    const one = estimateCloseTime(readings(15, () => near))[0]?.meanCloseMinutes as number;
    expect(e[0]?.meanCloseMinutes).toBeGreaterThan(1.2 * one);
    expect(e[0]?.highCloseMinutes).toBeLessThanOrEqual(30);
  });

  it('bridges GAEN-like scans every 5 minutes into the time between them', () => {
    // 4-second scans are each worth about one independent reading (fading is correlated over
    // seconds), so the model needs a clearly near level to be sure between scans.
    const all = readings(60, () => near - 4, 250);
    const scans = gaen(all);
    const activity = receiverActivity(
      scans.map((r) => r.timeMs),
      P.binSeconds,
    );
    const e = estimateCloseTime(scans, { activity });
    expect(e[0]?.closeMinutes).toBeGreaterThanOrEqual(45);
    expect(e[0]?.lowCloseMinutes).toBeLessThan(e[0]?.highCloseMinutes as number);
  });

  it('reads silence in bins where the receiver scanned as evidence, and not where it did not', () => {
    // Near for 10 minutes, then silent for 10 although the receiver kept hearing others.
    const rs = readings(10, () => near);
    const heardOthers = Array.from({ length: 20 }, (_, m) => T0 + m * MIN + 30_000);
    const withActivity = estimateCloseTime(rs, {
      activity: receiverActivity([...heardOthers, ...rs.map((r) => r.timeMs)], 60),
    });
    expect(withActivity[0]?.heardMinutes).toBeLessThanOrEqual(11);
  });

  it('puts each UTC day of an encounter across midnight in its own estimate', () => {
    const start = Date.UTC(2024, 2, 4, 23, 45);
    const rs = readings(30, () => near).map((r) => ({ ...r, timeMs: r.timeMs - T0 + start }));
    const e = estimateCloseTime(rs);
    expect(e.map((x) => new Date(x.dayStartMs).toISOString().slice(0, 10))).toEqual(['2024-03-04', '2024-03-05']);
    expect(e[0]?.closeMinutes).toBeGreaterThanOrEqual(13);
    expect(e[1]?.closeMinutes).toBeGreaterThanOrEqual(13);
  });

  it('returns nothing for no readings and ignores non-finite values', () => {
    expect(estimateCloseTime([])).toEqual([]);
    expect(estimateCloseTime([{ timeMs: T0, attenuationDb: Number.NaN }])).toEqual([]);
  });

  it('learns a receiver offset from its own encounters, in the right direction (0 when switched off)', () => {
    const p: ProximityParameters = { ...P, receiverOffsetSdDb: 6 };
    const groups = (shift: number, q = p) =>
      [0, 1, 2, 3, 4, 5].map((k) =>
        buildEncounters(
          readings(20, () => (k % 2 ? near : far) + shift, 500, 6, k + 1),
          q,
        ),
      );
    const weaker = estimateReceiverCloseTime(groups(8), p).receiverOffsetDb;
    const stronger = estimateReceiverCloseTime(groups(-8), p).receiverOffsetDb;
    expect(weaker).toBeGreaterThan(2);
    expect(stronger).toBeLessThan(-2);
    const off = { ...P, receiverOffsetSdDb: 0 };
    expect(estimateReceiverCloseTime(groups(8, off), off).receiverOffsetDb).toBe(0);
  });

  it('learns the offset from evidence as from the groups it estimates, and less the less sure the evidence is', () => {
    const p: ProximityParameters = { ...P, receiverOffsetSdDb: 6 };
    // Every reading 8 dB stronger than its band: a receiver whose phone reads strong.
    const group = (k: number) =>
      buildEncounters(
        readings(20, () => (k % 2 ? near : far) - 8, 500, 6, k + 1),
        p,
      );
    const estimated = [group(0), group(1)];
    const evidence = [2, 3, 4, 5, 6, 7].map(group);
    const joint = estimateReceiverCloseTime([...estimated, ...evidence], p);
    const withEvidence = estimateReceiverCloseTime(estimated, p, evidence);
    // Evidence counts as the groups it stands beside do, and gets no estimate of its own.
    expect(withEvidence.estimates).toEqual(joint.estimates.slice(0, 2));
    expect(withEvidence.receiverOffsetDb).toBe(joint.receiverOffsetDb);
    const alone = estimateReceiverCloseTime(estimated, p).receiverOffsetDb;
    expect(withEvidence.receiverOffsetDb).toBeLessThan(alone - 1);
    // Read at a TX power that may be off by 3 dB, the evidence moves the offset less…
    const unsure = estimateReceiverCloseTime(estimated, p, evidence, 3).receiverOffsetDb;
    expect(unsure).toBeLessThan(alone);
    expect(unsure).toBeGreaterThan(withEvidence.receiverOffsetDb);
    // …and when the TX power could be anything, not at all.
    const anything = estimateReceiverCloseTime(estimated, p, evidence, 1e6);
    expect(anything.receiverOffsetDb).toBeCloseTo(alone, 6);
    const close = (r: typeof anything) => r.estimates.flat().map((e) => e.meanCloseMinutes);
    close(anything).forEach((m, i) => {
      expect(m).toBeCloseTo(close(estimateReceiverCloseTime(estimated, p))[i] as number, 6);
    });
    // A carry per session has no single offset for the evidence's doubt to widen.
    expect(() => estimateReceiverCloseTime(estimated, { ...p, receiverCarrySdDb: 4.8 }, evidence, 3)).toThrow(
      RangeError,
    );
  });

  it('counts a pair heard in one GAEN scan for its share of the scan period', () => {
    const scan = gaen(readings(1, () => near - 4, 250));
    expect(estimateCloseTime(scan)[0]?.heardMinutes).toBe(1);
    const [e] = buildEncounters(scan, P, undefined, 300);
    expect(e?.kind.length).toBe(5);
  });

  it('pads an encounter at the edge of the receiver\u2019s activity by half its cadence', () => {
    // Heard in two scans 5 minutes apart, the receiver heard nobody before or after.
    const scans = gaen(readings(10, () => near - 4, 250));
    const activity = receiverActivity(
      scans.map((r) => r.timeMs),
      60,
    );
    expect(estimateCloseTime(scans, { activity })[0]?.heardMinutes).toBe(10);
  });

  it('reports the probability of reaching the notify threshold, consistent with the quantile', () => {
    for (const level of [near, far, (near + far) / 2]) {
      const [e] = estimateCloseTime(readings(40, () => level));
      if (!e) throw new Error('no estimate');
      expect(e.notifyProbability).toBeGreaterThanOrEqual(0);
      expect(e.notifyProbability).toBeLessThanOrEqual(1);
      // closeMinutes is the decisionQuantile: it reaches the threshold exactly when P ≥ 1 − q.
      expect(e.closeMinutes >= P.notifyCloseMinutes).toBe(e.notifyProbability >= 1 - P.decisionQuantile - 1e-9);
    }
  });

  it('is less sure of a long co-presence at an ambiguous level with the v2 priors than with v1', () => {
    const level = P.states[2]?.meanAttenuationDb as number; // the middle band's level, for two hours
    const rs = gaen(readings(120, () => level, 250));
    const v2 = estimateCloseTime(rs)[0]?.notifyProbability as number;
    const v1 = estimateCloseTime(rs, { parameters: PROXIMITY_PARAMETERS_V1 })[0]?.notifyProbability as number;
    expect(v2).toBeLessThan(v1);
    expect(v2).toBeLessThan(0.5);
  });
});

describe('allHeardTxPowerSdDb', () => {
  it('is 0..20 dB when given, and not with a carry per session', () => {
    const doc = (v: unknown, carry?: number) =>
      JSON.stringify({ ...P, allHeardTxPowerSdDb: v, ...(carry === undefined ? {} : { receiverCarrySdDb: carry }) });
    expect(parseProximityParameters(doc(3)).allHeardTxPowerSdDb).toBe(3);
    expect(parseProximityParameters(doc(0)).allHeardTxPowerSdDb).toBe(0);
    expect(parseProximityParameters(doc(3, 0)).allHeardTxPowerSdDb).toBe(3);
    for (const bad of [-1, 21, '3', null])
      expect(() => parseProximityParameters(doc(bad))).toThrow(/allHeardTxPowerSdDb/);
    expect(() => parseProximityParameters(doc(3, 4.8))).toThrow(/allHeardTxPowerSdDb/);
    expect(P.allHeardTxPowerSdDb).toBeUndefined();
  });

  it('has estimateCloseTime read its evidence with that doubt', () => {
    const p: ProximityParameters = { ...P, allHeardTxPowerSdDb: 3 };
    const key = readings(30, () => near + 6);
    const evidence = [1, 2, 3, 4, 5].map((k) =>
      buildEncounters(
        readings(20, () => near - 10, 500, 6, k + 3),
        p,
      ),
    );
    const viaOptions = estimateCloseTime(key, { parameters: p, evidence });
    expect(viaOptions).toEqual(estimateReceiverCloseTime([buildEncounters(key, p)], p, evidence, 3).estimates[0]);
    expect(viaOptions).not.toEqual(estimateReceiverCloseTime([buildEncounters(key, p)], p, evidence, 0).estimates[0]);
  });
});

describe('offset grid', () => {
  it('collapses to the marginal prior for one encounter and spans both offsets for many', () => {
    const one = offsetGrid(P, 1);
    expect(one.receiver).toEqual(Float64Array.of(0));
    const sd = Math.hypot(P.encounterOffsetSdDb, P.receiverOffsetSdDb);
    expect(one.shifts.at(-1) as number).toBeGreaterThanOrEqual(3 * sd);
    const many = offsetGrid(P, 5);
    expect(many.receiver.at(-1) as number).toBeGreaterThanOrEqual(3 * P.receiverOffsetSdDb);
    // Each receiver offset's conditional prior over the shifts sums to 1.
    const J = many.shifts.length;
    for (let i = 0; i < many.receiver.length; i++) {
      let total = 0;
      for (let j = 0; j < J; j++) total += Math.exp(many.logConditional[i * J + j] as number);
      expect(total).toBeCloseTo(1, 9);
    }
  });
});

describe('proximity parameters', () => {
  it('accepts the defaults and their JSON round trip', () => {
    expect(() => validateProximityParameters(P)).not.toThrow();
    expect(() => validateProximityParameters(PROXIMITY_PARAMETERS_V1)).not.toThrow();
    expect(parseProximityParameters(JSON.stringify(P))).toEqual(P);
  });

  it('keeps a published version as it was published: v5 is the defaults of 6 Dec 2026, v6 builds on it', () => {
    // v5 as the key server served it while it was the defaults (the tree before v6): a document
    // named v5 must keep that meaning when later defaults change.
    const v5AsPublished = {
      version: 2,
      name: 'bluezone-hmm-v5',
      closeDistanceM: 2,
      binSeconds: 60,
      states: [
        { name: 'near', maxDistanceM: 1, meanAttenuationDb: 59, prior: 0.11, detectProbability: 0.9 },
        { name: 'close', maxDistanceM: 2, meanAttenuationDb: 63, prior: 0.14, detectProbability: 0.9 },
        { name: 'mid', maxDistanceM: 4, meanAttenuationDb: 66.3, prior: 0.25, detectProbability: 0.9 },
        { name: 'far', maxDistanceM: 30, meanAttenuationDb: 70, prior: 0.4, detectProbability: 0.9 },
      ],
      absentPrior: 0.1,
      movement: [
        { dwellMinutes: 1440, weight: 0.75 },
        { dwellMinutes: 10, weight: 0.25 },
      ],
      moveLeavesBand: true,
      encounterOffsetSdDb: 4.8,
      offsetLevels: 25,
      binSdDb: 2.5,
      readingSdDb: 5.9,
      readingCorrelationSeconds: 2,
      outlierProbability: 0.02,
      maxGapMinutes: 20,
      receiverOffsetSdDb: 5.7,
      crowdCloseCount: 2.5,
      notifyCloseMinutes: 15,
      decisionQuantile: 0.67,
    };
    expect(PROXIMITY_PARAMETERS_V5).toEqual(v5AsPublished);
    expect(P).toEqual({
      ...v5AsPublished,
      name: 'bluezone-hmm-v6',
      closeTimeLaw: 'beta-binomial',
      decisionQuantile: 0.7,
    });
    // Each version once, by its own name, newest first.
    expect(PROXIMITY_PARAMETER_VERSIONS.map((v) => v.name)).toEqual(
      [6, 5, 4, 3, 2, 1].map((n) => `bluezone-hmm-v${n}`),
    );
  });

  it('upgrades a version 1 document (one dwell time) to one movement regime', () => {
    const { movement: _, ...rest } = PROXIMITY_PARAMETERS_V1;
    const v1 = { ...rest, version: 1, meanDwellMinutes: 20 };
    expect(parseProximityParameters(JSON.stringify(v1))).toEqual({ ...PROXIMITY_PARAMETERS_V1 });
  });

  it.each([
    ['version', { version: 3 }],
    ['movement', { movement: [{ dwellMinutes: 10, weight: 0.5 }] }],
    ['decisionQuantile', { decisionQuantile: 1 }],
    ['binSeconds', { binSeconds: 7 }],
    ['priors', { absentPrior: 0.5 }],
    ['offsetLevels', { offsetLevels: 4 }],
    ['states', { states: [] }],
  ])('rejects a bad %s with invalid_config', (_, patch) => {
    const bad = { ...P, ...patch } as ProximityParameters;
    expect(() => validateProximityParameters(bad)).toThrow(ProtocolError);
    try {
      validateProximityParameters(bad);
    } catch (err) {
      expect((err as ProtocolError).code).toBe('invalid_config');
    }
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseProximityParameters('{')).toThrow(/not JSON/);
  });

  it('takes band priors from in-range shares, as shares of the in-range prior', () => {
    const shares = [0.05, 0.1, 0.25, 0.6];
    const p = withBandPriors(P, shares, 'district');
    expect(p.name).toBe('district');
    p.states.forEach((s, i) => {
      expect(s.prior).toBeCloseTo((shares[i] as number) * (1 - P.absentPrior), 12);
      expect({ ...s, prior: 0 }).toEqual({ ...P.states[i], prior: 0 });
    });
    expect({ ...p, states: [], name: '' }).toEqual({ ...P, states: [], name: '' });
    // The defaults' own priors are the social settings' shares the same way.
    const social = P.states.map((s) => s.prior / (1 - P.absentPrior));
    expect(withBandPriors(P, social, P.name)).toEqual(P);
    expect(() => withBandPriors(P, [0.5, 0.5, 0, 0], 'x')).toThrow(/every band needs some in-range time/);
    expect(() => withBandPriors(P, [0.5, 0.5], 'x')).toThrow(/2 given for 4 bands/);
  });
});

describe('properties', () => {
  const sequence = fc.record({
    minutes: fc.integer({ min: 1, max: 40 }),
    levels: fc.array(fc.double({ min: 40, max: 90, noNaN: true }), { minLength: 1, maxLength: 6 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  });
  const make = (s: { minutes: number; levels: number[]; seed: number }, everyMs = 500) =>
    readings(s.minutes, (m) => s.levels[Math.floor((m * s.levels.length) / s.minutes)], everyMs, 6, s.seed);

  it('does not depend on the order of the readings', () => {
    fc.assert(
      fc.property(sequence, fc.integer({ min: 0, max: 1000 }), (s, shuffleSeed) => {
        const rs = make(s);
        const n = noise(shuffleSeed);
        const shuffled = [...rs].sort(() => n());
        expect(estimateCloseTime(shuffled)).toEqual(estimateCloseTime(rs));
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the estimate within the heard time and the interval around it', () => {
    fc.assert(
      fc.property(sequence, (s) => {
        for (const e of estimateCloseTime(make(s))) {
          expect(e.closeMinutes).toBeGreaterThanOrEqual(0);
          expect(e.closeMinutes).toBeLessThanOrEqual(e.heardMinutes);
          expect(e.lowCloseMinutes).toBeLessThanOrEqual(e.closeMinutes);
          expect(e.highCloseMinutes).toBeGreaterThanOrEqual(e.closeMinutes);
          expect(e.meanCloseMinutes).toBeLessThanOrEqual(e.heardMinutes + 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  // A fixed seed, so a run never depends on luck. With random seeds this property used to fail
  // about once in six runs (39 minutes at 88, 81 then 40 dB: 21.8 close minutes at 4 readings a
  // second, 9.2 at one every 2 s) through the defect the next test pins; since the outlier
  // component follows the bands, seeds 1–6 pass, the closest case at the bound (25 minutes
  // jumping 68/40/62/44 dB: 6.25 minutes apart).
  it('gives about the same mean close time at 4 readings a second as at one every 2 seconds', () => {
    const mean = (rs: AttenuationReading[]) => estimateCloseTime(rs).reduce((a, e) => a + e.meanCloseMinutes, 0);
    fc.assert(
      fc.property(sequence, (s) => {
        const dense = mean(make(s, 250));
        const sparse = mean(make(s, 2_000));
        expect(Math.abs(dense - sparse)).toBeLessThanOrEqual(Math.max(4, 0.25 * s.minutes));
      }),
      { numRuns: 25, seed: 20261205 },
    );
  });

  // A stretch at 40 dB (phones touching) next to one at 81 dB (far, or behind a body) fits no
  // single offset. Whichever stretch was a minute longer used to decide the other's band: 20
  // minutes at 81 dB then 19 at 40 dB counted ~1.4 close minutes, 19 then 20 counted ~36 (the
  // 81 dB stretch as close too). The near stretch alone is close, in either order and length.
  it('counts a near stretch next to a far one, whichever comes first and whichever is longer', () => {
    for (const [strong, weak] of [
      [40, 81],
      [45, 78],
      [52, 75],
    ] as const)
      for (const split of [18.5, 19.5, 20.5]) {
        const nearMinutes = Math.ceil(split);
        const nearFirst = total(readings(39, (m) => (m < split ? strong : weak), 500, 6, 10));
        const nearLast = total(readings(39, (m) => (m < split ? weak : strong), 500, 6, 10));
        expect(Math.abs(nearFirst - nearMinutes), `${strong}/${weak} dB, near first, ${split}`).toBeLessThanOrEqual(3);
        expect(
          Math.abs(nearLast - (39 - nearMinutes)),
          `${strong}/${weak} dB, near last, ${split}`,
        ).toBeLessThanOrEqual(3);
      }
  });
});
