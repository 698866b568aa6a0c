/**
 * Per-day aggregation of window scores (EN v2 API `DailySummary` / `ExposureSummaryData`).
 */
import type { ExposureWindow } from './exposure-window';
import { type RiskConfiguration, validateRiskConfiguration } from './risk-configuration';
import { scoreExposureWindow } from './window-score';

export interface DailySummary {
  /** UTC midnight, Unix seconds. */
  dayUnixSeconds: number;
  /** Highest window score of the day (weighted seconds × transmission weight). */
  maximumScore: number;
  scoreSum: number;
  /** Σ attenuation-weighted seconds of the day's counted windows (before transmission weights). */
  weightedDurationSum: number;
  /** Windows that counted. */
  windowCount: number;
}

/** Days with at least one counted window, oldest first. */
export function scoreExposureWindows(windows: readonly ExposureWindow[], config: RiskConfiguration): DailySummary[] {
  validateRiskConfiguration(config);
  const days = new Map<number, DailySummary>();
  for (const window of windows) {
    const s = scoreExposureWindow(window, config);
    if (!s) continue;
    let day = days.get(window.dayUnixSeconds);
    if (!day) {
      day = {
        dayUnixSeconds: window.dayUnixSeconds,
        maximumScore: 0,
        scoreSum: 0,
        weightedDurationSum: 0,
        windowCount: 0,
      };
      days.set(window.dayUnixSeconds, day);
    }
    day.maximumScore = Math.max(day.maximumScore, s.score);
    day.scoreSum += s.score;
    day.weightedDurationSum += s.weightedDurationSeconds;
    day.windowCount++;
  }
  return [...days.values()].sort((a, b) => a.dayUnixSeconds - b.dayUnixSeconds);
}
