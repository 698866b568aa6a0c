/** The cells the accuracy tables of `sim proximity-eval` and `proximity-score` share, so both read alike. */
import type { PairAccuracy, ReliabilityBin } from '@bluezone/sim';

/** A share as the accuracy tables print it: `73 %`. */
export const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

/** `pairs (close) | flagged | precision | recall | F1 | close-minute MAE`. */
export function accuracyCells(a: PairAccuracy): string {
  return `${a.pairs} (${a.closePairs}) | ${a.flagged} | ${pct(a.precision)} | ${pct(a.recall)} | ${a.f1.toFixed(2)} | ${a.maeMinutes.toFixed(1)} min`;
}

/** `probability | pairs | mean probability | truly close`. */
export function reliabilityCells(b: ReliabilityBin): string {
  return `${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.pairs} | ${b.meanProbability.toFixed(2)} | ${pct(b.closeShare)}`;
}
