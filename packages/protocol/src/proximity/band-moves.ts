/**
 * Where a pair's band goes when the pair moves (proximity-hmm.ts: a move happens in a bin with
 * probability 1 − exp(−bin / dwell)).
 *
 * Redrawn from the priors, a move lands in the band it left with that band's prior. Holding a
 * band through many moves then costs its prior once per move, so over hours a steady level is
 * read ever more as the band with the largest prior (far): two hours at a constant 59 dB, logged
 * continuously, were close, three hours were not, and a longer stay at the same distance could
 * stop a notification. A pair that reads the same for hours more likely did not move at all.
 *
 * So a move leaves its band: the jump from j to k ≠ j has probability s_j·s_k·π_k, with s
 * chosen so that every row sums to one. The chain is reversible with the priors π as its
 * stationary law (π_j·s_j·s_k·π_k is symmetric), and every band holds for the regime's mean
 * dwell, so the time a steady level has held says nothing about which band it is. That needs
 * every band below half the time; a crowd can push "far" past it, and then the other bands
 * move to far and far holds longer, by just what keeps its prior (the nearest chain to equal
 * dwell there is).
 *
 * Both laws are a sum of at most two rank-one terms plus a diagonal, so a forward step stays
 * O(bands): to[t][k] · Σ_j from[t][j]·f[j] over the terms, plus keep[k]·f[k].
 */

export interface BandJumps {
  /** Rank-one terms of the jump law: Q[j][k] = Σ_t from[t][j] · to[t][k] + keep[k]·[j = k]. */
  from: Float64Array[];
  to: Float64Array[];
  keep: Float64Array;
}

/** A move redraws the band from the priors (it may come up the same). */
export function redrawJumps(prior: Float64Array): BandJumps {
  return {
    from: [new Float64Array(prior.length).fill(1)],
    to: [Float64Array.from(prior)],
    keep: new Float64Array(prior.length),
  };
}

/**
 * A move leaves the band: every band holds for the same mean dwell and the priors stay the
 * chain's stationary law (see above). `prior` must be positive and sum to 1.
 */
export function leavingJumps(prior: Float64Array): BandJumps {
  const K = prior.length;
  let d = 0;
  for (let k = 1; k < K; k++) if ((prior[k] as number) > (prior[d] as number)) d = k;
  const top = prior[d] as number;
  if (top >= 0.5 - 1e-9) return dominantJumps(prior, d);
  // Jump weights w_k = s_k·π_k. Every row sums to one when w_k·(W − w_k) = π_k with W = Σ w:
  // w_k is a root of w² − W·w + π_k = 0. The smaller root for every band, or the larger for the
  // largest band, gives Σ w = W for exactly one W (≥ 2√π_max, where the two roots meet).
  const weights = (W: number, largeRootForTop: boolean): Float64Array =>
    Float64Array.from(prior, (p, k) => {
      const r = Math.sqrt(Math.max(0, W * W - 4 * p));
      return k === d && largeRootForTop ? (W + r) / 2 : (W - r) / 2;
    });
  const excess = (W: number, large: boolean): number => weights(W, large).reduce((a, v) => a + v, 0) - W;
  const lowest = 2 * Math.sqrt(top);
  // On the small branch the excess falls from its value at `lowest` to −∞; on the large branch
  // it rises from that (negative) value towards 0⁺.
  const large = excess(lowest, false) < 0;
  let lo = lowest;
  let hi = lowest * 2;
  while (large ? excess(hi, true) < 0 : excess(hi, false) > 0) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const e = excess(mid, large);
    if (large ? e < 0 : e > 0) lo = mid;
    else hi = mid;
  }
  const W = (lo + hi) / 2;
  const w = weights(W, large);
  const s = Float64Array.from(w, (v, k) => v / (prior[k] as number));
  // Q[j][k] = s_j·w_k off the diagonal; the diagonal's s_k·w_k is taken back.
  return { from: [s], to: [w], keep: Float64Array.from(w, (v, k) => -v * (s[k] as number)) };
}

/** Band d holds half the time or more: the others move to it, it moves to them in proportion to their priors. */
function dominantJumps(prior: Float64Array, d: number): BandJumps {
  const K = prior.length;
  const top = prior[d] as number;
  const toOthers = Float64Array.from(prior, (p, k) => (k === d ? 0 : p / top));
  const fromD = new Float64Array(K);
  fromD[d] = 1;
  const fromOthers = Float64Array.from(prior, (_, k) => (k === d ? 0 : 1));
  const toD = new Float64Array(K);
  toD[d] = 1;
  const keep = new Float64Array(K);
  keep[d] = 1 - (1 - top) / top;
  return { from: [fromD, fromOthers], to: [toOthers, toD], keep };
}
