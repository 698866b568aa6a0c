/**
 * Leave-one-experiment-out validation of the proximity estimator against the published rules,
 * at the level the outside evaluator scores: per (receiver, transmitter) pair, the sum of its
 * close minutes; flagged at ≥ 10 minutes; truly close when ≥ 10 minutes within 2 m.
 *
 * For each experiment (one carry combination of one dataset) in turn: fit the estimator on all
 * the other experiments' recordings, tune the single-threshold rule on contacts synthesised from
 * them, then score contacts synthesised from the held-out experiment with every method. The
 * held-out readings get TX power from the training fit (as a calibration list would give it),
 * so nothing about the test fold is used before it is scored.
 */
import {
  CWA_RISK_CONFIGURATION,
  type DeviceCalibrationTable,
  type ProximityParameters,
  type RiskConfiguration,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import { Prng } from '../prng';
import { type Sampling, type SyntheticContacts, synthesizeContacts } from './contact-synthesis';
import { estimateSightings } from './proximity-estimation';
import { fitProximity, fittedTxPower, type ProximityFit, parametersFromFit } from './proximity-fit';
import { scoreSightings } from './proximity-scoring';
import { singleThresholdConfiguration } from './proximity-tuning';
import type { SightingRow } from './sightings-csv';
import type { StaticRecording } from './static-recordings';

export const FLAG_MINUTES = 10;
const DAY0 = Date.UTC(2024, 0, 8);

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

const pairKey = (receiver: string, transmitter: string) => `${receiver}\u0000${transmitter}`;

export function pairAccuracy(calls: PairCall, truth: SyntheticContacts['truth']): PairAccuracy {
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
  table?: DeviceCalibrationTable,
): PairCall {
  return sumCalls(
    estimateSightings(rows, p, table).map((e) => ({ ...e, minutes: e.closeMinutes, flagged: false })),
    true,
  );
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

/** Rows with the TX power a fit gives each synthetic receiver (+ a deliberate calibration error). */
export function calibrate(contacts: SyntheticContacts, fit: ProximityFit, shiftDb = 0): SightingRow[] {
  const levels = Object.values(fit.receiverLevel1mDbm).sort((a, b) => a - b);
  const fallback = fit.alphaDb + (levels[levels.length >> 1] ?? -70);
  return contacts.rows.map(({ calibrationKey, ...r }) => ({
    ...r,
    txPower: (fittedTxPower(fit, calibrationKey) ?? fallback) + shiftDb,
  }));
}

export interface ValidationRow {
  method: string;
  sampling: Sampling;
  /** Deliberate error of the test folds' TX power, dB (0: calibrated as fitted). */
  calibrationShiftDb: number;
  dataset: string;
  accuracy: PairAccuracy;
}

export interface ValidationOptions {
  seed: number;
  roomsPerExperiment: number;
  samplings: readonly Sampling[];
  shiftsDb: readonly number[];
  table?: DeviceCalibrationTable;
}

/** Everything the validation prints: per-fold thresholds and parameters, and the pooled table. */
export interface ValidationResult {
  folds: { experiment: string; thresholdDb: number; parameters: ProximityParameters }[];
  rows: ValidationRow[];
}

/**
 * Per pair, the typical (mean) −RSSI of each GAEN scan instance as `buildExposureWindows` forms
 * them (a scan runs 5 minutes from its first sighting; a window 30), so the threshold sweep
 * adds each fold's TX power instead of rescoring every row at every threshold.
 */
interface PairScans {
  receiver: string;
  transmitter: string;
  calibrationKey: string;
  negRssi: number[];
}

export function scanInstances(contacts: SyntheticContacts): PairScans[] {
  const pairs = new Map<string, PairScans & { windowStart: number; scanStart: number; sum: number; n: number }>();
  const close = (p: { sum: number; n: number; negRssi: number[] }) => {
    if (p.n > 0) p.negRssi.push(p.sum / p.n);
    p.sum = 0;
    p.n = 0;
  };
  for (const r of contacts.rows) {
    const k = pairKey(r.receiver, r.transmitter);
    let p = pairs.get(k);
    if (!p) {
      p = {
        receiver: r.receiver,
        transmitter: r.transmitter,
        calibrationKey: r.calibrationKey,
        negRssi: [],
        windowStart: r.timeMs,
        scanStart: r.timeMs,
        sum: 0,
        n: 0,
      };
      pairs.set(k, p);
    } else if (r.timeMs - p.windowStart >= 1_800_000) {
      close(p);
      p.windowStart = r.timeMs;
      p.scanStart = r.timeMs;
    } else if (r.timeMs - p.scanStart >= 300_000) {
      close(p);
      p.scanStart = r.timeMs;
    }
    p.sum -= r.rssi;
    p.n++;
  }
  for (const p of pairs.values()) close(p);
  return [...pairs.values()];
}

function bestThreshold(scans: readonly PairScans[], truth: SyntheticContacts['truth'], fit: ProximityFit): number {
  const levels = Object.values(fit.receiverLevel1mDbm).sort((a, b) => a - b);
  const fallback = fit.alphaDb + (levels[levels.length >> 1] ?? -70);
  let best = { t: 60, f1: -1 };
  for (let t = 40; t <= 90; t++) {
    const calls: PairCall = new Map();
    for (const p of scans) {
      const tx = fittedTxPower(fit, p.calibrationKey) ?? fallback;
      let minutes = 0;
      for (const a of p.negRssi) if (Math.round(a + tx) <= t) minutes += 5;
      calls.set(pairKey(p.receiver, p.transmitter), { minutes, flagged: minutes >= FLAG_MINUTES });
    }
    const f1 = pairAccuracy(calls, truth).f1;
    if (f1 > best.f1) best = { t, f1 };
  }
  return best.t;
}

export function validateProximity(recordings: readonly StaticRecording[], o: ValidationOptions): ValidationResult {
  const experiments = [...new Set(recordings.map((r) => r.experiment))].sort();
  const synthetic = new Map<string, SyntheticContacts>();
  const key = (e: string, s: Sampling) => `${e}\u0000${s}`;
  experiments.forEach((e, i) => {
    for (const s of o.samplings) {
      const prng = new Prng(o.seed * 1_000 + i * 7 + (s === 'gaen' ? 1 : 0));
      synthetic.set(
        key(e, s),
        synthesizeContacts(
          recordings.filter((r) => r.experiment === e),
          prng,
          { rooms: o.roomsPerExperiment, sampling: s, dayStartMs: DAY0 + i * 86_400_000, label: e },
        ),
      );
    }
  });
  const scans = new Map([...synthetic].map(([k, c]) => [k, scanInstances(c)]));
  const pooled = new Map<string, { calls: PairCall; truth: SyntheticContacts['truth'] }>();
  const add = (row: Omit<ValidationRow, 'accuracy'>, calls: PairCall, truth: SyntheticContacts['truth']) => {
    const k = JSON.stringify(row);
    const p = pooled.get(k) ?? { calls: new Map() as PairCall, truth: [] as SyntheticContacts['truth'] };
    for (const [c, v] of calls) p.calls.set(c, v);
    p.truth.push(...truth);
    pooled.set(k, p);
  };
  const folds: ValidationResult['folds'] = [];
  for (const test of experiments) {
    const train = recordings.filter((r) => r.experiment !== test);
    const fit = fitProximity(train);
    const params = parametersFromFit(fit);
    const noOffset = { ...params, receiverOffsetSdDb: 0 };
    const median = { ...params, decisionQuantile: 0.5 };
    const trainExperiments = experiments.filter((e) => e !== test);
    const dataset = test.split(':')[0] as string;
    let thresholdDb = 0;
    for (const s of o.samplings) {
      const trainTruth = trainExperiments.flatMap((e) => (synthetic.get(key(e, s)) as SyntheticContacts).truth);
      const trainScans = trainExperiments.flatMap((e) => scans.get(key(e, s)) as PairScans[]);
      const threshold = bestThreshold(trainScans, trainTruth, fit);
      if (s === o.samplings[0]) thresholdDb = threshold;
      const contacts = synthetic.get(key(test, s)) as SyntheticContacts;
      for (const shift of o.shiftsDb) {
        const rows = calibrate(contacts, fit, shift);
        const methods: [string, () => PairCall][] = [
          ['bluezone-hmm', () => estimatorCalls(rows, params, o.table)],
          ['bluezone-hmm, no receiver offset', () => estimatorCalls(rows, noOffset, o.table)],
          ['bluezone-hmm, posterior median', () => estimatorCalls(rows, median, o.table)],
          [
            'current (CWA buckets, close minutes)',
            () => riskCalls(rows, CWA_RISK_CONFIGURATION, 'close-minutes', o.table),
          ],
          ['cwa-v2 rule (exposed)', () => riskCalls(rows, CWA_RISK_CONFIGURATION, 'exposed', o.table)],
          ['swisscovid rule (exposed)', () => riskCalls(rows, SWISSCOVID_RISK_CONFIGURATION, 'exposed', o.table)],
          [
            `single threshold (tuned on training folds)`,
            () => riskCalls(rows, singleThresholdConfiguration(threshold), 'close-minutes', o.table),
          ],
        ];
        for (const [method, run] of methods) {
          const calls = run();
          for (const ds of [dataset, 'all'])
            add({ method, sampling: s, calibrationShiftDb: shift, dataset: ds }, calls, contacts.truth);
        }
      }
    }
    folds.push({ experiment: test, thresholdDb, parameters: params });
  }
  const order = (r: Omit<ValidationRow, 'accuracy'>) =>
    `${o.samplings.indexOf(r.sampling)}|${String(o.shiftsDb.indexOf(r.calibrationShiftDb)).padStart(2, '0')}|${r.dataset === 'all' ? '' : r.dataset}`;
  const rows: ValidationRow[] = [...pooled]
    .map(([k, v]) => ({
      ...(JSON.parse(k) as Omit<ValidationRow, 'accuracy'>),
      accuracy: pairAccuracy(v.calls, v.truth),
    }))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { folds, rows };
}
