/**
 * Pair-level accuracy as the outside evaluator scores it: per (receiver, transmitter) pair, the
 * sum of its close minutes over the days; flagged at ≥ 10 minutes; truly close when ≥ 10 minutes
 * within 2 m. Each method turns sightings into one call per pair.
 */
import type { DeviceCalibrationTable, ProximityParameters, RiskConfiguration } from '@bluezone/protocol';
import type { SyntheticContacts } from './contact-synthesis';
import type { PairTruth } from './mit-matrix-sightings';
import { estimateSightings, type SightingsEstimateOptions } from './proximity-estimation';
import { fittedTxPower, type ProximityFit } from './proximity-fit';
import { type ScanAttenuation, scoreSightings } from './proximity-scoring';
import type { SightingRow } from './sightings-csv';

export const FLAG_MINUTES = 10;

/** What scoring needs of the truth: each pair's true minutes within 2 m. */
export type TruePair = Pick<PairTruth, 'receiver' | 'transmitter' | 'trueCloseMinutes'>;

export interface PairAccuracy {
  pairs: number;
  closePairs: number;
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean absolute error of the pair's close minutes, minutes. */
  maeMinutes: number;
}

/** Per pair: estimated close minutes (summed over days) and whether the method flags it. */
export type PairCall = Map<string, { minutes: number; flagged: boolean }>;

export const pairKey = (receiver: string, transmitter: string) => `${receiver}\u0000${transmitter}`;

export function pairAccuracy(calls: PairCall, truth: readonly TruePair[]): PairAccuracy {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let closePairs = 0;
  let absErr = 0;
  for (const t of truth) {
    const call = calls.get(pairKey(t.receiver, t.transmitter));
    const close = t.trueCloseMinutes >= FLAG_MINUTES;
    if (close) closePairs++;
    const flagged = call?.flagged ?? false;
    if (flagged && close) tp++;
    else if (flagged) fp++;
    else if (close) fn++;
    absErr += Math.abs((call?.minutes ?? 0) - t.trueCloseMinutes);
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    pairs: truth.length,
    closePairs,
    flagged: tp + fp,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    maeMinutes: truth.length === 0 ? 0 : absErr / truth.length,
  };
}

function sumCalls(
  entries: Iterable<{ receiver: string; transmitter: string; minutes: number; flagged: boolean }>,
  flagAtSum: boolean,
): PairCall {
  const calls: PairCall = new Map();
  for (const e of entries) {
    const k = pairKey(e.receiver, e.transmitter);
    const c = calls.get(k) ?? { minutes: 0, flagged: false };
    c.minutes += e.minutes;
    c.flagged ||= e.flagged;
    calls.set(k, c);
  }
  if (flagAtSum) for (const c of calls.values()) c.flagged = c.minutes >= FLAG_MINUTES;
  return calls;
}

/** The estimator: close minutes summed per pair, flagged at ≥ 10. */
export function estimatorCalls(
  rows: readonly SightingRow[],
  p: ProximityParameters,
  options: SightingsEstimateOptions = {},
): PairCall {
  return sumCalls(
    estimateSightings(rows, p, options).map((e) => ({ ...e, minutes: e.closeMinutes, flagged: false })),
    true,
  );
}

/**
 * The estimator's ranking: per pair its close minutes (summed over the days) and its probability
 * of the flag's 10 minutes (its likeliest day's: `notifyProbability` with `notifyCloseMinutes`
 * 10), so a cut can be placed anywhere along it instead of where `decisionQuantile` puts it.
 */
export function estimatorScores(
  rows: readonly SightingRow[],
  p: ProximityParameters,
  options: SightingsEstimateOptions = {},
): Map<string, { minutes: number; probability: number }> {
  const scores = new Map<string, { minutes: number; probability: number }>();
  for (const e of estimateSightings(rows, { ...p, notifyCloseMinutes: FLAG_MINUTES }, options)) {
    const k = pairKey(e.receiver, e.transmitter);
    const s = scores.get(k) ?? { minutes: 0, probability: 0 };
    s.minutes += e.closeMinutes;
    s.probability = Math.max(s.probability, e.notifyProbability);
    scores.set(k, s);
  }
  return scores;
}

