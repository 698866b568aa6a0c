/**
 * Score of one exposure window (EN v2 risk model): each scan instance's seconds weighted by
 * its attenuation bucket, summed ("weighted duration"), times the window's transmission
 * weight (report type × infectiousness, or CWA's transmission risk value).
 */
import { ReportType } from '../temporary-exposure-key';
import type { ExposureWindow } from './exposure-window';
import { Infectiousness } from './infectiousness';
import type { ReportTypeValues, RiskConfiguration } from './risk-configuration';

export interface WindowScore {
  /** Σ secondsSinceLastScan × bucket weight. */
  weightedDurationSeconds: number;
  transmissionWeight: number;
  /** weightedDurationSeconds × transmissionWeight. */
  score: number;
}

function reportTypeValue(values: ReportTypeValues, reportType: ReportType): number | undefined {
  switch (reportType) {
    case ReportType.ConfirmedTest:
      return values.confirmedTest;
    case ReportType.ConfirmedClinicalDiagnosis:
      return values.confirmedClinicalDiagnosis;
    case ReportType.SelfReport:
      return values.selfReport;
    case ReportType.Recursive:
      return values.recursive;
    default:
      // UNKNOWN is mapped away before matching; REVOKED keys never count (EN API v2).
      return undefined;
  }
}

export function bucketWeight(attenuationDb: number, config: RiskConfiguration): number {
  const [immediate, near, medium] = config.attenuationBucketThresholdDb;
  const [wImmediate, wNear, wMedium, wOther] = config.attenuationBucketWeights;
  if (attenuationDb <= immediate) return wImmediate;
  if (attenuationDb <= near) return wNear;
  if (attenuationDb <= medium) return wMedium;
  return wOther;
}

function transmissionWeight(window: ExposureWindow, config: RiskConfiguration): number | undefined {
  const high = window.infectiousness === Infectiousness.High;
  const t = config.transmission;
  if (t.kind === 'weights') {
    const r = reportTypeValue(t.reportTypeWeights, window.reportType);
    return r === undefined ? undefined : r * (high ? t.infectiousnessWeights.high : t.infectiousnessWeights.standard);
  }
  const offset = reportTypeValue(t.reportTypeOffsets, window.reportType);
  if (offset === undefined) return undefined;
  const trl = offset + (high ? t.infectiousnessOffsets.high : t.infectiousnessOffsets.standard);
  if (t.dropTrl && trl >= t.dropTrl.min && trl <= t.dropTrl.max) return undefined;
  return trl * t.multiplier;
}

/** The window's score, or undefined when it does not count (revoked, NONE, filtered, below the minimum). */
export function scoreExposureWindow(window: ExposureWindow, config: RiskConfiguration): WindowScore | undefined {
  if (window.infectiousness === Infectiousness.None) return undefined;
  const filter = config.minimumMinutesAtAttenuation;
  if (filter) {
    let seconds = 0;
    for (const s of window.scanInstances) {
      const a = config.attenuationOf === 'min' ? s.minAttenuationDb : s.typicalAttenuationDb;
      if (a <= filter.maxAttenuationDb) seconds += s.secondsSinceLastScan;
    }
    if (seconds / 60 < filter.minutes) return undefined;
  }
  const weight = transmissionWeight(window, config);
  if (weight === undefined) return undefined;
  let weightedDurationSeconds = 0;
  for (const s of window.scanInstances) {
    const a = config.attenuationOf === 'min' ? s.minAttenuationDb : s.typicalAttenuationDb;
    weightedDurationSeconds += s.secondsSinceLastScan * bucketWeight(a, config);
  }
  const score = weightedDurationSeconds * weight;
  if (score < config.minimumWindowScore) return undefined;
  return { weightedDurationSeconds, transmissionWeight: weight, score };
}
