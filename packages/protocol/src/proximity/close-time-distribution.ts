/**
 * The posterior distribution of one day's close time for a pair, in bins: each encounter's
 * day part is a mixture over offset levels and movement regimes of laws on 0..bins matched to
 * the component's mean and variance, and the encounters of the day are convolved (independent
 * geometry and offset per encounter). Quantiles of it give the point estimate and interval.
 *
 * Which law (`closeTimeLaw`): `normal` (up to v5, and when absent) is a normal of the
 * component's moments, truncated to 0..N. A count of N bins whose variance exceeds a binomial's
 * (N·p·(1 − p)) comes from bins that move together — a settled pair keeps its band, so its close
 * time is all of the stay or none of it when the readings cannot tell which band — and the normal
 * puts that mass in the middle: an hour at an unknown band with a 28 % chance of being close
 * reads as 17 ± 27 minutes, its 67th percentile 32 and P(≥ 10 minutes) 0.81 where it is 0.28.
 * `beta-binomial` gives such a component the beta-binomial of its mean and variance, which goes
 * U-shaped (mass at 0 and N) as the variance nears its bound N²·p·(1 − p); a count with less
 * variance than a binomial's (bins that are each nearly certain) keeps the normal. The defaults'
 * law since v6 (docs/accuracy.md).
 */

/** Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export interface MixtureComponent {
  weight: number;
  mean: number;
  variance: number;
}

/**
 * Adds `weight` × the beta-binomial law on 0..n with mean `mean` and variance `variance` (over a
 * binomial's) to `pmf`; by the ratio of successive terms, in logs, so no gamma function is needed.
 */
function addBetaBinomial(pmf: Float64Array, n: number, mean: number, variance: number, weight: number): void {
  const p = mean / n;
  // Intra-class correlation of the bins: 0 for a binomial, 1 for all-or-none.
  const rho = (variance / (n * p * (1 - p)) - 1) / (n - 1);
  if (rho >= 1 - 1e-9) {
    pmf[0] = (pmf[0] as number) + weight * (1 - p);
    pmf[n] = (pmf[n] as number) + weight * p;
    return;
  }
  const sum = 1 / rho - 1;
  const a = p * sum;
  const b = (1 - p) * sum;
  const log = new Float64Array(n + 1);
  let top = 0;
  for (let k = 0; k < n; k++) {
    log[k + 1] = (log[k] as number) + Math.log(((n - k) * (k + a)) / ((k + 1) * (n - k - 1 + b)));
    top = Math.max(top, log[k + 1] as number);
  }
  let total = 0;
  for (let k = 0; k <= n; k++) total += Math.exp((log[k] as number) - top);
  for (let k = 0; k <= n; k++) pmf[k] = (pmf[k] as number) + (weight * Math.exp((log[k] as number) - top)) / total;
}

/** A count of `n` bins, neither all nor none for sure, whose variance exceeds a binomial's of its mean. */
function movesTogether(c: MixtureComponent, n: number): boolean {
  const p = c.mean / n;
  return n > 1 && p > 1e-9 && p < 1 - 1e-9 && c.variance > n * p * (1 - p) * (1 + 1e-9);
}

/**
 * A mixture of laws on 0..maxBins of the components' moments, as probabilities of each whole
 * number of bins: truncated normals, or with `law` beta-binomial, beta-binomials where a
 * component's bins move together (see above).
 */
export function discretiseMixture(
  components: readonly MixtureComponent[],
  maxBins: number,
  law: 'normal' | 'beta-binomial' = 'normal',
): Float64Array {
  const pmf = new Float64Array(maxBins + 1);
  for (const c of components) {
    if (c.weight <= 0) continue;
    if (law === 'beta-binomial' && movesTogether(c, maxBins)) {
      addBetaBinomial(pmf, maxBins, c.mean, c.variance, c.weight);
      continue;
    }
    const sd = Math.sqrt(Math.max(c.variance, 0));
    if (sd < 1e-6) {
      const j = Math.min(maxBins, Math.max(0, Math.round(c.mean)));
      pmf[j] = (pmf[j] as number) + c.weight;
      continue;
    }
    let total = 0;
    const part = new Float64Array(maxBins + 1);
    let prev = normalCdf((-0.5 - c.mean) / sd);
    for (let j = 0; j <= maxBins; j++) {
      const next = normalCdf((j + 0.5 - c.mean) / sd);
      part[j] = next - prev;
      total += next - prev;
      prev = next;
    }
    if (!(total > 1e-12)) {
      const j = Math.min(maxBins, Math.max(0, Math.round(c.mean)));
      pmf[j] = (pmf[j] as number) + c.weight;
      continue;
    }
    for (let j = 0; j <= maxBins; j++) pmf[j] = (pmf[j] as number) + (c.weight * (part[j] as number)) / total;
  }
  return pmf;
}

export function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    if (ai < 1e-12) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return out;
}

/** Smallest x with P(X ≤ x) ≥ q. */
export function quantile(pmf: Float64Array, q: number): number {
  let total = 0;
  for (let i = 0; i < pmf.length; i++) total += pmf[i] as number;
  let c = 0;
  for (let i = 0; i < pmf.length; i++) {
    c += (pmf[i] as number) / total;
    if (c >= q - 1e-9) return i;
  }
  return pmf.length - 1;
}
