/**
 * Leave-one-experiment-out validation of the proximity estimator against the published rules,
 * at the level the outside evaluator scores (pair-accuracy.ts): per (receiver, transmitter)
 * pair, the sum of its close minutes; flagged at ≥ 10 minutes; truly close when ≥ 10 minutes
 * within 2 m.
 *
 * For each experiment (one carry combination of one dataset) in turn: fit the estimator on all
 * the other experiments' recordings, tune the single-threshold rule on contacts synthesised from
 * them, then score contacts synthesised from the held-out experiment with every method. The
 * held-out readings get TX power from the training fit (as a calibration list would give it),
 * so nothing about the test fold is used before it is scored.
 *
 * Contacts are either `rooms` (contact-synthesis.ts: one receiver, a few transmitters, half the
 * pairs close) or `social` (setting-synthesis.ts: a group through a lunch, a train ride, an
 * office, a queue and a party, most pairs at 2–6 m, attenuation flattened by crowds, mixed
 * phones; `social-day` keeps the same phones all day, carried anew in each setting).
 * Synthetic rows are made again when a fold needs them (a social day of 16 people logging
 * continuously is millions of rows), from per-experiment seeds, so every fold sees the same
 * contacts.
 */
import {
  CWA_RISK_CONFIGURATION,
  CWA_V1_THRESHOLDS_CONFIGURATION,
  type DeviceCalibrationTable,
  PROXIMITY_PARAMETERS_V1,
  PROXIMITY_PARAMETERS_V2,
  PROXIMITY_PARAMETERS_V3,
  PROXIMITY_PARAMETERS_V4,
  PROXIMITY_PARAMETERS_V5,
  type ProximityParameters,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import { Prng } from '../prng';
import { type Sampling, type SyntheticContacts, synthesizeContacts } from './contact-synthesis';
import {
  bestCut,
  bestThresholdInHindsight,
  calibrate,
  decisionCalls,
  estimatorCalls,
  estimatorScores,
  FLAG_MINUTES,
  HINDSIGHT_THRESHOLDS_DB,
  heardCalls,
  type PairAccuracy,
  type PairCall,
  pairAccuracy,
  pairKey,
  type ReliabilityBin,
  reliability,
  riskCalls,
  thresholdCalls,
} from './pair-accuracy';
import type { SightingsEstimateOptions } from './proximity-estimation';
import { fitProximity, fittedTxPower, type ProximityFit, parametersFromFit } from './proximity-fit';
import { scanAttenuations } from './proximity-scoring';
import { singleThresholdConfiguration } from './proximity-tuning';
import { drawSettingDay, synthesizeSettings } from './setting-synthesis';
import type { StaticRecording } from './static-recordings';

const DAY0 = Date.UTC(2024, 0, 8);

export interface ValidationRow {
  method: string;
  sampling: Sampling;
  /** Deliberate error of the test folds' TX power, dB (0: calibrated as fitted). */
  calibrationShiftDb: number;
  dataset: string;
  accuracy: PairAccuracy;
}

/** `social-day`: the social settings with the same phones all day, carried anew in each (`samePhones`). */
export type ContactKind = 'rooms' | 'social' | 'social-day';

export interface ValidationOptions {
  seed: number;
  /** `rooms`: the rooms per experiment; `social`: people in the group. */
  contacts?: ContactKind;
  roomsPerExperiment: number;
  people?: number;
  samplings: readonly Sampling[];
  shiftsDb: readonly number[];
  table?: DeviceCalibrationTable;
  /** Only these methods, each by a prefix of its name or, written `=NAME`, by its whole name; default all. */
  methods?: readonly string[];
  /**
   * A candidate parameter document (a health authority's proposed configuration, or a change
   * under study), scored beside the defaults as `bluezone-hmm, candidate <name>`: its bands
   * re-fitted on each fold's training recordings like the defaults', everything else as given.
   */
  candidate?: ProximityParameters;
  /** Social contacts with GAEN's scans: the chance a scan misses a transmitter in range (default 0). */
  scanLoss?: number;
  /** Social contacts: every setting's crowd exponent, in place of its own (`SettingSynthesisOptions`). */
  crowdExponent?: number;
  /** Social contacts: the share of the synthesis's own pair and phone spread added (`SettingSynthesisOptions`). */
  spreadScale?: number;
  /** Social contacts: every setting, and every stay in it, lasts this share of its time (`drawSettingDay`). */
  timeScale?: number;
  /**
   * The "offset also from all heard" rows: dB by which the TX power taken for the transmitters a
   * phone cannot read is off their typical one (`SightingsEstimateOptions.unreadTxPowerBiasDb`).
   */
  unreadTxPowerBiasDb?: number;
  /**
   * Rows for each held-out experiment too (its dataset named by the experiment: one carry
   * combination), beside the data sets and all data: where a method's errors come from.
   */
  byExperiment?: boolean;
}

/**
 * The outside target's yardstick: "a single attenuation threshold chosen with hindsight on that
 * data". Every threshold of the range is scored on the test folds themselves and the one with
 * the best F1 is reported (per sampling, calibration error and data set), named with its value:
 * what no fixed threshold can beat on that data, and what the estimator must beat without
 * seeing it. The training-tuned row is the honest rule; this one is the bar.
 */
export const HINDSIGHT_METHOD = 'single threshold in hindsight';
/**
 * The same for the estimator's own ranking: its probability of the flag's 10 minutes, cut where
 * F1 is best on the test folds. Beside the defaults' row it splits what the estimate knows
 * (how it ranks the pairs) from where `decisionQuantile` puts the decision.
 */
export const ESTIMATE_HINDSIGHT_METHOD = 'bluezone-hmm, probability cut in hindsight';

/** Everything the validation prints: per-fold thresholds and parameters, and the pooled table. */
export interface ValidationResult {
  folds: { experiment: string; thresholdDb: number; parameters: ProximityParameters }[];
  rows: ValidationRow[];
  /** With the estimate's cut: how often the pairs at each of its probabilities were close (all data). */
  reliability: { sampling: Sampling; calibrationShiftDb: number; bins: ReliabilityBin[] }[];
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

/** The estimator variants and rules the tables compare, given a fold's fit and tuned threshold. */
function methodsOf(
  rows: ReturnType<typeof calibrate>,
  fit: ProximityFit,
  threshold: number,
  table: DeviceCalibrationTable | undefined,
  candidate: ProximityParameters | undefined,
  defaultsScores: () => ReturnType<typeof estimatorScores>,
  unreadTxPowerBiasDb = 0,
): [string, () => PairCall][] {
  const params = parametersFromFit(fit);
  const estimate = (p: ProximityParameters, o: SightingsEstimateOptions = {}) =>
    estimatorCalls(rows, p, { calibrationTable: table, ...o });
  // Each key as a phone, its offset also from the other transmitters read at a typical TX power off by the bias.
  const fromAllHeard = (unreadTxPowerSdDb: number) =>
    estimate(params, { eachKey: true, offsetFromAllHeard: true, unreadTxPowerBiasDb, unreadTxPowerSdDb });
  const candidates: [string, () => PairCall][] = candidate
    ? [[`bluezone-hmm, candidate ${candidate.name}`, () => estimate(parametersFromFit(fit, candidate))]]
    : [];
  return [
    ...candidates,
    ['bluezone-hmm', () => decisionCalls(defaultsScores())],
    ['bluezone-hmm v5 (normal law of close time)', () => estimate(parametersFromFit(fit, PROXIMITY_PARAMETERS_V5))],
    ['bluezone-hmm v4 (band redrawn on a move)', () => estimate(parametersFromFit(fit, PROXIMITY_PARAMETERS_V4))],
    ['bluezone-hmm v3 (priors whatever the crowd)', () => estimate(parametersFromFit(fit, PROXIMITY_PARAMETERS_V3))],
    ['bluezone-hmm v2 (guessed priors)', () => estimate(parametersFromFit(fit, PROXIMITY_PARAMETERS_V2))],
    ['bluezone-hmm v1 (before)', () => estimate(parametersFromFit(fit, PROXIMITY_PARAMETERS_V1, false))],
    ['bluezone-hmm, each key (as a phone)', () => estimate(params, { eachKey: true })],
    ['bluezone-hmm, each key, offset also from all heard (TX power unread)', () => fromAllHeard(0)],
    ['bluezone-hmm, each key, offset also from all heard (TX power unread, ±3 dB)', () => fromAllHeard(3)],
    ['bluezone-hmm, no receiver offset', () => estimate({ ...params, receiverOffsetSdDb: 0 })],
    ['bluezone-hmm, posterior median', () => estimate({ ...params, decisionQuantile: 0.5 })],
    ['current (CWA buckets, close minutes)', () => riskCalls(rows, CWA_RISK_CONFIGURATION, 'close-minutes', table)],
    ['cwa-v2 rule (exposed)', () => riskCalls(rows, CWA_RISK_CONFIGURATION, 'exposed', table)],
    ['cwa-v1 thresholds (exposed)', () => riskCalls(rows, CWA_V1_THRESHOLDS_CONFIGURATION, 'exposed', table)],
    ['swisscovid rule (exposed)', () => riskCalls(rows, SWISSCOVID_RISK_CONFIGURATION, 'exposed', table)],
    [
      'single threshold (tuned on training folds)',
      () => riskCalls(rows, singleThresholdConfiguration(threshold), 'close-minutes', table),
    ],
    ['every pair heard ≥ 10 min', () => heardCalls(rows)],
  ];
}

export function validateProximity(recordings: readonly StaticRecording[], o: ValidationOptions): ValidationResult {
  const experiments = [...new Set(recordings.map((r) => r.experiment))].sort();
  const kind = o.contacts ?? 'rooms';
  const key = (e: string, s: Sampling) => `${e}\u0000${s}`;
  /** The experiment's contacts, the same every time they are made. */
  const make = (e: string, s: Sampling): SyntheticContacts => {
    const i = experiments.indexOf(e);
    const own = recordings.filter((r) => r.experiment === e);
    const dayStartMs = DAY0 + i * 86_400_000;
    if (kind === 'rooms') {
      const prng = new Prng(o.seed * 1_000 + i * 7 + (s === 'gaen' ? 1 : 0));
      return synthesizeContacts(own, prng, { rooms: o.roomsPerExperiment, sampling: s, dayStartMs, label: e });
    }
    const layouts = drawSettingDay(new Prng(o.seed * 1_000 + i * 7 + 3), o.people ?? 16, o.timeScale);
    const prng = new Prng(o.seed * 1_000 + i * 7 + (s === 'gaen' ? 5 : 4));
    return synthesizeSettings(own, layouts, prng, {
      people: o.people ?? 16,
      sampling: s,
      dayStartMs,
      label: e,
      samePhones: kind === 'social-day',
      ...(o.table ? { table: o.table } : {}),
      ...(o.crowdExponent !== undefined ? { crowdExponent: o.crowdExponent } : {}),
      ...(o.spreadScale !== undefined ? { spreadScale: o.spreadScale } : {}),
      ...(o.scanLoss ? { scanLoss: { probability: o.scanLoss, prng: new Prng(o.seed * 1_000 + i * 7 + 6) } } : {}),
    });
  };
  // What tuning the single threshold needs of every experiment: its scan instances and truth.
  const tuning = new Map<string, { scans: PairScans[]; truth: SyntheticContacts['truth'] }>();
  for (const e of experiments)
    for (const s of o.samplings) {
      const c = make(e, s);
      tuning.set(key(e, s), { scans: scanInstances(c), truth: c.truth });
    }
  const pooled = new Map<string, { calls: PairCall; truth: SyntheticContacts['truth'] }>();
  const add = (row: Omit<ValidationRow, 'accuracy'>, calls: PairCall, truth: SyntheticContacts['truth']) => {
    const k = JSON.stringify(row);
    const p = pooled.get(k) ?? { calls: new Map() as PairCall, truth: [] as SyntheticContacts['truth'] };
    for (const [c, v] of calls) p.calls.set(c, v);
    p.truth.push(...truth);
    pooled.set(k, p);
  };
  const selected = (method: string) =>
    !o.methods || o.methods.some((m) => (m.startsWith('=') ? method === m.slice(1) : method.startsWith(m)));
  // Per (sampling, calibration error, data set): every threshold's calls on the test folds, and their truth.
  const hindsight = new Map<string, { calls: PairCall[]; truth: SyntheticContacts['truth'] }>();
  const cuts = new Map<
    string,
    { scores: Map<string, { minutes: number; probability: number }>; truth: SyntheticContacts['truth'] }
  >();
  const folds: ValidationResult['folds'] = [];
  for (const test of experiments) {
    const train = recordings.filter((r) => r.experiment !== test);
    const fit = fitProximity(train);
    const trainExperiments = experiments.filter((e) => e !== test);
    const dataset = test.split(':')[0] as string;
    const datasets = [dataset, 'all', ...(o.byExperiment ? [test] : [])];
    let thresholdDb = 0;
    for (const s of o.samplings) {
      const trained = trainExperiments.map(
        (e) => tuning.get(key(e, s)) as { scans: PairScans[]; truth: SyntheticContacts['truth'] },
      );
      const threshold = bestThreshold(
        trained.flatMap((t) => t.scans),
        trained.flatMap((t) => t.truth),
        fit,
      );
      if (s === o.samplings[0]) thresholdDb = threshold;
      const contacts = make(test, s);
      for (const shift of o.shiftsDb) {
        const rows = calibrate(contacts, fit, shift);
        // The defaults' estimate serves both their decision and their cut in hindsight: run once.
        let scores: ReturnType<typeof estimatorScores> | undefined;
        const defaultsScores = () => {
          scores ??= estimatorScores(rows, parametersFromFit(fit), { calibrationTable: o.table });
          return scores;
        };
        for (const [method, run] of methodsOf(
          rows,
          fit,
          threshold,
          o.table,
          o.candidate,
          defaultsScores,
          o.unreadTxPowerBiasDb,
        )) {
          if (!selected(method)) continue;
          const calls = run();
          for (const ds of datasets)
            add({ method, sampling: s, calibrationShiftDb: shift, dataset: ds }, calls, contacts.truth);
        }
        if (selected(ESTIMATE_HINDSIGHT_METHOD)) {
          const scores = defaultsScores();
          for (const ds of datasets) {
            const k = JSON.stringify({ sampling: s, calibrationShiftDb: shift, dataset: ds });
            const c = cuts.get(k) ?? { scores: new Map(), truth: [] as SyntheticContacts['truth'] };
            for (const [pair, score] of scores) c.scores.set(pair, score);
            c.truth.push(...contacts.truth);
            cuts.set(k, c);
          }
        }
        if (selected(HINDSIGHT_METHOD)) {
          const pairs = scanAttenuations(rows, o.table);
          const calls = HINDSIGHT_THRESHOLDS_DB.map((t) => thresholdCalls(pairs, t));
          for (const ds of datasets) {
            const k = JSON.stringify({ sampling: s, calibrationShiftDb: shift, dataset: ds });
            const h = hindsight.get(k) ?? { calls: calls.map(() => new Map() as PairCall), truth: [] };
            calls.forEach((c, i) => {
              for (const [pair, call] of c) h.calls[i]?.set(pair, call);
            });
            h.truth.push(...contacts.truth);
            hindsight.set(k, h);
          }
        }
      }
    }
    folds.push({ experiment: test, thresholdDb, parameters: parametersFromFit(fit) });
  }
  const order = (r: Omit<ValidationRow, 'accuracy'>) =>
    `${o.samplings.indexOf(r.sampling)}|${String(o.shiftsDb.indexOf(r.calibrationShiftDb)).padStart(2, '0')}|${r.dataset === 'all' ? '' : r.dataset}`;
  const hindsightRows = [...hindsight].map(([k, h]): ValidationRow => {
    const best = bestThresholdInHindsight(h.calls, h.truth);
    return {
      method: `${HINDSIGHT_METHOD} (${best.thresholdDb} dB, chosen on the test data)`,
      ...(JSON.parse(k) as Omit<ValidationRow, 'accuracy' | 'method'>),
      accuracy: best.accuracy,
    };
  });
  const cutRows = [...cuts].map(([k, c]): ValidationRow => {
    const { probability, calls } = bestCut(c.scores, c.truth);
    return {
      method: `${ESTIMATE_HINDSIGHT_METHOD} (P ≥ ${probability.toFixed(3)}, chosen on the test data)`,
      ...(JSON.parse(k) as Omit<ValidationRow, 'accuracy' | 'method'>),
      accuracy: pairAccuracy(calls, c.truth),
    };
  });
  // Stable: the hindsight rows come last in their group.
  const rows: ValidationRow[] = [
    ...[...pooled].map(([k, v]) => ({
      ...(JSON.parse(k) as Omit<ValidationRow, 'accuracy'>),
      accuracy: pairAccuracy(v.calls, v.truth),
    })),
    ...cutRows,
    ...hindsightRows,
  ].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const calibration = [...cuts]
    .map(([k, c]) => ({ key: JSON.parse(k) as Omit<ValidationRow, 'accuracy' | 'method'>, c }))
    .filter(({ key }) => key.dataset === 'all')
    .map(({ key, c }) => ({
      sampling: key.sampling,
      calibrationShiftDb: key.calibrationShiftDb,
      bins: reliability(c.scores, c.truth),
    }));
  return { folds, rows, reliability: calibration };
}
