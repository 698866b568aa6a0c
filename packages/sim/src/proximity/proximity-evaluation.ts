/**
 * Precision and recall of "< 2 m" time and of exposure verdicts, per pair, against ground truth
 * (the MIT logs' true distances). Time: a pair's estimated close minutes count as true positive
 * when the pair truly was close, false positive otherwise; its missed true minutes are false
 * negatives. Verdicts: `exposed` against "close for at least `closeMinutes`".
 */
import type { PairTruth } from './mit-matrix-sightings';
import type { PairDayVerdict } from './proximity-scoring';

export interface ProximityAccuracy {
  pairs: number;
  closePairs: number;
  timePrecision: number;
  timeRecall: number;
  exposurePrecision: number;
  exposureRecall: number;
}

export function evaluateProximity(
  verdicts: readonly PairDayVerdict[],
  truth: readonly PairTruth[],
  closeMinutes = 15,
): ProximityAccuracy {
  const byKey = new Map(verdicts.map((v) => [`${v.receiver}\u0000${v.transmitter}\u0000${v.day}`, v]));
  let tp = 0;
  let fp = 0;
  let trueMinutes = 0;
  let eTp = 0;
  let eFp = 0;
  let eFn = 0;
  let closePairs = 0;
  for (const t of truth) {
    const v = byKey.get(`${t.receiver}\u0000${t.transmitter}\u0000${t.day}`);
    const est = Math.min(v?.closeMinutes ?? 0, t.minutes);
    const close = t.trueCloseMinutes >= closeMinutes;
    if (close) closePairs++;
    if (t.trueCloseMinutes > 0) tp += Math.min(est, t.trueCloseMinutes);
    else fp += est;
    trueMinutes += t.trueCloseMinutes;
    const exposed = v?.exposed ?? false;
    if (exposed && close) eTp++;
    else if (exposed) eFp++;
    else if (close) eFn++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    pairs: truth.length,
    closePairs,
    timePrecision: ratio(tp, tp + fp),
    timeRecall: ratio(tp, trueMinutes),
    exposurePrecision: ratio(eTp, eTp + eFp),
    exposureRecall: ratio(eTp, eTp + eFn),
  };
}
