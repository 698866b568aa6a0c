/**
 * The posterior distribution of one day's close time for a pair, in bins: each encounter's
 * day part is a mixture over offset levels of normals (moment-matched, truncated to the bins it
 * has), discretised to whole bins, and the encounters of the day are convolved (independent
 * geometry and offset per encounter). Quantiles of it give the point estimate and interval.
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

/** A mixture of normals restricted to 0..maxBins, as probabilities of each whole number of bins. */
export function discretiseMixture(components: readonly MixtureComponent[], maxBins: number): Float64Array {
  const pmf = new Float64Array(maxBins + 1);
  for (const c of components) {
    if (c.weight <= 0) continue;
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
