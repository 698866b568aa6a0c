/**
 * What any notify threshold could buy on a recorded sample (configuration-preview.ts): rank the
 * sample's phones by their best day's probability of `notifyCloseMinutes` close minutes and
 * notify the top of that ranking, for every cut. The curve says whether a target such as
 * "precision ≥ 50 % at recall ≥ 85 %" is within reach of a threshold on the estimate at all,
 * or needs the estimate itself to rank the phones differently; the parameters' own decision
 * (their `decisionQuantile`) is one point on or near it.
 *
 * Near, not always on: the phone notifies when a day's keys' close minutes, summed, reach the
 * threshold, while the ranking takes the day's largest key probability (what the phone reports
 * as `DayCloseEstimate.probability`); the two differ only on days with several uploaders' keys.
 */
import type { ProximityParameters } from '../proximity/proximity-parameters';
import {
  type PreviewDay,
  type PreviewResult,
  type PreviewSample,
  previewDayNotifies,
  previewPhoneDays,
  previewResult,
} from './configuration-preview';

export interface PreviewCurvePoint {
  /** Notify every phone whose best day's probability is at least this. */
  probability: number;
  notified: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export interface PreviewCurve {
  /** The parameters' own decision on the sample (as `previewNotifications`). */
  decision: PreviewResult;
  /** One point per distinct probability a phone has, highest first (so notified grows along it). */
  points: PreviewCurvePoint[];
  /**
   * The decision's errors, a day each: every wrongly notified phone's notifying day with the most
   * close minutes, and every true contact that matched a key but was not notified, its day of
   * highest probability — what the phones heard where the decision went wrong.
   */
  errors: { wronglyNotified: PreviewDay[]; missed: PreviewDay[] };
  /**
   * How often the phones at each probability truly were close contacts (`RELIABILITY_EDGES`):
   * where a bin's share is far below its mean probability, the estimate claims more than it knows,
   * and the wording residents see (likely from 2/3) says too much.
   */
  reliability: PreviewReliabilityBin[];
}

export interface PreviewReliabilityBin {
  /** Best-day probability from (inclusive) … to (exclusive; the last bin includes 1). */
  from: number;
  to: number;
  phones: number;
  meanProbability: number;
  trueShare: number;
}

/** Bins of the reliability table: 1/3 is where the defaults notify (1 − decisionQuantile), 2/3 where the app says "likely". */
export const RELIABILITY_EDGES: readonly number[] = [0, 0.2, 1 / 3, 0.5, 2 / 3, 0.9, 1];

export function previewCurve(sample: PreviewSample, parameters: ProximityParameters): PreviewCurve {
  const ranked: { probability: number; trueContact: boolean }[] = [];
  const errors: PreviewCurve['errors'] = { wronglyNotified: [], missed: [] };
  let notified = 0;
  let truePositives = 0;
  const most = (days: PreviewDay[], by: (d: PreviewDay) => number) =>
    days.reduce<PreviewDay | undefined>((best, d) => (best === undefined || by(d) > by(best) ? d : best), undefined);
  for (const phone of sample.phones) {
    const days = previewPhoneDays(phone, parameters, sample.scanPeriodSeconds);
    const notifying = days.filter((d) => previewDayNotifies(d, parameters));
    if (notifying.length > 0) {
      notified++;
      if (phone.trueContact) truePositives++;
      else errors.wronglyNotified.push(most(notifying, (d) => d.closeMinutes) as PreviewDay);
    } else if (phone.trueContact && days.length > 0) errors.missed.push(most(days, (d) => d.probability) as PreviewDay);
    ranked.push({ probability: Math.max(0, ...days.map((d) => d.probability)), trueContact: phone.trueContact });
  }
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  ranked.sort((a, b) => b.probability - a.probability);
  const points: PreviewCurvePoint[] = [];
  let n = 0;
  let tp = 0;
  ranked.forEach((phone, i) => {
    n++;
    if (phone.trueContact) tp++;
    // Phones with the same probability are notified together: one point after the last of them.
    if ((ranked[i + 1]?.probability ?? Number.NaN) === phone.probability) return;
    const { trueContacts: _, ...cut } = previewResult(n, tp, sample.trueContacts);
    points.push({ probability: phone.probability, ...cut });
  });
  const reliability: PreviewReliabilityBin[] = RELIABILITY_EDGES.slice(1).map((to, i) => ({
    from: RELIABILITY_EDGES[i] as number,
    to,
    phones: 0,
    meanProbability: 0,
    trueShare: 0,
  }));
  for (const phone of ranked) {
    const bin = reliability.find(
      (b, i) => phone.probability < b.to || i === reliability.length - 1,
    ) as PreviewReliabilityBin;
    bin.phones++;
    bin.meanProbability += phone.probability;
    if (phone.trueContact) bin.trueShare++;
  }
  for (const bin of reliability) {
    bin.meanProbability = rate(bin.meanProbability, bin.phones);
    bin.trueShare = rate(bin.trueShare, bin.phones);
  }
  return {
    decision: previewResult(notified, truePositives, sample.trueContacts),
    points,
    errors,
    reliability,
  };
}

/** The most precise point of the curve with at least `recall`, or undefined when no threshold reaches it. */
export function bestPrecisionAtRecall(curve: PreviewCurve, recall: number): PreviewCurvePoint | undefined {
  let best: PreviewCurvePoint | undefined;
  for (const p of curve.points)
    if (p.recall >= recall - 1e-12 && (best === undefined || p.precision > best.precision)) best = p;
  return best;
}

/**
 * The decision quantile (to a thousandth) that notifies down to a cut's probability: a day
 * notifies when the `decisionQuantile` of its close minutes reaches the threshold, that is when
 * its probability of reaching it exceeds 1 − decisionQuantile. Undefined where no quantile below 1
 * reaches (a probability under a thousandth).
 */
export function decisionQuantileFor(probability: number): number | undefined {
  // The next thousandth above 1 − probability (a millionth of slack for its binary rounding).
  const q = (Math.floor((1 - probability) * 1000 + 1e-6) + 1) / 1000;
  return q < 1 ? Math.max(q, 0.001) : undefined;
}

/** A cut to serve: the most precise one reaching `recall`, and the decision quantile that gives it. */
export interface PreviewCut {
  recall: number;
  /** Undefined where no threshold reaches the recall. */
  best: PreviewCurvePoint | undefined;
  /** Undefined where no decision quantile below 1 notifies down to the cut. */
  decisionQuantile: number | undefined;
}

/** The cut to serve at each recall level, as `bluezone sim preview --curve` and the admin's card show them. */
export function cutsAtRecall(curve: PreviewCurve, recalls: readonly number[]): PreviewCut[] {
  return recalls.map((recall) => {
    const best = bestPrecisionAtRecall(curve, recall);
    return { recall, best, decisionQuantile: best && decisionQuantileFor(best.probability) };
  });
}
