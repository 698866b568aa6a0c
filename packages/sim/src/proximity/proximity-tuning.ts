/**
 * Tunes a proximity threshold on the MIT Matrix data and compares it with the published
 * GAEN-style configurations on the same sightings.
 *
 * The tuned configuration has the EN v2 shape with one threshold: scan instances whose typical
 * attenuation is at most T count fully, the rest not at all; a day with ≥ 15 such minutes is
 * an exposure. T is chosen on half of the experiments (even positions in name order) to
 * maximise F1 of close time, and every configuration is reported on the other half, so the
 * tuned figures are not measured on the data they were fitted to.
 */
import {
  CWA_RISK_CONFIGURATION,
  type DeviceCalibrationTable,
  type RiskConfiguration,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import type { MitMatrixLog } from '../radio/mit-matrix';
import { mitMatrixSightings } from './mit-matrix-sightings';
import { evaluateProximity, type ProximityAccuracy } from './proximity-evaluation';
import { scoreSightings } from './proximity-scoring';

/**
 * The SwissCovid/DP-3T scheme (unweighted, typical attenuation, 15 minutes a day) with a
 * single attenuation threshold: only time below `thresholdDb` counts.
 */
export function singleThresholdConfiguration(
  thresholdDb: number,
  name = `bluezone-mit-tuned-${thresholdDb}dB`,
): RiskConfiguration {
  return {
    ...SWISSCOVID_RISK_CONFIGURATION,
    name,
    attenuationBucketThresholdDb: [thresholdDb, thresholdDb, thresholdDb],
    attenuationBucketWeights: [1, 0, 0, 0],
  };
}

export interface ProximityComparisonRow {
  configuration: string;
  split: 'test' | 'all';
  accuracy: ProximityAccuracy;
}

export interface ProximityComparison {
  txPowerDbm: number;
  tunedThresholdDb: number;
  trainScenarios: string[];
  testScenarios: string[];
  rows: ProximityComparisonRow[];
}

const f1 = (a: ProximityAccuracy) =>
  a.timePrecision + a.timeRecall === 0 ? 0 : (2 * a.timePrecision * a.timeRecall) / (a.timePrecision + a.timeRecall);

export function compareProximityConfigurations(
  logs: readonly MitMatrixLog[],
  txPowerDbm: number,
  table?: DeviceCalibrationTable,
): ProximityComparison {
  const scenarios = [...new Set(logs.map((l) => l.scenario))].sort();
  const trainScenarios = scenarios.filter((_, i) => i % 2 === 0);
  const testScenarios = scenarios.filter((_, i) => i % 2 === 1);
  const train = mitMatrixSightings(
    logs.filter((l) => trainScenarios.includes(l.scenario)),
    txPowerDbm,
  );
  const test = mitMatrixSightings(
    logs.filter((l) => testScenarios.includes(l.scenario)),
    txPowerDbm,
  );
  const all = mitMatrixSightings(logs, txPowerDbm);
  let best = { threshold: 0, f1: -1 };
  for (let t = 20; t <= 90; t++) {
    const score = f1(
      evaluateProximity(scoreSightings(train.rows, singleThresholdConfiguration(t), table), train.truth),
    );
    if (score > best.f1) best = { threshold: t, f1: score };
  }
  const configs = [CWA_RISK_CONFIGURATION, SWISSCOVID_RISK_CONFIGURATION, singleThresholdConfiguration(best.threshold)];
  const rows: ProximityComparisonRow[] = [];
  for (const [split, data] of [
    ['test', test],
    ['all', all],
  ] as const) {
    for (const c of configs) {
      rows.push({
        configuration: c.name,
        split,
        accuracy: evaluateProximity(scoreSightings(data.rows, c, table), data.truth),
      });
    }
  }
  return { txPowerDbm, tunedThresholdDb: best.threshold, trainScenarios, testScenarios, rows };
}
