/**
 * The hidden-Markov model of one encounter. Hidden per bin: the distance band (near, close,
 * mid, far, …) or absent (out of range). Per encounter: a persistent attenuation offset
 * (carry position, bodies between, orientation, calibration error) that is integrated out
 * over `offsetLevels` points of its normal prior: for each offset the model is an ordinary HMM,
 * and the levels are weighed by their likelihood. Without that persistent term, an hour in a
 * back pocket at arm's length would read as sixty independent bins of "far".
 *
 * Movement: in each bin the pair stays in its band with probability exp(−bin / dwell), else
 * its band is redrawn from the priors (a reversible chain whose stationary law is the prior).
 * That makes the forward step O(bands) instead of O(bands²).
 *
 * Close time: a forward pass that carries, besides p(readings, band), the first and second
 * moments of the number of close bins (the same recursion with N and N² weighted in), gives
 * the exact posterior mean and variance of close time without a backward pass, per UTC day.
 */
import { BIN_MISS, BIN_READINGS, type Encounter } from './proximity-encounters';
import type { ProximityParameters } from './proximity-parameters';

const DAY_MS = 86_400_000;
/** Outliers are uniform over this many dB. */
const OUTLIER_RANGE_DB = 60;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** How far beyond the nearest band (and the receiver offset's range) a level is still taken at its value. */
const CLAMP_MARGIN_DB = 10;

export interface LevelResult {
  /** Log prior weight + log likelihood of the encounter at this offset level. */
  logWeight: number;
  /** Per day part: posterior mean and second moment of the number of close bins. */
  mean: Float64Array;
  second: Float64Array;
}

export interface EncounterResult {
  /** UTC day start (ms) of each day part of the encounter. */
  days: number[];
  /** Bins of the encounter in each day part. */
  binsPerDay: number[];
  levels: LevelResult[];
  /** log p(readings) with the offset integrated out. */
  logLikelihood: number;
}

/** Offset levels: equally spaced over ±3 SD, weighed by the normal density (sums to 1). */
export function offsetLevels(count: number, sdDb: number): { offsets: Float64Array; logWeights: Float64Array } {
  const offsets = new Float64Array(count);
  const logWeights = new Float64Array(count);
  if (count === 1 || sdDb === 0) {
    logWeights.fill(-Math.log(count));
    return { offsets, logWeights };
  }
  let total = 0;
  const z = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    z[i] = -3 + (6 * i) / (count - 1);
    total += Math.exp(-0.5 * (z[i] as number) ** 2);
  }
  for (let i = 0; i < count; i++) {
    offsets[i] = (z[i] as number) * sdDb;
    logWeights[i] = -0.5 * (z[i] as number) ** 2 - Math.log(total);
  }
  return { offsets, logWeights };
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

/** Runs the model over one encounter with the receiver's offset `receiverOffsetDb` added to every band. */
export function runEncounter(e: Encounter, p: ProximityParameters, receiverOffsetDb = 0): EncounterResult {
  const K = p.states.length + 1; // the last state is "absent"
  const T = e.kind.length;
  const mean = new Float64Array(K);
  const prior = new Float64Array(K);
  const detect = new Float64Array(K);
  const close = new Uint8Array(K);
  p.states.forEach((s, k) => {
    mean[k] = s.meanAttenuationDb + receiverOffsetDb;
    prior[k] = s.prior;
    detect[k] = s.detectProbability;
    close[k] = s.maxDistanceM <= p.closeDistanceM ? 1 : 0;
  });
  prior[K - 1] = p.absentPrior;
  const stay = Math.exp(-p.binSeconds / 60 / p.meanDwellMinutes);
  const move = 1 - stay;
  const eps = p.outlierProbability;
  const outlierDensity = eps / OUTLIER_RANGE_DB;

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
  // the receiver offset, so likelihoods at different offsets compare the same data.
  let lowest = Number.POSITIVE_INFINITY;
  for (const s of p.states) lowest = Math.min(lowest, s.meanAttenuationDb);
  const clampLow = lowest - CLAMP_MARGIN_DB - 3 * p.receiverOffsetSdDb;

  const { offsets, logWeights } = offsetLevels(p.offsetLevels, p.encounterOffsetSdDb);
  const f = new Float64Array(K);
  const g = new Float64Array(K * D);
  const h = new Float64Array(K * D);
  const em = new Float64Array(K);
  const levels: LevelResult[] = [];
  for (let l = 0; l < offsets.length; l++) {
    const offset = offsets[l] as number;
    let logLik = 0;
    for (let t = 0; t < T; t++) {
      // Emission of bin t in each band.
      const kind = e.kind[t] as number;
      if (kind === BIN_READINGS) {
        const v = e.variance[t] as number;
        const y = Math.max(clampLow, e.level[t] as number);
        const logNorm = -LOG_SQRT_2PI - 0.5 * Math.log(v);
        for (let k = 0; k < K - 1; k++) {
          const d = y - (mean[k] as number) - offset;
          em[k] = (detect[k] as number) * ((1 - eps) * Math.exp(logNorm - (0.5 * d * d) / v) + outlierDensity);
        }
        em[K - 1] = 0;
      } else if (kind === BIN_MISS) {
        for (let k = 0; k < K - 1; k++) em[k] = 1 - (detect[k] as number);
        em[K - 1] = 1;
      } else {
        em.fill(1);
      }
      const dt = dayOf[t] as number;
      if (t === 0) {
        for (let k = 0; k < K; k++) {
          const fk = (prior[k] as number) * (em[k] as number);
          f[k] = fk;
          for (let d = 0; d < D; d++) {
            const c = close[k] === 1 && d === dt ? fk : 0;
            g[d * K + k] = c;
            h[d * K + k] = c;
          }
        }
      } else {
        const F = sumOf(f, 0, K);
        for (let d = 0; d < D; d++) {
          const G = sumOf(g, d * K, K);
          const H = sumOf(h, d * K, K);
          for (let k = 0; k < K; k++) {
            const i = d * K + k;
            const pf = stay * (f[k] as number) + move * (prior[k] as number) * F;
            const pg = stay * (g[i] as number) + move * (prior[k] as number) * G;
            const ph = stay * (h[i] as number) + move * (prior[k] as number) * H;
            const ek = em[k] as number;
            if (close[k] === 1 && d === dt) {
              // N_t = N_{t-1} + 1 in a close band of this day: E[N] gains p, E[N²] gains 2E[N]+p.
              g[i] = ek * (pg + pf);
              h[i] = ek * (ph + 2 * pg + pf);
            } else {
              g[i] = ek * pg;
              h[i] = ek * ph;
            }
          }
        }
        for (let k = 0; k < K; k++)
          f[k] = (em[k] as number) * (stay * (f[k] as number) + move * (prior[k] as number) * F);
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
    const meanN = new Float64Array(D);
    const secondN = new Float64Array(D);
    for (let d = 0; d < D; d++) {
      meanN[d] = sumOf(g, d * K, K);
      secondN[d] = sumOf(h, d * K, K);
    }
    levels.push({ logWeight: (logWeights[l] as number) + logLik, mean: meanN, second: secondN });
  }
  return { days, binsPerDay, levels, logLikelihood: logSumExp(levels.map((x) => x.logWeight)) };
}
