// Where a move takes a pair's band (band-moves.ts). Redrawn from the priors, a steady level read
// farther the longer it held: two hours at a constant 59 dB logged continuously were close, three
// hours were not. A move that leaves its band makes every band hold for the same dwell.
import { describe, expect, it, vi } from 'vitest';
import {
  type AttenuationReading,
  type BandJumps,
  BIN_MISS,
  BIN_READINGS,
  BIN_UNKNOWN,
  crowdPriors,
  type Encounter,
  estimateCloseTime,
  leavingJumps,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  type ProximityParameters,
  parseProximityParameters,
  redrawJumps,
  runEncounter,
} from '../src/index';

/** The jump law as a dense matrix Q[j][k]. */
function dense(jumps: BandJumps, K: number): number[][] {
  return Array.from({ length: K }, (_, j) =>
    Array.from(
      { length: K },
      (_, k) =>
        jumps.from.reduce((s, from, r) => s + (from[j] as number) * ((jumps.to[r] as Float64Array)[k] as number), 0) +
        (j === k ? (jumps.keep[k] as number) : 0),
    ),
  );
}

const defaultPriors = Float64Array.from([...P.states.map((s) => s.prior), P.absentPrior]);
const lawsToCheck: [string, Float64Array][] = [
  ['the defaults', defaultPriors],
  ['equal priors', Float64Array.from([0.2, 0.2, 0.2, 0.2, 0.2])],
  ['a crowd of 20', crowdPriors(P, 20)],
  ['far just under half', Float64Array.from([0.03, 0.03, 0.3, 0.49, 0.15])],
  ['far at half', Float64Array.from([0.05, 0.05, 0.2, 0.5, 0.2])],
  ['far over half (a crowd of 60)', crowdPriors(P, 60)],
];

describe('leavingJumps', () => {
  for (const [name, prior] of lawsToCheck) {
    it(`is a reversible chain with the priors as its law: ${name}`, () => {
      const K = prior.length;
      const Q = dense(leavingJumps(prior), K);
      const top = Math.max(...prior);
      for (let j = 0; j < K; j++) {
        const row = Q[j] as number[];
        for (const q of row) expect(q).toBeGreaterThanOrEqual(-1e-12);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        for (let k = 0; k < K; k++)
          expect((prior[j] as number) * (row[k] as number)).toBeCloseTo(
            (prior[k] as number) * ((Q[k] as number[])[j] as number),
            9,
          );
        // Equal dwell: a move always leaves, except from a band that holds half the time or more.
        if ((prior[j] as number) < 0.5 - 1e-9) expect(Math.abs(row[j] as number)).toBeLessThan(1e-9);
      }
      // Leaving a band that holds more than half the time: just as often as the others enter it.
      if (top > 0.5) {
        const d = prior.indexOf(top);
        expect(1 - ((Q[d] as number[])[d] as number)).toBeCloseTo((1 - top) / top, 9);
      }
    });
  }

  it('is the priors for a redraw', () => {
    const Q = dense(redrawJumps(defaultPriors), 5);
    for (const row of Q)
      row.forEach((q, k) => {
        expect(q).toBeCloseTo(defaultPriors[k] as number, 12);
      });
  });

  it('is validated: true, false or absent', () => {
    const doc = (v: unknown) => JSON.stringify({ ...P, moveLeavesBand: v });
    expect(parseProximityParameters(doc(true)).moveLeavesBand).toBe(true);
    expect(parseProximityParameters(doc(false)).moveLeavesBand).toBe(false);
    expect(parseProximityParameters(JSON.stringify(P)).moveLeavesBand).toBe(P.moveLeavesBand);
    for (const bad of [1, 'yes', null]) expect(() => parseProximityParameters(doc(bad))).toThrow(/moveLeavesBand/);
  });
});

