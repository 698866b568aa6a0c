/**
 * What the exposure screen tells a notified resident, as the Corona-Warn-App and the NHS COVID-19
 * app do: days since the last exposure, how many days had one, what to do and until when, each
 * date counted from the last exposure day. The periods come from the health authority's advice
 * (`ExposureAdvice`); the app ships Vietnam's advice for close contacts as the default.
 */
import type { DayCloseEstimate } from '@bluezone/client';
import { DAY_MS } from './encounter-stats';

export type RiskLevel = 'low' | 'high';

/** The SDK's estimate of a notified day (DayCloseEstimate), as the app keeps it. */
export type ExposureEstimate = Pick<
  DayCloseEstimate,
  'closeMinutes' | 'lowCloseMinutes' | 'highCloseMinutes' | 'confidence'
>;

export interface Exposure {
  /** `YYYY-MM-DD` (UTC) of the exposure. */
  day: string;
  dayStartMs: number;
  level: RiskLevel;
  notifiedAtMs: number;
  /** Absent for a day notified before estimates were kept, or decided without one. */
  estimate?: ExposureEstimate;
}

/** What to do after an exposure, from the health authority (or the app's default). */
export interface ExposureAdvice {
  /** Days after the last high-risk exposure day to stay at home (the day itself is day 0). */
  stayHomeDays: number;
  /** Days after the last exposure day to take a test, when no symptoms came earlier. */
  testOnDay: number;
  /** Days after the last exposure day to watch for symptoms (also after low-risk days). */
  watchDays: number;
  /** The authority's own words for what to do, by language; the app's steps where absent. */
  text?: Partial<Record<'vi' | 'en', { high?: string; low?: string }>>;
}

/**
 * Vietnam's Ministry of Health kept close contacts (F1) at home for 14 days from the last
 * contact, with tests during that time (2020–2021 guidance); 14 days is also how long the phone
 * keeps keys and encounters.
 */
export const DEFAULT_EXPOSURE_ADVICE: ExposureAdvice = { stayHomeDays: 14, testOnDay: 7, watchDays: 14 };

export interface ExposureSummary {
  /** High when any notified day is high. */
  level: RiskLevel;
  /** The last exposure day of that level (`YYYY-MM-DD`). */
  lastDay: string;
  /** Whole days from the last exposure day to today (0 = today). */
  daysSince: number;
  /** Notified days within the retention (every level). */
  exposureDays: number;
  /** Stay at home to the end of this day (high), or watch for symptoms until it (low). */
  untilDay: string;
  /** Take a test on this day (high). */
  testDay: string;
  /** The test day is past: test now. */
  testNow: boolean;
  /** The stay-at-home or watching period is over. */
  over: boolean;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function exposureSummary(
  exposures: readonly Exposure[],
  nowMs: number,
  advice: ExposureAdvice = DEFAULT_EXPOSURE_ADVICE,
): ExposureSummary | null {
  if (exposures.length === 0) return null;
  const level: RiskLevel = exposures.some((e) => e.level === 'high') ? 'high' : 'low';
  const last = Math.max(...exposures.filter((e) => e.level === level).map((e) => e.dayStartMs));
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const daysSince = Math.max(0, Math.round((today - last) / DAY_MS));
  const period = level === 'high' ? advice.stayHomeDays : advice.watchDays;
  return {
    level,
    lastDay: dayOf(last),
    daysSince,
    exposureDays: new Set(exposures.map((e) => e.dayStartMs)).size,
    untilDay: dayOf(last + period * DAY_MS),
    testDay: dayOf(last + advice.testOnDay * DAY_MS),
    testNow: daysSince >= advice.testOnDay,
    over: daysSince > period,
  };
}

/** Minutes as a resident reads them: to the nearest 5 from 10 minutes on, at least 1. */
export function roundMinutes(minutes: number): number {
  if (minutes < 10) return Math.max(1, Math.round(minutes));
  return Math.round(minutes / 5) * 5;
}
