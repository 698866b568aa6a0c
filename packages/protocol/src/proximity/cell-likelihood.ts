/**
 * An encounter's likelihood over each cell of the offset grid, not at its centre alone.
 *
 * The grid's step (1.2 dB with the defaults) is fine for a short encounter, but a long one pins
 * its offset far more sharply: 120 one-minute bins leave it ±0.3 dB. Read at the grid points
 * only, such a peak is caught at full height when the level happens to sit on a grid point of its
 * band and missed (e^−5 of it) when it sits half a step off, so which band won followed the
 * level's alignment to the grid: two hours at a constant 58.5 dB came out close with probability
 * 0.56, at 59 dB 0.29, at 59.5 dB 0.42. Here the log-likelihood between grid points is a cubic
 * Hermite spline through the points with central-difference slopes (exact for the peak of one
 * band, a parabola in the offset; one curve for the whole grid, so a peak that straddles two
 * cells is shared between them, not counted twice or lost), and its exponential is averaged over
 * each cell on a sub-grid fine enough for the peak's width.
 */

/** Sub-grid points per half cell: at least this many, and about two per SD of the sharpest peak nearby. */
const MIN_POINTS = 2;
const MAX_POINTS = 32;

/**
 * Point log-likelihoods at equally spaced shifts → the log of the mean likelihood over each
 * shift's cell (half a step either side). Fewer than three points are returned as they are.
 */
export function cellLogLikelihoods(pointLog: Float64Array): Float64Array {
  const L = pointLog.length;
  if (L < 3) return pointLog;
  for (const v of pointLog) if (!Number.isFinite(v)) return pointLog;
  const y = (j: number) => pointLog[j] as number;
  // Slopes per step: central differences, one-sided at the ends.
  const slope = Float64Array.from({ length: L }, (_, j) =>
    j === 0 ? y(1) - y(0) : j === L - 1 ? y(L - 1) - y(L - 2) : (y(j + 1) - y(j - 1)) / 2,
  );
  // Second difference at each point: how sharp the curve is there (a = −1/(2σ²) in steps).
  const sharpness = (j: number) => (j === 0 || j === L - 1 ? 0 : Math.abs(y(j + 1) + y(j - 1) - 2 * y(j)) / 2);
  /** The spline at x steps from point j: on the interval from j (x ≥ 0) or from j − 1 (x < 0). */
  const at = (j: number, x: number): number => {
    const from = x >= 0 ? j : j - 1;
    if (from < 0 || from >= L - 1) return y(j) + (slope[j] as number) * x; // beyond the grid: a straight line
    const t = x >= 0 ? x : x + 1;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * y(from) +
      (t3 - 2 * t2 + t) * (slope[from] as number) +
      (-2 * t3 + 3 * t2) * y(from + 1) +
      (t3 - t2) * (slope[from + 1] as number)
    );
  };
  const out = new Float64Array(L);
  const values = new Float64Array(2 * MAX_POINTS);
  for (let j = 0; j < L; j++) {
    let a = sharpness(j);
    if (j > 0) a = Math.max(a, sharpness(j - 1));
    if (j < L - 1) a = Math.max(a, sharpness(j + 1));
    const n = Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.ceil(Math.sqrt(2 * a))));
    let max = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < 2 * n; m++) {
      const v = at(j, (m + 0.5) / (2 * n) - 0.5);
      values[m] = v;
      if (v > max) max = v;
    }
    let s = 0;
    for (let m = 0; m < 2 * n; m++) s += Math.exp((values[m] as number) - max);
    out[j] = max + Math.log(s / (2 * n));
  }
  return out;
}
