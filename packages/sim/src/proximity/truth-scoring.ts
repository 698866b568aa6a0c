/**
 * Real sightings scored against their ground truth as the outside evaluator scores them (per
 * pair: close minutes summed, ≥ 10 flags; truly close at ≥ 10 minutes within 2 m): the estimator
 * with the parameters given, the published rules, and the two bars chosen on this very data —
 * the single attenuation threshold and the estimator's probability cut with the best F1 in
 * hindsight — with how often the pairs at each probability were close. What a health authority
 * runs on a field test of its own phones before it serves a `decisionQuantile`.
 *
 * Fed one receiver's rows at a time (every method reads a receiver's own sightings only), so a
 * log too large to hold as objects is scored as `bluezone proximity` reads it.
 */
import {
  CWA_RISK_CONFIGURATION,
  type DeviceCalibrationTable,
  decisionQuantileFor,
  type ProximityParameters,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import { type CrossValidatedCut, crossValidatedCut } from './cut-cross-validation';
import {
  bestCut,
  bestThresholdInHindsight,
  decisionCalls,
  estimatorScores,
  HINDSIGHT_THRESHOLDS_DB,
  heardCalls,
  type PairAccuracy,
  type PairCall,
  pairAccuracy,
  type ReliabilityBin,
  reliability,
  riskCalls,
  type TruePair,
  thresholdCalls,
} from './pair-accuracy';
import type { SightingsEstimateOptions } from './proximity-estimation';
import { scanAttenuations } from './proximity-scoring';
import type { CensusSighting, SightingRow } from './sightings-csv';

export interface TruthScore {
  rows: { method: string; accuracy: PairAccuracy }[];
  reliability: ReliabilityBin[];
  /**
   * The estimator's cut in hindsight as a decision to serve: pairs at or above `probability` are
   * what `decisionQuantile` flags (`decisionQuantileFor`: the next thousandth above 1 −
   * `probability`; absent where no quantile below 1 reaches the cut),
   * with what such a cut, chosen on other receivers' pairs, scored on these (`crossValidatedCut`).
   */
  cut?: { probability: number; decisionQuantile: number; crossValidated?: CrossValidatedCut };
}

export class TruthScoring {
  private readonly estimate = new Map<string, { minutes: number; probability: number }>();
  private readonly rules = new Map<string, PairCall>();
  private readonly thresholds = HINDSIGHT_THRESHOLDS_DB.map(() => new Map() as PairCall);

  private readonly table: DeviceCalibrationTable | undefined;

  /** `options.eachKey`: the estimator as a phone runs it (`SightingsEstimateOptions`); the rules are per pair either way. */
  constructor(
    private readonly parameters: ProximityParameters,
    private readonly options: Omit<SightingsEstimateOptions, 'census'> = {},
  ) {
    this.table = options.calibrationTable;
  }

  /** One receiver's sightings and census lines (or any set of whole receivers'). */
  add(rows: readonly SightingRow[], census: readonly CensusSighting[] = []): void {
    for (const [k, v] of estimatorScores(rows, this.parameters, { ...this.options, census })) this.estimate.set(k, v);
    const rules: [string, () => PairCall][] = [
      ['cwa-v2 rule (exposed)', () => riskCalls(rows, CWA_RISK_CONFIGURATION, 'exposed', this.table)],
      ['swisscovid rule (exposed)', () => riskCalls(rows, SWISSCOVID_RISK_CONFIGURATION, 'exposed', this.table)],
      ['every pair heard ≥ 10 min', () => heardCalls(rows)],
    ];
    for (const [name, run] of rules) {
      const calls = this.rules.get(name) ?? new Map();
      for (const [k, v] of run()) calls.set(k, v);
      this.rules.set(name, calls);
    }
    const pairs = scanAttenuations(rows, this.table);
    HINDSIGHT_THRESHOLDS_DB.forEach((t, i) => {
      for (const [k, v] of thresholdCalls(pairs, t)) this.thresholds[i]?.set(k, v);
    });
  }

  result(truth: readonly TruePair[]): TruthScore {
    const cut = bestCut(this.estimate, truth);
    const threshold = bestThresholdInHindsight(this.thresholds, truth);
    return {
      rows: [
        { method: this.estimatorName(), accuracy: pairAccuracy(decisionCalls(this.estimate), truth) },
        ...[...this.rules].map(([method, calls]) => ({ method, accuracy: pairAccuracy(calls, truth) })),
        {
          method: `${this.estimatorName()}, probability cut in hindsight (P ≥ ${cut.probability.toFixed(3)}, chosen on this data)`,
          accuracy: pairAccuracy(cut.calls, truth),
        },
        {
          method: `single threshold in hindsight (${threshold.thresholdDb} dB, chosen on this data)`,
          accuracy: threshold.accuracy,
        },
      ],
      reliability: reliability(this.estimate, truth),
      ...this.servedCut(cut.probability, truth),
    };
  }

  private estimatorName(): string {
    return this.options.eachKey ? `${this.parameters.name} (each key, as a phone)` : this.parameters.name;
  }

  /** The cut as the configuration serves it, as the web admin's preview names a cut's quantile. */
  private servedCut(probability: number, truth: readonly TruePair[]): Pick<TruthScore, 'cut'> {
    const decisionQuantile = probability > 0 ? decisionQuantileFor(probability) : undefined;
    if (decisionQuantile === undefined) return {};
    const crossValidated = crossValidatedCut(this.estimate, truth);
    return { cut: { probability, decisionQuantile, ...(crossValidated ? { crossValidated } : {}) } };
  }
}
