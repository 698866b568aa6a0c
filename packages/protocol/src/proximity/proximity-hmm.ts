/**
 * The hidden-Markov model of one encounter. Hidden per bin: the distance band (near, close,
 * mid, far, …) or absent (out of range). Per encounter: a persistent attenuation offset
 * (carry position, bodies between, orientation, calibration error, and the receiver's own
 * offset) that is integrated out on a grid of shifts (offset-grid.ts): at each shift the model
 * is an ordinary HMM, run here, and the shifts are then weighed by their likelihood. Without
 * that persistent term, an hour in a back pocket at arm's length would read as sixty
 * independent bins of "far".
 *
 * Movement: in each bin the pair stays in its band with probability exp(−bin / dwell), else
 * it moves: its band is redrawn from that bin's priors, or leaves for another band with every
 * band holding for the same dwell (`moveLeavesBand`, band-moves.ts says why). Both are
 * reversible chains whose stationary law is the prior while the priors hold (they follow the
 * receiver's crowd, crowd-priors.ts), and both keep the forward step O(bands) instead of
 * O(bands²). The dwell is one movement regime's; the caller runs each regime.
 *
 * Close time: a forward pass that carries, besides p(readings, band), the first and second
 * moments of the number of close bins (the same recursion with N and N² weighted in), gives
 * the exact posterior mean and variance of close time without a backward pass, per UTC day.
 */
import { type BandJumps, leavingJumps, redrawJumps } from './band-moves';
import { cellLogLikelihoods, curvatureAround, halfStepCell } from './cell-likelihood';
import { crowdPriors } from './crowd-priors';
import { BIN_MISS, BIN_READINGS, type Encounter } from './proximity-encounters';
import type { ProximityParameters } from './proximity-parameters';

const DAY_MS = 86_400_000;
/**
 * SD of the outlier component, centred on the band like the main one (a contaminated normal).
 * It is as wide as a uniform over 50 dB, but it falls with the distance from the band: a bin
 * that fits no band is still taken as nearer the band it is nearest to. With a flat outlier
 * density such a bin took the band of its neighbours, so a 19-minute stretch at 40 dB next to
 * 20 minutes at 81 dB (no single offset fits both) counted as far, and with the lengths
 * swapped the 81 dB stretch counted as close.
 */
const OUTLIER_SD_DB = 15;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** How far beyond the nearest band (at the strongest shift) a level is still taken at its value. */
const CLAMP_MARGIN_DB = 10;

/** The model run over one encounter at each of a grid of shifts, for one movement regime. */
export interface EncounterLevels {
  /** UTC day start (ms) of each day part of the encounter. */
  days: number[];
  /** Bins of the encounter in each day part. */
  binsPerDay: number[];
  /**
   * log p(readings | shift l) for each shift: averaged over the shift's grid cell when the
   * shifts are equally spaced (cell-likelihood.ts, `refineCells`), so a long encounter's sharp
   * peak counts wherever in the cell it falls.
   */
  logLikelihood: Float64Array;
  /** Posterior mean and second moment of the number of close bins (over shift l's cell), at [l · days + day]. */
  mean: Float64Array;
  second: Float64Array;
}

/** A bin's priors and one step of the movement chain under them (band-moves.ts), for one regime. */
interface PriorRow {
  prior: Float64Array;
  /** x'[k] = hold[k]·x[k] + Σ_r arrive[r][k]·(from[r] · x). */
  hold: Float64Array;
  from: Float64Array[];
  arrive: Float64Array[];
}

function stepOf(prior: Float64Array, jumps: BandJumps, stay: number, move: number): PriorRow {
  return {
    prior,
    hold: Float64Array.from(jumps.keep, (v) => stay + move * v),
    from: jumps.from,
    arrive: jumps.to.map((to) => Float64Array.from(to, (v) => move * v)),
  };
}

/**
 * Prior rows by parameters, then dwell and crowd count. The same counts recur in every encounter
 * of a receiver and in every run of an encounter (a regime, a cell's edges), and a leaving move's
 * weights are solved numerically (band-moves.ts); parameters are never changed once made, so a
 * row is worked out once per document.
 */