describe('runEncounter with a move that leaves its band', () => {
  // Bands told apart by their detection too, no outliers, so each bin's emission is one line
  // here; the crowd changes from bin to bin, up to a crowd in which far holds over half the time.
  const p: ProximityParameters = {
    ...P,
    moveLeavesBand: true,
    outlierProbability: 0,
    crowdCloseCount: 2.5,
    states: P.states.map((s, k) => ({ ...s, detectProbability: [0.95, 0.8, 0.6, 0.3][k] as number })),
  };
  const binMs = p.binSeconds * 1000;
  // Six bins across a UTC midnight: two days.
  const firstBin = Date.UTC(2024, 2, 4, 23, 57) / binMs;
  const e: Encounter = {
    firstBin,
    kind: Uint8Array.of(BIN_READINGS, BIN_MISS, BIN_UNKNOWN, BIN_READINGS, BIN_MISS, BIN_READINGS),
    level: Float64Array.of(61, 0, 0, 66, 0, 58),
    variance: Float64Array.of(9, 0, 0, 16, 0, 12),
    heard: Uint16Array.of(3, 12, 12, 60, 25, 6),
  };
  const K = p.states.length + 1;
  const dwell = 10;

  it('gives what summing over every path of bands gives', () => {
    const stay = Math.exp(-p.binSeconds / 60 / dwell);
    const priors = Array.from(e.heard as Uint16Array, (h) => crowdPriors(p, h));
    const Qs = priors.map((prior) => dense(leavingJumps(prior), K));
    const emission = (t: number, k: number, shift: number) => {
      const kind = e.kind[t];
      if (kind === BIN_UNKNOWN) return 1;
      if (k === K - 1) return kind === BIN_MISS ? 1 : 0;
      const s = p.states[k] as ProximityParameters['states'][number];
      if (kind === BIN_MISS) return 1 - s.detectProbability;
      const v = e.variance[t] as number;
      const d = (e.level[t] as number) - s.meanAttenuationDb - shift;
      return (s.detectProbability * Math.exp((-d * d) / (2 * v))) / Math.sqrt(2 * Math.PI * v);
    };
    const close = (k: number) => k < K - 1 && (p.states[k]?.maxDistanceM as number) <= p.closeDistanceM;
    const dayOf = (t: number) =>
      Math.floor(((firstBin + t) * binMs) / 86_400_000) === Math.floor((firstBin * binMs) / 86_400_000) ? 0 : 1;
    for (const shift of [-4, 0, 3]) {
      const T = e.kind.length;
      let z = 0;
      const m = [0, 0];
      const m2 = [0, 0];
      const path = new Array<number>(T).fill(0);
      for (let code = 0; code < K ** T; code++) {
        let c = code;
        for (let t = 0; t < T; t++) {
          path[t] = c % K;
          c = Math.floor(c / K);
        }
        let w = (priors[0]?.[path[0] as number] as number) * emission(0, path[0] as number, shift);
        for (let t = 1; t < T && w > 0; t++) {
          const from = path[t - 1] as number;
          const to = path[t] as number;
          // The step into bin t follows bin t's priors.
          const jump = ((Qs[t] as number[][])[from] as number[])[to] as number;
          w *= ((from === to ? stay : 0) + (1 - stay) * jump) * emission(t, to, shift);
        }
        z += w;
        const n = [0, 0];
        path.forEach((k, t) => {
          if (close(k)) n[dayOf(t)] = (n[dayOf(t)] as number) + 1;
        });
        for (const d of [0, 1]) {
          m[d] = (m[d] as number) + w * (n[d] as number);
          m2[d] = (m2[d] as number) + w * (n[d] as number) ** 2;
        }
      }
      const run = runEncounter(e, p, [shift], dwell);
      expect(run.days.length).toBe(2);
      expect(run.logLikelihood[0]).toBeCloseTo(Math.log(z), 9);
      for (const d of [0, 1]) {
        expect(run.mean[d]).toBeCloseTo((m[d] as number) / z, 9);
        expect(run.second[d]).toBeCloseTo((m2[d] as number) / z, 9);
      }
    }
  });
});

