/**
 * The grid the estimator integrates the offsets over. Every band's attenuation is shifted by
 * s = r + o: r the receiving phone's own offset (shared by all of its encounters, prior
 * N(0, σr²)) and o the encounter's (prior N(0, σe²)). The HMM is run once per encounter at each
 * grid shift s_j; any receiver offset r_i then weighs those runs by the conditional prior
 * N(s_j − r_i; 0, σe²), so learning r from all of a receiver's encounters costs no further HMM
 * runs (an empirical-Bayes plug-in would re-run every encounter at every candidate r).
 *
 * Shifts and receiver offsets share one step: 6σe / (offsetLevels − 1), i.e. `offsetLevels`
 * points over ±3σe around each r. With a single encounter r cannot be told from o, and the grid
 * collapses to shifts over ±3·√(σe² + σr²) with that marginal prior: the same posterior, fewer
 * runs. Several encounters, even of one transmitter (a key heard at lunch and again in the
 * evening), share r: one carry position and one calibration for the receiving phone.
 */
import type { ProximityParameters } from './proximity-parameters';

export interface OffsetGrid {
  /** Shifts s_j (dB) the HMM runs at. */
  shifts: Float64Array;
  /** Receiver offsets r_i (dB), and their normalised log prior. */
  receiver: Float64Array;
  logPriorReceiver: Float64Array;
  /** log p(s_j | r_i), normalised over j for each i, at [i · shifts + j]. */
  logConditional: Float64Array;
}

/** No more receiver offsets than this on either side of 0 (a very wide prior is truncated). */
const MAX_RECEIVER_STEPS = 30;
const LOG_ZERO = Number.NEGATIVE_INFINITY;

function normalised(logs: Float64Array): Float64Array {
  let max = LOG_ZERO;
  for (const v of logs) max = Math.max(max, v);
  let sum = 0;
  for (const v of logs) sum += Math.exp(v - max);
  const z = max + Math.log(sum);
  return logs.map((v) => v - z);
}

/** Equally spaced points k·step for |k| ≤ half, with a normal log prior of SD `sd`. */
function line(half: number, step: number, sd: number): { points: Float64Array; logPrior: Float64Array } {
  const points = Float64Array.from({ length: 2 * half + 1 }, (_, k) => (k - half) * step);
  const logPrior = normalised(points.map((x) => (sd > 0 ? -0.5 * (x / sd) ** 2 : 0)));
  return { points, logPrior };
}

/** `encounters`: how many encounters share the receiver's offset. */
export function offsetGrid(p: ProximityParameters, encounters: number): OffsetGrid {
  const se = p.offsetLevels > 1 ? p.encounterOffsetSdDb : 0;
  const sr = p.receiverOffsetSdDb;
  const half = (p.offsetLevels - 1) / 2;
  if (encounters <= 1 || sr === 0 || se === 0) {
    // One prior over the total shift: N(0, σe² + σr²) (with only one of them, that one's).
    const sd = Math.hypot(se, sr);
    if (sd === 0) return single();
    const step = se > 0 ? (6 * se) / (p.offsetLevels - 1) : (6 * sr) / 24;
    const k = Math.ceil((3 * sd) / step);
    const { points, logPrior } = line(k, step, sd);
    return {
      shifts: points,
      receiver: Float64Array.of(0),
      logPriorReceiver: Float64Array.of(0),
      logConditional: logPrior,
    };
  }
  const step = (6 * se) / (p.offsetLevels - 1);
  const rSteps = Math.min(MAX_RECEIVER_STEPS, Math.ceil((3 * sr) / step));
  const r = line(rSteps, step, sr);
  const s = line(half + rSteps, step, 0);
  const J = s.points.length;
  const logConditional = new Float64Array(r.points.length * J).fill(LOG_ZERO);
  for (let i = 0; i < r.points.length; i++) {
    // s_j − r_i = (j − i − half)·step for j in i .. i + 2·half.
    const row = new Float64Array(2 * half + 1);
    for (let k = 0; k <= 2 * half; k++) row[k] = -0.5 * (((k - half) * step) / se) ** 2;
    const norm = normalised(row);
    for (let k = 0; k <= 2 * half; k++) logConditional[i * J + i + k] = norm[k] as number;
  }
  return { shifts: s.points, receiver: r.points, logPriorReceiver: r.logPrior, logConditional };
}

function single(): OffsetGrid {
  return {
    shifts: Float64Array.of(0),
    receiver: Float64Array.of(0),
    logPriorReceiver: Float64Array.of(0),
    logConditional: Float64Array.of(0),
  };
}
