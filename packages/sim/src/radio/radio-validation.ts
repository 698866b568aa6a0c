/**
 * Checks a radio fit against measurements it was not fitted on: for each distance, the pooled
 * median (and 10th/90th percentiles) of the real readings against readings drawn from the model
 * for the same experiments (same carry positions, phones and number of readings).
 */
import { median } from '@bluezone/protocol';
import { Prng } from '../prng';
import { sortedQuantile } from '../sorted-quantile';
import type { MitMatrixLog } from './mit-matrix';
import { predictLogRssi, type RadioFit } from './radio-fit';

export interface DistanceComparison {
  distanceM: number;
  readings: number;
  observed: { p10: number; median: number; p90: number };
  predicted: { p10: number; median: number; p90: number };
}

function quantiles(values: number[]): { p10: number; median: number; p90: number } {
  const s = values.sort((a, b) => a - b);
  const at = (q: number) => sortedQuantile(s, q) ?? Number.NaN;
  return { p10: at(0.1), median: median(s), p90: at(0.9) };
}

export function compareWithMeasurements(fit: RadioFit, logs: readonly MitMatrixLog[], seed = 1): DistanceComparison[] {
  const prng = new Prng(seed);
  const byDistance = new Map<number, { observed: number[]; predicted: number[] }>();
  for (const log of logs) {
    const key = Math.round(log.distanceM * 100) / 100;
    const bucket = byDistance.get(key) ?? { observed: [], predicted: [] };
    byDistance.set(key, bucket);
    const mean = predictLogRssi(fit, log) + prng.normal() * fit.sigmaEncounterDb;
    for (const r of log.readings) {
      bucket.observed.push(r.rssi);
      bucket.predicted.push(Math.round(mean + prng.normal() * fit.sigmaMultipathDb));
    }
  }
  return [...byDistance.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([distanceM, b]) => ({
      distanceM,
      readings: b.observed.length,
      observed: quantiles(b.observed),
      predicted: quantiles(b.predicted),
    }));
}