describe('a steady stay', () => {
  const T0 = Date.UTC(2024, 2, 4, 1, 0, 0);
  const MIN = 60_000;
  /** Readings at one level with deterministic fading (uniform, SD 4 dB): every 2 s, or two per 5-minute GAEN scan. */
  const stay = (minutes: number, level: number, gaen: boolean): AttenuationReading[] => {
    let s = 99;
    const fade = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return 4 * 2 * Math.sqrt(3) * (s / 4294967296 - 0.5);
    };
    const out: AttenuationReading[] = [];
    const times: number[] = [];
    if (gaen) for (let t = 0; t < minutes * MIN; t += 5 * MIN) times.push(t, t + 2_000);
    else for (let t = 0; t < minutes * MIN; t += 2_000) times.push(t);
    for (const t of times) out.push({ timeMs: T0 + t, attenuationDb: level + fade() });
    return out;
  };

  for (const gaen of [false, true])
    it(`reads as close the longer it lasts, not farther (${gaen ? 'GAEN scans' : 'continuous logging'})`, () => {
      for (const level of [55, 59, 62, 65]) {
        let first: number | undefined;
        let previous = 0;
        for (const minutes of [30, 60, 120, 240, 480]) {
          const [e] = estimateCloseTime(stay(minutes, level, gaen), { scanPeriodSeconds: gaen ? 300 : 2 });
          if (!e) throw new Error('no estimate');
          // The share of the stay that is close does not depend on how long the level held: with
          // bands redrawn on a move, eight hours at 55 dB were close for 15 % (GAEN) or 20 %
          // (continuous) against 51 % and 55 % for half an hour.
          const share = e.meanCloseMinutes / minutes;
          first ??= share;
          expect(Math.abs(share - first), `${level} dB for ${minutes} min`).toBeLessThan(0.05);
          // So a longer stay never reports fewer close minutes (continuous logging at 59 dB: 120
          // close minutes for two hours, 0 for three). At 65 dB the posterior is under 1/3 close.
          if (level <= 62) expect(e.closeMinutes, `${level} dB for ${minutes} min`).toBeGreaterThanOrEqual(previous);
          previous = e.closeMinutes;
        }
      }
    });
});

describe('the movement rows a document works out once', () => {
  // runEncounter keeps each parameter document's prior rows (by dwell and crowd count) for every
  // later estimate: a document must get its own rows, whatever was estimated before it. Each
  // order runs in a fresh copy of the module, so its cache starts empty.
  const readings: AttenuationReading[] = Array.from({ length: 36 }, (_, i) => ({
    timeMs: Date.UTC(2024, 2, 4, 9) + i * 150_000,
    attenuationDb: 59 + ((i * 7) % 5) - 2,
  }));
  const inFreshModule = async (order: ('v4' | 'v5')[]) => {
    vi.resetModules();
    const m = await import('../src/index');
    const of = { v4: m.PROXIMITY_PARAMETERS_V4, v5: m.PROXIMITY_PARAMETERS_V5 };
    return order.map((v) =>
      m.estimateCloseTime(readings, { parameters: of[v], scanPeriodSeconds: 300 }).map((e) => e.meanCloseMinutes),
    );
  };

  it('are the document’s own: v4 after v5 reads as v4 alone, and v5 after v4 as v5 alone', async () => {
    const [v4Alone] = await inFreshModule(['v4']);
    const [v5Alone] = await inFreshModule(['v5']);
    // Both regimes' rows differ between the two (v5 leaves its band on a move, v4 redraws it).
    expect(Math.abs((v5Alone?.[0] as number) - (v4Alone?.[0] as number))).toBeGreaterThan(1);
    expect(await inFreshModule(['v5', 'v4', 'v5'])).toEqual([v5Alone, v4Alone, v5Alone]);
    expect(await inFreshModule(['v4', 'v5', 'v4'])).toEqual([v4Alone, v5Alone, v4Alone]);
  });
});
