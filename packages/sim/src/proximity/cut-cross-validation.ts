/**
 * Whether a field test supports serving the decision it points to. The probability cut with the
 * best F1 in hindsight (`bestCut`) is chosen on the very pairs it is scored on, so it always
 * looks at least as good as the decision; on a field test of a hundred pairs that can be luck.
 * Here the pairs are dealt into folds by receiver (a receiver's pairs share its offset and its
 * carry, so they stay together), each fold is called with the cut chosen on the other folds, and
 * the calls are pooled: what serving a cut chosen on such a test would give on pairs it did not
 * see, to hold against the decision's F1 on the same pairs. A cut for a fold is chosen without
 * the pairs heard *from* its receivers either: in a field test every phone is also a transmitter,
 * and B's readings of A are the same meeting as A's of B, truth and all, so keeping them would let
 * each fold's own encounters choose its cut.
 */
import {
  bestCut,
  FLAG_MINUTES,
  type PairAccuracy,
  type PairCall,
  pairAccuracy,
  pairKey,
  type TruePair,
} from './pair-accuracy';

export const CUT_FOLDS = 5;

export interface CrossValidatedCut {
  /** Folds used: `CUT_FOLDS`, or one per receiver when fewer receivers are in the truth. */
  folds: number;
  /** The pooled calls of every fold, each under the cut chosen without it. */
  accuracy: PairAccuracy;
  /** The cut each fold was called with, in fold order. */
  cuts: number[];
}

/** Undefined when the truth has a single receiver or no close pair outside some fold (no cut to choose). */
export function crossValidatedCut(
  scores: ReadonlyMap<string, { minutes: number; probability: number }>,
  truth: readonly TruePair[],
): CrossValidatedCut | undefined {
  const receivers = [...new Set(truth.map((t) => t.receiver))].sort();
  const folds = Math.min(CUT_FOLDS, receivers.length);
  if (folds < 2) return undefined;
  const foldOf = new Map(receivers.map((r, i) => [r, i % folds]));
  const calls: PairCall = new Map();
  const cuts: number[] = [];
  for (let f = 0; f < folds; f++) {
    const training = truth.filter((t) => foldOf.get(t.receiver) !== f && foldOf.get(t.transmitter) !== f);
    if (!training.some((t) => t.trueCloseMinutes >= FLAG_MINUTES)) return undefined;
    const { probability } = bestCut(scores, training);
    cuts.push(probability);
    for (const t of truth) {
      if (foldOf.get(t.receiver) !== f) continue;
      const k = pairKey(t.receiver, t.transmitter);
      const s = scores.get(k);
      if (s) calls.set(k, { minutes: s.minutes, flagged: s.probability >= probability });
    }
  }
  return { folds, accuracy: pairAccuracy(calls, truth), cuts };
}
