/**
 * Exposure classification per day, as Corona-Warn-App does it ("normalized time per day to
 * risk level mapping"): the day's score sum in weighted minutes against a threshold.
 */
import type { DailySummary } from './daily-summary';
import type { RiskConfiguration } from './risk-configuration';

/** 'none': nothing counted that day; 'low': encounters below the threshold; 'high': at or above it. */
export type RiskLevel = 'none' | 'low' | 'high';

export function classifyDay(summary: DailySummary | undefined, config: RiskConfiguration): RiskLevel {
  if (!summary || summary.windowCount === 0) return 'none';
  return summary.scoreSum / 60 >= config.highRiskMinutesPerDay ? 'high' : 'low';
}

/** The overall level over several days: the highest (CWA "total risk"). */
export function classifyDays(summaries: readonly DailySummary[], config: RiskConfiguration): RiskLevel {
  let level: RiskLevel = 'none';
  for (const s of summaries) {
    const l = classifyDay(s, config);
    if (l === 'high') return 'high';
    if (l === 'low') level = 'low';
  }
  return level;
}
