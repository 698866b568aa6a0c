/**
 * The exposure check's use of the protocol's proximity estimator. GAEN scoring of exposure
 * windows stays as it is (daily summaries, report type and infectiousness weights); what
 * decides a notification is the estimator's close minutes: a day is high risk when the matched
 * keys' estimated minutes within the close distance reach `notifyCloseMinutes` and its windows
 * count at all under the risk configuration's report-type and infectiousness weights.
 *
 * The estimate is made when a key matches (the matched sightings are at hand then) and stored
 * with the key's windows: each window of a day carries its share of that day's close minutes
 * and of their 10–90 % interval (by scan count), and the key-day's probability of reaching
 * `notifyCloseMinutes`, so re-scoring the stored windows later needs no sightings. Windows
 * stored before these fields existed fall back to the configuration's own classification.
 *
 * Besides the key's own sightings the estimate uses the census of the phone's scans (how many
 * identifiers each heard: scan-census.ts), as `bluezone proximity` does: silence in a scan that
 * heard others is evidence the key's phone was away, and a crowded scan says fewer of those
 * heard were close. Only counts enter, never another key's identifier or readings.
 */
import {
  type AttenuationReading,
  attenuationDb,
  type CloseTimeEstimate,
  classifyDay,
  type DailySummary,
  DEFAULT_PROXIMITY_PARAMETERS,
  type DeviceCalibration,
  type Encounter,
  type ExposureWindow,
  estimateCloseTime,
  type KeyMatch,
  type ProximityParameters,
  type ReceiverActivity,
  type RiskConfiguration,
  type RiskLevel,
  scoreExposureWindows,
} from '@bluezone/protocol';

export type EstimatedExposureWindow = ExposureWindow & {
  /** This window's share of its key-day's estimated close minutes and of their 10–90 % interval. */
  closeMinutes?: number;
  closeMinutesLow?: number;
  closeMinutesHigh?: number;
  /** The key-day's posterior probability of at least `notifyCloseMinutes` close minutes. */
  notifyProbability?: number;
};

/** A day's estimate, as a notification reports it. */
export interface DayCloseEstimate {
  closeMinutes: number;
  lowCloseMinutes: number;
  highCloseMinutes: number;
  /**
   * Probability that the day's close minutes reach `notifyCloseMinutes`: the largest of its
   * keys' (a lower bound when several uploaders were near on one day).
   */
  probability: number;
  /** `likely` when that probability is at least 2/3, else `possible`: the wording residents see. */
  confidence: 'likely' | 'possible';
}

/**
 * "Likely" in the calibrated language of the IPCC's guidance note (Mastrandrea et al. 2010):
 * 66–100 % probability. Below it (the estimator notifies from 1 − decisionQuantile, 30 % with the
 * defaults) the contact is "possible".
 */
export const LIKELY_PROBABILITY = 2 / 3;

/** What the matched key's sightings say, calibrated to attenuation: the estimator's input. */
export function keyReadings(match: KeyMatch, receiver: DeviceCalibration): AttenuationReading[] {
  return match.sightings.map((s) => ({
    timeMs: s.sighting.timeMs,
    attenuationDb: attenuationDb(s.metadata.txPowerDbm, s.sighting.rssi, receiver),
  }));
}

