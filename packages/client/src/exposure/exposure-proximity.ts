/**
 * The exposure check's use of the protocol's proximity estimator. GAEN scoring of exposure
 * windows stays as it is (daily summaries, report type and infectiousness weights); what
 * decides a notification is the estimator's close minutes: a day is high risk when the matched
 * keys' estimated minutes within the close distance reach `notifyCloseMinutes` and its windows
 * count at all under the risk configuration's report-type and infectiousness weights.
 *
 * The estimate is made when a key matches (the matched sightings are at hand then) and stored
 * with the key's windows: each window of a day carries its share of that day's close minutes
 * (`closeMinutes`, by scan count), so re-scoring the stored windows later needs no sightings.
 * Windows stored before this field existed fall back to the configuration's own classification.
 *
 * Only the key's own sightings are used, not the phone's other scans: the estimate of a key then
 * depends on nothing but what was heard of it, so a check that reads only the sightings of the
 * keys it may match (as the simulator's sparse checks do) decides exactly as a full one. The
 * cost: silence in a scan that heard others is not evidence here (`bluezone proximity` uses it).
 */
import {
  type AttenuationReading,
  attenuationDb,
  classifyDay,
  type DailySummary,
  DEFAULT_PROXIMITY_PARAMETERS,
  type DeviceCalibration,
  type ExposureWindow,
  estimateCloseTime,
  type KeyMatch,
  type ProximityParameters,
  type RiskConfiguration,
  type RiskLevel,
  scoreExposureWindows,
} from '@bluezone/protocol';

export type EstimatedExposureWindow = ExposureWindow & { closeMinutes?: number };

/** The key's windows, each with its share of the estimated close minutes of its day. */
export function withCloseMinutes(
  match: KeyMatch,
  windows: readonly ExposureWindow[],
  receiver: DeviceCalibration,
  parameters: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
): EstimatedExposureWindow[] {
  const readings: AttenuationReading[] = match.sightings.map((s) => ({
    timeMs: s.sighting.timeMs,
    attenuationDb: attenuationDb(s.metadata.txPowerDbm, s.sighting.rssi, receiver),
  }));
  const byDay = new Map(estimateCloseTime(readings, { parameters }).map((e) => [e.dayStartMs / 1000, e]));
  const scansByDay = new Map<number, number>();
  for (const w of windows)
    scansByDay.set(w.dayUnixSeconds, (scansByDay.get(w.dayUnixSeconds) ?? 0) + w.scanInstances.length);
  return windows.map((w) => {
    const scans = scansByDay.get(w.dayUnixSeconds) ?? 0;
    const close = byDay.get(w.dayUnixSeconds)?.closeMinutes ?? 0;
    return { ...w, closeMinutes: scans === 0 ? 0 : (close * w.scanInstances.length) / scans };
  });
}

/**
 * Risk level per day of the stored windows, with the summary a notification reports: the
 * estimator decides high vs low among days whose windows count under the configuration's
 * transmission weights (attenuation is left to the estimator); a day with a window stored
 * without an estimate keeps the configuration's own classification.
 */
export function proximityRiskDays(
  windows: readonly EstimatedExposureWindow[],
  config: RiskConfiguration,
  parameters: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
): { summary: DailySummary; level: RiskLevel; closeMinutes: number }[] {
  const close = new Map<number, number>();
  const legacy = new Set<number>();
  for (const w of windows) {
    if (w.closeMinutes === undefined) legacy.add(w.dayUnixSeconds);
    else close.set(w.dayUnixSeconds, (close.get(w.dayUnixSeconds) ?? 0) + w.closeMinutes);
  }
  const scored = new Map(scoreExposureWindows(windows, config).map((s) => [s.dayUnixSeconds, s]));
  // Days that count at all once attenuation is left to the estimator: every bucket weighs 1.
  const { minimumMinutesAtAttenuation: _, ...rest } = config;
  const counted = scoreExposureWindows(windows, {
    ...rest,
    attenuationBucketWeights: [1, 1, 1, 1],
    minimumWindowScore: 0,
  }).filter((s) => s.scoreSum > 0);
  return counted.map((c) => {
    const day = c.dayUnixSeconds;
    const summary = scored.get(day) ?? { ...c, maximumScore: 0, scoreSum: 0, weightedDurationSum: 0, windowCount: 0 };
    // Shares of a day's minutes add back up to it only to rounding: compare at a millionth.
    const minutes = Math.round((close.get(day) ?? 0) * 1e6) / 1e6;
    const level: RiskLevel = legacy.has(day)
      ? classifyDay(scored.get(day), config)
      : minutes >= parameters.notifyCloseMinutes
        ? 'high'
        : 'low';
    return { summary, level, closeMinutes: minutes };
  });
}
