// The law of a day's close time (close-time-distribution.ts): with `closeTimeLaw` beta-binomial
// each component of the mixture keeps its mean and variance, and a count that moves together — a
// settled pair keeps its band — is all or none rather than a normal blob in the middle (the
// defaults' law since v6; v5 kept the normal). Checked against laws worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  estimateReceiverCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  PROXIMITY_PARAMETERS_V5,
  type ProximityParameters,
  parseProximityParameters,
} from '../src/index';
import { discretiseMixture } from '../src/proximity/close-time-distribution';
import { BIN_READINGS, BIN_UNKNOWN, type Encounter } from '../src/proximity/proximity-encounters';

function moments(pmf: Float64Array): { total: number; mean: number; variance: number } {
  let total = 0;
  let mean = 0;
  for (let k = 0; k < pmf.length; k++) {
    total += pmf[k] as number;
    mean += k * (pmf[k] as number);
  }
  let variance = 0;
  for (let k = 0; k < pmf.length; k++) variance += (k - mean) ** 2 * (pmf[k] as number);
  return { total, mean, variance };
}

describe('discretiseMixture', () => {
  it('keeps a component’s mean and variance when its bins move together (more variance than a binomial’s)', () => {
    for (const [n, p, rho] of [
      [60, 0.28, 0.9],
      [60, 0.5, 0.3],
      [12, 0.1, 0.05],
      [240, 0.7, 0.99],
    ] as const) {
      const mean = n * p;
      const variance = n * p * (1 - p) * (1 + (n - 1) * rho);
      const m = moments(discretiseMixture([{ weight: 1, mean, variance }], n, 'beta-binomial'));
      expect(m.total).toBeCloseTo(1, 9);
      expect(m.mean).toBeCloseTo(mean, 6);
      expect(m.variance).toBeCloseTo(variance, 4);
    }
  });

  it('puts an all-or-none component at 0 and at every bin, in its proportions', () => {
    const n = 60;
    const pmf = discretiseMixture([{ weight: 1, mean: 0.28 * n, variance: n * n * 0.28 * 0.72 }], n, 'beta-binomial');
    expect(pmf[0]).toBeCloseTo(0.72, 9);
    expect(pmf[n]).toBeCloseTo(0.28, 9);
    // Nearly all-or-none: the mass still sits at the ends, not in the middle.
    const near = discretiseMixture(
      [{ weight: 1, mean: 0.28 * n, variance: 0.95 * n * n * 0.28 * 0.72 }],
      n,
      'beta-binomial',
    );
    expect((near[0] as number) + (near[1] as number) + (near[n] as number) + (near[n - 1] as number)).toBeGreaterThan(
      0.8,
    );
    expect(near.slice(10, 50).reduce((a, x) => a + x, 0)).toBeLessThan(0.1);
  });

  it('stays finite and whole over a day of bins, however near all-or-none', () => {
    const n = 1440;
    for (const share of [1e-6, 0.999_999, 0.5]) {
      const mean = 0.3 * n;
      const variance = share * n * n * 0.3 * 0.7 + (1 - share) * n * 0.3 * 0.7;
      const pmf = discretiseMixture([{ weight: 1, mean, variance }], n, 'beta-binomial');
      expect(pmf.every(Number.isFinite)).toBe(true);
      const m = moments(pmf);
      expect(m.total).toBeCloseTo(1, 9);
      expect(m.mean).toBeCloseTo(mean, 3);
    }
  });

  it('keeps the truncated normal for a count of nearly certain bins (less variance than a binomial’s)', () => {
    const pmf = discretiseMixture([{ weight: 1, mean: 30, variance: 4 }], 60, 'beta-binomial');
    const m = moments(pmf);
    expect(m.mean).toBeCloseTo(30, 6);
    expect(m.variance).toBeGreaterThan(3.9);
    expect(m.variance).toBeLessThan(4.2);
    expect(pmf[30]).toBeGreaterThan(pmf[27] as number);
  });
});