const PRIOR_ROWS = new WeakMap<ProximityParameters, Map<string, PriorRow>>();

function priorRowOf(p: ProximityParameters, dwellMinutes: number, heard: number): PriorRow {
  let rows = PRIOR_ROWS.get(p);
  if (!rows) {
    rows = new Map();
    PRIOR_ROWS.set(p, rows);
  }
  const key = `${dwellMinutes}:${heard}`;
  let row = rows.get(key);
  if (!row) {
    const stay = Math.exp(-p.binSeconds / 60 / dwellMinutes);
    const prior = crowdPriors(p, heard);
    row = stepOf(prior, p.moveLeavesBand === true ? leavingJumps(prior) : redrawJumps(prior), stay, 1 - stay);
    rows.set(key, row);
  }
  return row;
}

function dotOf(a: Float64Array, x: Float64Array, from: number, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += (a[i] as number) * (x[from + i] as number);
  return s;
}

function sumOf(a: Float64Array, from: number, count: number): number {
  let s = 0;
  for (let i = from; i < from + count; i++) s += a[i] as number;
  return s;
}

export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp((values[i] as number) - max);
  return max + Math.log(s);
}

/**
 * Runs the model over one encounter at every shift (dB added to every band's attenuation) with
 * the mean dwell of one movement regime.
 */
