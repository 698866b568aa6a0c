// The offset grid read over each cell, not at its centre (cell-likelihood.ts, proximity-hmm's
// refineCells). Before, a long encounter's verdict followed how its level happened to align with
// the grid: two hours at a constant 58.5 dB were close with probability 0.56, at 59 dB 0.29.
import { describe, expect, it } from 'vitest';
import {
  type AttenuationReading,
  buildEncounters,
  estimateCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  runEncounter,
} from '../src/index';
import { cellLogLikelihoods, halfStepCell } from '../src/proximity/cell-likelihood';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const MIN = 60_000;

/** Deterministic fading (uniform, SD `sd`), so the tests never depend on Math.random. */
function stretch(minutes: number, level: number, everyMs: number, sd = 4, seed = 99): AttenuationReading[] {
  let s = seed;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  const out: AttenuationReading[] = [];
  for (let t = 0; t < minutes * MIN; t += everyMs)
    out.push({ timeMs: T0 + t, attenuationDb: level + sd * 2 * Math.sqrt(3) * u() });
  return out;
}

/** log of the mean of exp(f) over [lo, hi], by a fine midpoint rule. */
function logMeanExp(f: (x: number) => number, lo: number, hi: number, n = 20_000): number {
  const v = Array.from({ length: n }, (_, i) => f(lo + ((i + 0.5) / n) * (hi - lo)));
  const max = Math.max(...v);
  return max + Math.log(v.reduce((a, x) => a + Math.exp(x - max), 0) / n);
}

describe('cellLogLikelihoods', () => {
  it('averages a parabola (one band\u2019s peak) exactly over each cell, wherever the peak falls', () => {
    for (const peak of [0, 0.5, 0.37, -1.8]) {
      // SD of 0.2 steps: far sharper than the grid.
      const f = (x: number) => -3 - ((x - peak) * (x - peak)) / (2 * 0.2 * 0.2);
      const xs = Array.from({ length: 9 }, (_, i) => i - 4);
      const got = cellLogLikelihoods(Float64Array.from(xs, f));
      // The cells that hold the peak (within 10 nats of it): those the posterior is made of.
      xs.forEach((x, i) => {
        const want = logMeanExp(f, x - 0.5, x + 0.5);
        if (want > -13) expect(Math.abs((got[i] as number) - want)).toBeLessThan(0.1);
      });
      // The whole peak is counted once, however it straddles the cells.
      const total = Array.from(got).reduce((a, v) => a + Math.exp(v), 0);
      expect(total).toBeCloseTo(Math.exp(logMeanExp(f, -4.5, 4.5)) * 9, 3);
    }
  });

  it('leaves fewer than three points, and a flat curve, as they are', () => {
    expect(Array.from(cellLogLikelihoods(Float64Array.of(-1, -2)))).toEqual([-1, -2]);
    const flat = cellLogLikelihoods(Float64Array.of(-5, -5, -5, -5));
    for (const v of flat) expect(v).toBeCloseTo(-5, 12);
  });
});

describe('a long encounter at a constant level', () => {
  it('is less likely close the weaker its level: the verdict no longer follows the grid', () => {
    let previous = { probability: 1, mean: Number.POSITIVE_INFINITY };
    for (let level = 55; level <= 71; level += 0.25) {
      const [e] = estimateCloseTime(stretch(120, level, 2_000));
      if (!e) throw new Error('no estimate');
      // Monotone up to rounding of the posterior's discretisation.
      expect(e.notifyProbability).toBeLessThanOrEqual(previous.probability + 0.005);
      expect(e.meanCloseMinutes).toBeLessThanOrEqual(previous.mean + 0.5);
      previous = { probability: e.notifyProbability, mean: e.meanCloseMinutes };
    }
  });

  it('gets from the default grid what a grid 24 times finer gets', () => {
    const sd = Math.hypot(P.encounterOffsetSdDb, P.receiverOffsetSdDb);
    const posteriorMean = (level: number, step: number) => {
      const [e] = buildEncounters(stretch(120, level, 2_000), P);
      if (!e) throw new Error('no encounter');
      const k = Math.ceil((3 * sd) / step);
      const shifts = Float64Array.from({ length: 2 * k + 1 }, (_, i) => (i - k) * step);
      let num = 0;
      let den = 0;
      for (const m of P.movement) {
        const r = runEncounter(e, P, shifts, m.dwellMinutes);
        const max = Math.max(...r.logLikelihood);
        shifts.forEach((s, j) => {
          const w = m.weight * Math.exp(-0.5 * (s / sd) ** 2 + (r.logLikelihood[j] as number) - max);
          num += w * (r.mean[j] as number);
          den += w;
        });
      }
      return num / den;
    };
    const step = (6 * P.encounterOffsetSdDb) / (P.offsetLevels - 1);
    for (const level of [56.5, 58.5, 59.5, 62, 64.5]) {
      expect(Math.abs(posteriorMean(level, step) - posteriorMean(level, step / 24))).toBeLessThan(1.5);
    }
  });
});

describe('halfStepCell', () => {
  it('averages a sharp peak exactly from points half a step apart, and says where its mass lies', () => {
    // In steps; SD 0.1 step, far too sharp for the grid's own points.
    for (const peak of [0, 0.3, -0.45]) {
      const f = (x: number) => -2 - ((x - peak) * (x - peak)) / (2 * 0.1 * 0.1);
      const { logMean, shares } = halfStepCell([f(-1), f(-0.5), f(0), f(0.5), f(1)]);
      expect(Math.abs(logMean - logMeanExp(f, -0.5, 0.5))).toBeLessThan(0.02);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      // The share nearest the peak is the largest.
      const nearest = peak < -0.25 ? 0 : peak > 0.25 ? 2 : 1;
      expect(Math.max(...shares)).toBe(shares[nearest]);
    }
  });

  it('takes one-sided slopes where the grid ends', () => {
    const f = (x: number) => -1 - 4 * x;
    const { logMean } = halfStepCell([undefined, f(-0.5), f(0), f(0.5), undefined]);
    expect(Math.abs(logMean - logMeanExp(f, -0.5, 0.5))).toBeLessThan(0.005);
  });
});