describe('a day’s close time when the readings cannot tell the band', () => {
  // An hour heard in GAEN's scans every 5 minutes, each reading carrying no information (a
  // variance of 10⁶ dB²): the posterior is the model's prior. With the band held for the whole
  // stay (one regime, a dwell far longer than the stay) the close time is the whole hour with
  // the prior's chance of a close band among the bands present, (0.11 + 0.14) / 0.9, or none.
  const minutes = 60;
  const kind = new Uint8Array(minutes).fill(BIN_UNKNOWN);
  for (let t = 0; t < minutes; t += 5) kind[t] = BIN_READINGS;
  kind[minutes - 1] = BIN_READINGS;
  const encounter: Encounter = {
    firstBin: Math.floor(Date.UTC(2024, 2, 4, 9) / 60_000),
    kind,
    level: new Float64Array(minutes).fill(65),
    variance: new Float64Array(minutes).fill(1e6),
  };
  const law: ProximityParameters = { ...P, closeTimeLaw: 'beta-binomial' };
  const held: ProximityParameters = { ...law, movement: [{ dwellMinutes: 1e7, weight: 1 }], notifyCloseMinutes: 10 };
  const closeShare =
    P.states.filter((s) => s.maxDistanceM <= P.closeDistanceM).reduce((a, s) => a + s.prior, 0) /
    P.states.reduce((a, s) => a + s.prior, 0);

  it('is all of the stay or none of it, with the prior’s chance of a close band', () => {
    const e = estimateReceiverCloseTime([[encounter]], held).estimates[0]?.[0];
    expect(closeShare).toBeCloseTo(0.278, 3);
    expect(e?.meanCloseMinutes).toBeCloseTo(closeShare * minutes, 0);
    // P(≥ 10 close minutes) is the chance of the close bands (a normal of the same moments gave 0.8).
    expect(e?.notifyProbability).toBeCloseTo(closeShare, 2);
    // Under a 0.28 chance of being close, the 70th percentile is none of it; the 90th is all of it.
    expect(e?.closeMinutes).toBe(0);
    expect(e?.lowCloseMinutes).toBe(0);
    expect(e?.highCloseMinutes).toBe(minutes);
  });

  it('with the defaults’ two regimes, sits between all-or-none and the mingling regime alone', () => {
    const chance = (p: ProximityParameters) =>
      estimateReceiverCloseTime([[encounter]], { ...p, notifyCloseMinutes: 10 }).estimates[0]?.[0]
        ?.notifyProbability as number;
    const mingling = chance({ ...law, movement: [{ dwellMinutes: 10, weight: 1 }] });
    const twoRegimes = chance(law);
    expect(twoRegimes).toBeGreaterThan(chance(held) + 0.02);
    expect(twoRegimes).toBeLessThan(mingling - 0.1);
  });

  it('with the normal law (v5), is read far more likely close than the prior says (why v6 changed the law)', () => {
    const { closeTimeLaw: _, ...byDefault } = held;
    const e = estimateReceiverCloseTime([[encounter]], byDefault).estimates[0]?.[0];
    expect(e?.meanCloseMinutes).toBeCloseTo(closeShare * minutes, 0);
    expect(e?.notifyProbability).toBeGreaterThan(0.7);
    expect(e?.closeMinutes).toBeGreaterThanOrEqual(25);
    expect(estimateReceiverCloseTime([[encounter]], { ...held, closeTimeLaw: 'normal' })).toEqual(
      estimateReceiverCloseTime([[encounter]], byDefault),
    );
  });
});

describe('closeTimeLaw', () => {
  it('is normal or beta-binomial, or absent', () => {
    const doc = (v: unknown) => JSON.stringify({ ...P, closeTimeLaw: v });
    expect(parseProximityParameters(doc('beta-binomial')).closeTimeLaw).toBe('beta-binomial');
    expect(parseProximityParameters(doc('normal')).closeTimeLaw).toBe('normal');
    expect(P.closeTimeLaw).toBe('beta-binomial');
    expect(parseProximityParameters(JSON.stringify(PROXIMITY_PARAMETERS_V5)).closeTimeLaw).toBeUndefined();
    for (const bad of ['beta', 1, null, true]) expect(() => parseProximityParameters(doc(bad))).toThrow(/closeTimeLaw/);
  });
});