export function runEncounter(
  e: Encounter,
  p: ProximityParameters,
  shiftsDb: ArrayLike<number>,
  dwellMinutes: number,
): EncounterLevels {
  const K = p.states.length + 1; // the last state is "absent"
  const T = e.kind.length;
  const mean = new Float64Array(K);
  const detect = new Float64Array(K);
  const close = new Uint8Array(K);
  p.states.forEach((s, k) => {
    mean[k] = s.meanAttenuationDb;
    detect[k] = s.detectProbability;
    close[k] = s.maxDistanceM <= p.closeDistanceM ? 1 : 0;
  });
  // Each bin's priors (how crowded the receiver's scans were then) and where a move takes the
  // band under them: one row per distinct count, shared by every shift, run and encounter.
  const rowOf = new Array<PriorRow>(T);
  for (let t = 0; t < T; t++) {
    const heard = e.heard && p.crowdCloseCount !== undefined ? (e.heard[t] as number) : 0;
    rowOf[t] = priorRowOf(p, dwellMinutes, heard);
  }
  const eps = p.outlierProbability;
  const outlierVariance = OUTLIER_SD_DB * OUTLIER_SD_DB;

  // Day parts: an encounter crossing UTC midnight reports each day's close time separately.
  const binMs = p.binSeconds * 1000;
  const dayOf = new Int32Array(T);
  const days: number[] = [];
  const binsPerDay: number[] = [];
  for (let t = 0; t < T; t++) {
    const day = Math.floor(((e.firstBin + t) * binMs) / DAY_MS) * DAY_MS;
    if (days.at(-1) !== day) {
      days.push(day);
      binsPerDay.push(0);
    }
    dayOf[t] = days.length - 1;
    binsPerDay[days.length - 1] = (binsPerDay[days.length - 1] as number) + 1;
  }
  const D = days.length;
  // A level stronger than the nearest band is nearer still: clamp levels to just beyond it, so
  // that an extreme reading (a phone on top of another, a GAEN attenuation of 5 dB) does not fit
  // every band equally badly and fall back to the outlier density. The bound does not move with
  // the shift, so likelihoods at different shifts compare the same data.
  let lowest = Number.POSITIVE_INFINITY;
  for (const s of p.states) lowest = Math.min(lowest, s.meanAttenuationDb);
  let strongestShift = 0;
  for (let l = 0; l < shiftsDb.length; l++) strongestShift = Math.min(strongestShift, shiftsDb[l] as number);
  const clampLow = lowest + strongestShift - CLAMP_MARGIN_DB;

  const L = shiftsDb.length;
  const out: EncounterLevels = {
    days,
    binsPerDay,
    logLikelihood: new Float64Array(L),
    mean: new Float64Array(L * D),
    second: new Float64Array(L * D),
  };
  const f = new Float64Array(K);
  const g = new Float64Array(K * D);
  const h = new Float64Array(K * D);
  const em = new Float64Array(K);
  const next = new Float64Array(K);
  const dotF = new Float64Array(2);
  const dotG = new Float64Array(2 * D);
  const dotH = new Float64Array(2 * D);
  const meanAt = new Float64Array(D);
  const secondAt = new Float64Array(D);
  /** The forward pass at one shift: returns log p(readings | shift), leaves the moments in meanAt/secondAt. */
  const forward = (offset: number): number => {
    let logLik = 0;
    for (let t = 0; t < T; t++) {
      // Emission of bin t in each band.
      const kind = e.kind[t] as number;
      if (kind === BIN_READINGS) {
        const v = e.variance[t] as number;
        const y = Math.max(clampLow, e.level[t] as number);
        const logNorm = -LOG_SQRT_2PI - 0.5 * Math.log(v);
        const vo = v + outlierVariance;
        const logNormOut = -LOG_SQRT_2PI - 0.5 * Math.log(vo);
        for (let k = 0; k < K - 1; k++) {
          const d = y - (mean[k] as number) - offset;
          const dd = 0.5 * d * d;
          em[k] =
            (detect[k] as number) * ((1 - eps) * Math.exp(logNorm - dd / v) + eps * Math.exp(logNormOut - dd / vo));
        }
        em[K - 1] = 0;
      } else if (kind === BIN_MISS) {
        for (let k = 0; k < K - 1; k++) em[k] = 1 - (detect[k] as number);
        em[K - 1] = 1;
      } else {
        em.fill(1);
      }
      const dt = dayOf[t] as number;
      const row = rowOf[t] as PriorRow;
      if (t === 0) {
        for (let k = 0; k < K; k++) {
          const fk = (row.prior[k] as number) * (em[k] as number);
          f[k] = fk;
          for (let d = 0; d < D; d++) {
            const c = close[k] === 1 && d === dt ? fk : 0;
            g[d * K + k] = c;
            h[d * K + k] = c;
          }
        }
      } else {
        // One step of the chain for f, and for g and h of every day: x'[k] = hold[k]·x[k] +
        // Σ_terms arrive[k]·(from · x).
        const terms = row.from.length;
        for (let r = 0; r < terms; r++) {
          const from = row.from[r] as Float64Array;
          dotF[r] = dotOf(from, f, 0, K);
          for (let d = 0; d < D; d++) {
            dotG[r * D + d] = dotOf(from, g, d * K, K);
            dotH[r * D + d] = dotOf(from, h, d * K, K);
          }
        }
        for (let k = 0; k < K; k++) {
          const hold = row.hold[k] as number;
          const ek = em[k] as number;
          let inF = hold * (f[k] as number);
          for (let r = 0; r < terms; r++) inF += ((row.arrive[r] as Float64Array)[k] as number) * (dotF[r] as number);
          for (let d = 0; d < D; d++) {
            const i = d * K + k;
            let pg = hold * (g[i] as number);
            let ph = hold * (h[i] as number);
            for (let r = 0; r < terms; r++) {
              const a = (row.arrive[r] as Float64Array)[k] as number;
              pg += a * (dotG[r * D + d] as number);
              ph += a * (dotH[r * D + d] as number);
            }
            if (close[k] === 1 && d === dt) {
              // N_t = N_{t-1} + 1 in a close band of this day: E[N] gains p, E[N²] gains 2E[N]+p.
              g[i] = ek * (pg + inF);
              h[i] = ek * (ph + 2 * pg + inF);
            } else {
              g[i] = ek * pg;
              h[i] = ek * ph;
            }
          }
          next[k] = ek * inF;
        }
        f.set(next);
      }
      let s = 0;
      for (let k = 0; k < K; k++) s += f[k] as number;
      if (!(s > 0)) {
        // No band explains the bin (cannot happen with outliers > 0): treat the bin as unknown.
        logLik += -1e3;
        s = 1e-300;
      }
      for (let k = 0; k < K; k++) f[k] = (f[k] as number) / s;
      for (let i = 0; i < K * D; i++) {
        g[i] = (g[i] as number) / s;
        h[i] = (h[i] as number) / s;
      }
      logLik += Math.log(s);
    }
    for (let d = 0; d < D; d++) {
      meanAt[d] = sumOf(g, d * K, K);
      secondAt[d] = sumOf(h, d * K, K);
    }
    return logLik;
  };
  for (let l = 0; l < L; l++) {
    out.logLikelihood[l] = forward(shiftsDb[l] as number);
    out.mean.set(meanAt, l * D);
    out.second.set(secondAt, l * D);
  }
  if (equallySpaced(shiftsDb)) refineCells(out, shiftsDb, D, forward, meanAt, secondAt);
  return out;
}

