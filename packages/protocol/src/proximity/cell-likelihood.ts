/**
 * An encounter's likelihood over each cell of the offset grid, not at its centre alone.
 *
 * The grid's step (1.2 dB with the defaults) is fine for a short encounter or GAEN's scans, but
 * continuous logging pins a long encounter's offset far more sharply: two hours of readings leave
 * it ±0.3 dB. Read at the grid points only, such a peak is caught at full height when the level
 * happens to sit on a grid point of its band and missed (e^−5 of it) when it sits half a step
 * off, so which band won followed the level's alignment to the grid: two hours at a constant
 * 58.5 dB came out close with probability 0.56, at 59 dB 0.29, at 59.5 dB 0.42.
 *
 * So each cell gets the average of the likelihood over it. Between points the log-likelihood is a
 * cubic Hermite spline with central-difference slopes: exact for the peak of one band (a parabola
 * in the offset) and one curve for the whole grid, so a peak that straddles two cells is shared
 * between them. Where the peak is sharper than half a step, a band's neighbouring points are
 * too far down its flanks (or on another band's) for three points to place it, so those cells
 * are also read at their edges (`halfStepCell`; the HMM runs there, proximity-hmm.ts).
 */

/** Sub-grid points per half cell: at least this many, and at most (a steeper flank carries next to nothing). */
const MIN_POINTS = 2;
const MAX_POINTS = 32;

/**
 * Sub-points per unit of x for a curve with second difference `curvature` and slope `slope` per
 * unit: two per SD of a peak, and a quarter of a nat of change at most between points (the
 * midpoint rule's error on an exponential is then under 0.3 %).
 */
function subPoints(curvature: number, slope: number): number {
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.ceil(2 * Math.sqrt(curvature)), Math.ceil(4 * slope)));
}

/** The cubic Hermite curve from (0, p0) with slope m0 to (1, p1) with slope m1, at t. */
function hermite(p0: number, m0: number, p1: number, m1: number, t: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1;
}

/**
 * log of the mean of exp(curve) over [−1, 1] by the midpoint rule with `n` points on each half,
 * and how that mass splits into [−1, −½), [−½, ½) and [½, 1] (the shares sum to 1).
 */
function logMeanOverCell(
  curve: (x: number) => number,
  n: number,
): { logMean: number; shares: [number, number, number] } {
  const values = new Float64Array(2 * n);
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < 2 * n; k++) {
    const v = curve(-1 + (k + 0.5) / n);
    values[k] = v;
    if (v > max) max = v;
  }
  const shares: [number, number, number] = [0, 0, 0];
  let total = 0;
  for (let k = 0; k < 2 * n; k++) {
    const x = -1 + (k + 0.5) / n;
    const w = Math.exp((values[k] as number) - max);
    total += w;
    shares[x < -0.5 ? 0 : x < 0.5 ? 1 : 2] += w;
  }
  return { logMean: max + Math.log(total / (2 * n)), shares: shares.map((v) => v / total) as [number, number, number] };
}

/**
 * How sharply `values` bends around point j: the largest |second difference| at j − 1, j and
 * j + 1 (0 at the ends), in the points' own step; 1/σ² for a peak of SD σ steps.
 */
export function curvatureAround(values: ArrayLike<number>, j: number): number {
  const at = (i: number) =>
    i <= 0 || i >= values.length - 1
      ? 0
      : Math.abs((values[i + 1] as number) + (values[i - 1] as number) - 2 * (values[i] as number));
  return Math.max(at(j - 1), at(j), at(j + 1));
}

/**
 * Point log-likelihoods at equally spaced shifts → the log of the mean likelihood over each
 * shift's cell (half a step either side). Fewer than three points, or any that is not finite,
 * are returned as they are (in a new array).
 */
export function cellLogLikelihoods(pointLog: Float64Array): Float64Array {
  const L = pointLog.length;
  // Returned as a copy either way: callers (refineCells) write cells while still reading points.
  if (L < 3) return Float64Array.from(pointLog);
  for (const v of pointLog) if (!Number.isFinite(v)) return Float64Array.from(pointLog);
  const y = (j: number) => pointLog[j] as number;
  // Slopes per step: central differences, one-sided at the ends.
  const slope = Float64Array.from({ length: L }, (_, j) =>
    j === 0 ? y(1) - y(0) : j === L - 1 ? y(L - 1) - y(L - 2) : (y(j + 1) - y(j - 1)) / 2,
  );
  /** The spline at x steps from point j: on the interval from j (x ≥ 0) or from j − 1 (x < 0). */
  const at = (j: number, x: number): number => {
    const from = x >= 0 ? j : j - 1;
    if (from < 0 || from >= L - 1) return y(j) + (slope[j] as number) * x; // beyond the grid: a straight line
    return hermite(y(from), slope[from] as number, y(from + 1), slope[from + 1] as number, x >= 0 ? x : x + 1);
  };
  const out = new Float64Array(L);
  for (let j = 0; j < L; j++) {
    // In half steps (the sub-grid's unit): a quarter of the curvature, half the slope.
    const n = subPoints(curvatureAround(pointLog, j) / 4, Math.abs(slope[j] as number) / 2);
    out[j] = logMeanOverCell((x) => at(j, x / 2), n).logMean;
  }
  return out;
}

/**
 * One cell read at half steps: `f` is the log-likelihood at −1, −½, 0, +½ and +1 step from the
 * cell's centre (the two neighbours' points, the cell's edges and its centre; a missing
 * neighbour at the grid's end is `undefined`). Returns the log of the mean likelihood over the
 * cell (from a spline through the five points, half a step apart: a peak is then within reach of
 * points on either side of it) and the share of that likelihood nearest to each of the three
 * points −½, 0, +½, to weigh what was computed at them.
 */
export function halfStepCell(f: readonly (number | undefined)[]): {
  logMean: number;
  shares: [number, number, number];
} {
  const y = (i: number) => f[i] as number;
  // Slopes per half step at −½, 0 and +½: central differences, one-sided where a neighbour is missing.
  const slopeAt = (i: number) => {
    const left = f[i - 1];
    const right = f[i + 1];
    if (left !== undefined && right !== undefined) return (right - left) / 2;
    return right !== undefined ? right - y(i) : y(i) - (left as number);
  };
  const m = [slopeAt(1), slopeAt(2), slopeAt(3)] as const;
  const sharp = Math.max(
    Math.abs(y(1) + y(3) - 2 * y(2)) / 2,
    f[0] === undefined ? 0 : Math.abs((f[0] as number) + y(2) - 2 * y(1)) / 2,
    f[4] === undefined ? 0 : Math.abs((f[4] as number) + y(2) - 2 * y(3)) / 2,
  );
  const n = subPoints(2 * sharp, Math.max(Math.abs(m[0]), Math.abs(m[1]), Math.abs(m[2])));
  return logMeanOverCell(
    (x) => (x < 0 ? hermite(y(1), m[0], y(2), m[1], x + 1) : hermite(y(2), m[1], y(3), m[2], x)),
    n,
  );
}