/** The estimator's own decision from its ranking: a pair's summed close minutes, ≥ 10 flags (`estimatorCalls`). */
export function decisionCalls(scores: ReadonlyMap<string, { minutes: number }>): PairCall {
  const calls: PairCall = new Map();
  for (const [k, s] of scores) calls.set(k, { minutes: s.minutes, flagged: s.minutes >= FLAG_MINUTES });
  return calls;
}

/**
 * The cut along a ranking with the best F1 on the data it is scored on (pairs at or above
 * `probability` flagged): where the decision could have been put in hindsight. Pairs with no
 * score are unflagged at any cut.
 */
export function bestCut(
  scores: ReadonlyMap<string, { minutes: number; probability: number }>,
  truth: readonly TruePair[],
): { probability: number; calls: PairCall } {
  const ranked = truth
    .map((t) => ({
      probability: scores.get(pairKey(t.receiver, t.transmitter))?.probability ?? 0,
      close: t.trueCloseMinutes >= FLAG_MINUTES,
    }))
    .filter((r) => r.probability > 0)
    .sort((a, b) => b.probability - a.probability);
  const closePairs = truth.filter((t) => t.trueCloseMinutes >= FLAG_MINUTES).length;
  let best = { f1: -1, probability: Number.POSITIVE_INFINITY };
  let tp = 0;
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i] as (typeof ranked)[number];
    if (r.close) tp++;
    // A cut falls between distinct probabilities: ties are flagged together.
    if (i + 1 < ranked.length && (ranked[i + 1] as (typeof ranked)[number]).probability === r.probability) continue;
    const f1 = closePairs === 0 ? 0 : (2 * tp) / (i + 1 + closePairs);
    if (f1 > best.f1) best = { f1, probability: r.probability };
  }
  const calls: PairCall = new Map();
  for (const [k, s] of scores) calls.set(k, { minutes: s.minutes, flagged: s.probability >= best.probability });
  return { probability: best.probability, calls };
}

/** Pairs whose probability fell in [from, to): how many, their mean probability, the share truly close. */
export interface ReliabilityBin {
  from: number;
  to: number;
  pairs: number;
  meanProbability: number;
  closeShare: number;
}

/**
 * How often the pairs at each probability were close, in tenths (the last holds 1): a calibrated
 * estimate has each bin's close share near its mean probability. Pairs never heard count at 0.
 */
export function reliability(
  scores: ReadonlyMap<string, { probability: number }>,
  truth: readonly TruePair[],
): ReliabilityBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, pairs: 0, sum: 0, close: 0 }));
  for (const t of truth) {
    const p = scores.get(pairKey(t.receiver, t.transmitter))?.probability ?? 0;
    const b = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number];
    b.pairs++;
    b.sum += p;
    if (t.trueCloseMinutes >= FLAG_MINUTES) b.close++;
  }
  return bins
    .filter((b) => b.pairs > 0)
    .map((b) => ({
      from: b.from,
      to: b.to,
      pairs: b.pairs,
      meanProbability: b.sum / b.pairs,
      closeShare: b.close / b.pairs,
    }));
}

/** The GAEN scoring path: closeMinutes (bucket weight ≥ 0.5) summed and flagged at ≥ 10, or the configuration's own verdict. */
export function riskCalls(
  rows: readonly SightingRow[],
  config: RiskConfiguration,
  verdict: 'close-minutes' | 'exposed',
  table?: DeviceCalibrationTable,
): PairCall {
  return sumCalls(
    scoreSightings(rows, config, table).map((v) => ({
      receiver: v.receiver,
      transmitter: v.transmitter,
      minutes: verdict === 'exposed' ? v.score : v.closeMinutes,
      flagged: v.exposed,
    })),
    verdict === 'close-minutes',
  );
}

