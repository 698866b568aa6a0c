/**
 * Quiet hours: no reminder goes out at night. Times are wall-clock in the district's zone
 * (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), so a window like 21:00–07:00 wraps midnight.
 */
import { RolloutError } from '../rollout-error';

export interface QuietHours {
  /** "HH:MM", start of the quiet window. */
  start: string;
  /** "HH:MM", end of the quiet window (exclusive). */
  end: string;
  timeZone: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00', timeZone: 'Asia/Ho_Chi_Minh' };

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RolloutError('invalid_input', `quiet hours must be HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function validateQuietHours(q: QuietHours): void {
  minutesOf(q.start);
  minutesOf(q.end);
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: q.timeZone });
  } catch {
    throw new RolloutError('invalid_input', `unknown time zone "${q.timeZone}"`);
  }
}

function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

export function isQuiet(q: QuietHours, at: Date): boolean {
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  const now = localMinutes(at, q.timeZone);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** `at` itself when sending is allowed, else the first minute after the quiet window. */
export function nextAllowedTime(q: QuietHours, at: Date): Date {
  if (!isQuiet(q, at)) return at;
  const end = minutesOf(q.end);
  const now = localMinutes(at, q.timeZone);
  const wait = (end - now + 1440) % 1440;
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}
