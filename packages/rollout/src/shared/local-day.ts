/**
 * District-local calendar days. Vietnam keeps UTC+7 all year (no daylight saving), so a day
 * number is a fixed shift of UTC: coverage "per day" then means the day people live in.
 */
export const DISTRICT_UTC_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export function localDay(ms: number): number {
  return Math.floor((ms + DISTRICT_UTC_OFFSET_MS) / DAY_MS);
}

/** "2026-11-25" for a local day number. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