/**
 * The single-threshold rule (`singleThresholdConfiguration`: scan instances whose typical
 * attenuation is at most `thresholdDb` count, ≥ 10 minutes flags) from the pairs' scan instances
 * (`scanAttenuations`): the same calls as `riskCalls` with that configuration, at any threshold
 * without building the windows again.
 */
export function thresholdCalls(
  pairs: readonly { receiver: string; transmitter: string; scans: readonly ScanAttenuation[] }[],
  thresholdDb: number,
): PairCall {
  const calls: PairCall = new Map();
  for (const p of pairs) {
    let seconds = 0;
    for (const s of p.scans) if (s.attenuationDb <= thresholdDb) seconds += s.seconds;
    const minutes = seconds / 60;
    calls.set(pairKey(p.receiver, p.transmitter), { minutes, flagged: minutes >= FLAG_MINUTES });
  }
  return calls;
}

/** The thresholds the single-threshold rule is swept over in hindsight, dB. */
export const HINDSIGHT_THRESHOLDS_DB: readonly number[] = Array.from({ length: 51 }, (_, i) => 40 + i);

/**
 * The threshold of the sweep whose calls (`callsByThreshold[i]` for `HINDSIGHT_THRESHOLDS_DB[i]`)
 * score the best F1 on `truth`: a bar chosen on the data it is scored on.
 */
export function bestThresholdInHindsight(
  callsByThreshold: readonly PairCall[],
  truth: readonly TruePair[],
): { thresholdDb: number; accuracy: PairAccuracy } {
  return HINDSIGHT_THRESHOLDS_DB.map((thresholdDb, i) => ({
    thresholdDb,
    accuracy: pairAccuracy(callsByThreshold[i] ?? new Map(), truth),
  })).reduce((a, b) => (b.accuracy.f1 > a.accuracy.f1 ? b : a));
}

/** Every pair heard for ≥ 10 minutes (distance ignored): what flagging on co-presence alone scores. */
export function heardCalls(rows: readonly SightingRow[]): PairCall {
  const minutes = new Map<string, Set<number>>();
  for (const r of rows) {
    const k = pairKey(r.receiver, r.transmitter);
    let s = minutes.get(k);
    if (!s) {
      s = new Set();
      minutes.set(k, s);
    }
    // A GAEN scan stands for its 5 minutes, a continuous reading for its minute.
    s.add(Math.floor(r.timeMs / 60_000));
  }
  const spacing = (set: Set<number>) => {
    const sorted = [...set].sort((a, b) => a - b);
    let gaps = 0;
    for (let i = 1; i < sorted.length; i++) gaps += Math.min(5, (sorted[i] as number) - (sorted[i - 1] as number));
    return gaps + 1;
  };
  const calls: PairCall = new Map();
  for (const [k, set] of minutes) {
    const heard = spacing(set);
    calls.set(k, { minutes: heard, flagged: heard >= FLAG_MINUTES });
  }
  return calls;
}

/** Rows with the TX power a fit gives each synthetic receiver, each phone's own error, and a deliberate calibration error. */
export function calibrate(contacts: SyntheticContacts, fit: ProximityFit, shiftDb = 0): SightingRow[] {
  const levels = Object.values(fit.receiverLevel1mDbm).sort((a, b) => a - b);
  const fallback = fit.alphaDb + (levels[levels.length >> 1] ?? -70);
  const txPower = new Map<string, number>();
  return contacts.rows.map((r) => {
    let base = txPower.get(r.calibrationKey);
    if (base === undefined) {
      base = fittedTxPower(fit, r.calibrationKey) ?? fallback;
      txPower.set(r.calibrationKey, base);
    }
    return {
      timeMs: r.timeMs,
      receiver: r.receiver,
      transmitter: r.transmitter,
      rssi: r.rssi,
      txPower: base + (r.txPowerErrorDb ?? 0) + shiftDb,
      receiverModel: r.receiverModel,
      transmitterModel: r.transmitterModel,
    };
  });
}