/** Cells whose (interpolated) likelihood is this far below the best are left as the spline reads them. */
const REFINE_WINDOW_NATS = 15;
/** A cell is read at half steps when its curve has an SD under this many steps (the spline alone is then unsure). */
const SHARP_SD_STEPS = 0.5;

/**
 * The likelihood and moments of each cell of the grid rather than of its centre (cell-likelihood.ts
 * says why): every cell gets the spline's average, and the cells that carry the posterior and
 * whose curve is too sharp for the step are read again at their edges (half a step from the
 * centre, each edge run once and shared by the two cells it bounds), their likelihood averaged by
 * a spline through points half a step apart and their moments weighted by it.
 */
function refineCells(
  out: EncounterLevels,
  shiftsDb: ArrayLike<number>,
  D: number,
  forward: (offset: number) => number,
  meanAt: Float64Array,
  secondAt: Float64Array,
): void {
  const L = shiftsDb.length;
  const point = out.logLikelihood;
  const cell = cellLogLikelihoods(point);
  let best = Number.NEGATIVE_INFINITY;
  for (const v of cell) best = Math.max(best, v);
  const step = (shiftsDb[1] as number) - (shiftsDb[0] as number);
  const sharp = (j: number) => curvatureAround(point, j) > 1 / (SHARP_SD_STEPS * SHARP_SD_STEPS);
  // Edge e lies between points e − 1 and e (e = 1 … L − 1), run at most once.
  const edges = new Map<number, { log: number; mean: Float64Array; second: Float64Array }>();
  const edge = (e: number) => {
    let v = edges.get(e);
    if (!v) {
      const log = forward((shiftsDb[e] as number) - step / 2);
      v = { log, mean: Float64Array.from(meanAt), second: Float64Array.from(secondAt) };
      edges.set(e, v);
    }
    return v;
  };
  const mean = new Float64Array(D);
  const second = new Float64Array(D);
  for (let l = 1; l < L - 1; l++) {
    if (!((cell[l] as number) >= best - REFINE_WINDOW_NATS) || !sharp(l)) continue;
    const left = edge(l);
    const right = edge(l + 1);
    const { logMean, shares } = halfStepCell([
      point[l - 1] as number,
      left.log,
      point[l] as number,
      right.log,
      point[l + 1] as number,
    ]);
    cell[l] = logMean;
    for (let d = 0; d < D; d++) {
      const at = l * D + d;
      mean[d] =
        shares[0] * (left.mean[d] as number) +
        shares[1] * (out.mean[at] as number) +
        shares[2] * (right.mean[d] as number);
      second[d] =
        shares[0] * (left.second[d] as number) +
        shares[1] * (out.second[at] as number) +
        shares[2] * (right.second[d] as number);
    }
    out.mean.set(mean, l * D);
    out.second.set(second, l * D);
  }
  out.logLikelihood = cell;
}

function equallySpaced(x: ArrayLike<number>): boolean {
  if (x.length < 3) return false;
  const step = (x[1] as number) - (x[0] as number);
  if (!(step > 0)) return false;
  for (let i = 2; i < x.length; i++)
    if (Math.abs((x[i] as number) - (x[i - 1] as number) - step) > 1e-9 * step) return false;
  return true;
}