/** The key's windows, each with its share of the estimated close minutes of its day (from the key's `keyReadings`). */
export function withCloseMinutes(
  readings: readonly AttenuationReading[],
  windows: readonly ExposureWindow[],
  parameters: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
  scanPeriodSeconds?: number,
  /** The phone's scans (`receiverActivityOfCounts` of its census); without it silences say nothing. */
  activity?: ReceiverActivity,
  /** What else it heard on the key's days (heard-evidence.ts), when the parameters ask for it. */
  evidence?: readonly (readonly Encounter[])[],
): EstimatedExposureWindow[] {
  const estimates = estimateCloseTime(readings, {
    parameters,
    ...(scanPeriodSeconds !== undefined ? { scanPeriodSeconds } : {}),
    ...(activity ? { activity } : {}),
    ...(evidence ? { evidence } : {}),
  });
  const byDay = new Map<number, CloseTimeEstimate>(estimates.map((e) => [e.dayStartMs / 1000, e]));
  const scansByDay = new Map<number, number>();
  for (const w of windows)
    scansByDay.set(w.dayUnixSeconds, (scansByDay.get(w.dayUnixSeconds) ?? 0) + w.scanInstances.length);
  return windows.map((w) => {
    const scans = scansByDay.get(w.dayUnixSeconds) ?? 0;
    const e = byDay.get(w.dayUnixSeconds);
    const share = (minutes: number | undefined) =>
      scans === 0 ? 0 : ((minutes ?? 0) * w.scanInstances.length) / scans;
    return {
      ...w,
      closeMinutes: share(e?.closeMinutes),
      closeMinutesLow: share(e?.lowCloseMinutes),
      closeMinutesHigh: share(e?.highCloseMinutes),
      notifyProbability: e?.notifyProbability ?? 0,
    };
  });
}

/**
 * Risk level per day of the stored windows, with the summary a notification reports: the
 * estimator decides high vs low among days whose windows count under the configuration's
 * transmission weights (attenuation is left to the estimator); a day with a window stored
 * without an estimate keeps the configuration's own classification (and has no estimate).
 */
export function proximityRiskDays(
  windows: readonly EstimatedExposureWindow[],
  config: RiskConfiguration,
  parameters: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
): { summary: DailySummary; level: RiskLevel; closeMinutes: number; estimate?: DayCloseEstimate }[] {
  const days = new Map<number, { close: number; low: number; high: number; probability: number }>();
  const legacy = new Set<number>();
  for (const w of windows) {
    if (w.closeMinutes === undefined) {
      legacy.add(w.dayUnixSeconds);
      continue;
    }
    const d = days.get(w.dayUnixSeconds) ?? { close: 0, low: 0, high: 0, probability: 0 };
    d.close += w.closeMinutes;
    // Windows stored before the interval was kept count their estimate as exact.
    d.low += w.closeMinutesLow ?? w.closeMinutes;
    d.high += w.closeMinutesHigh ?? w.closeMinutes;
    d.probability = Math.max(d.probability, w.notifyProbability ?? 0);
    days.set(w.dayUnixSeconds, d);
  }
  const scored = new Map(scoreExposureWindows(windows, config).map((s) => [s.dayUnixSeconds, s]));
  // Days that count at all once attenuation is left to the estimator: every bucket weighs 1.
  const { minimumMinutesAtAttenuation: _, ...rest } = config;
  const counted = scoreExposureWindows(windows, {
    ...rest,
    attenuationBucketWeights: [1, 1, 1, 1],
    minimumWindowScore: 0,
  }).filter((s) => s.scoreSum > 0);
  // Shares of a day's minutes add back up to it only to rounding: compare at a millionth.
  const exact = (x: number) => Math.round(x * 1e6) / 1e6;
  return counted.map((c) => {
    const day = c.dayUnixSeconds;
    const summary = scored.get(day) ?? { ...c, maximumScore: 0, scoreSum: 0, weightedDurationSum: 0, windowCount: 0 };
    const d = days.get(day);
    const minutes = exact(d?.close ?? 0);
    if (legacy.has(day) || d === undefined) {
      return { summary, level: classifyDay(scored.get(day), config), closeMinutes: minutes };
    }
    const level: RiskLevel = minutes >= parameters.notifyCloseMinutes ? 'high' : 'low';
    const estimate: DayCloseEstimate = {
      closeMinutes: minutes,
      lowCloseMinutes: exact(d.low),
      highCloseMinutes: exact(d.high),
      probability: d.probability,
      confidence: d.probability >= LIKELY_PROBABILITY ? 'likely' : 'possible',
    };
    return { summary, level, closeMinutes: minutes, estimate };
  });
}
