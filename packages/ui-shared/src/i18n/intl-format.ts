/**
 * Numbers and dates in a language's conventions, through the platform's Intl (browsers, Hermes,
 * Node). Every date either app shows goes through here: no ISO strings, no hand-made "MM-DD".
 */

/**
 * A date and time with a four-digit year: "09:30 02/12/2026" in Vietnamese, "02/12/2026, 09:30"
 * in British English. (`dateStyle: 'short'` gives "2/12/26" in vi-VN, which reads badly.)
 */
export const SHORT_DATE_TIME: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** A date alone: "02/12/2026". */
export const SHORT_DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/** A day on a chart axis or in a list: "2/12" (vi), "02/12" (en). */
export const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'numeric' };

export function formatNumber(locale: string, n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(n);
}

/** `value` is an ISO string, milliseconds since the epoch or a Date. */
export function formatDateTime(
  locale: string,
  value: string | number | Date,
  options: Intl.DateTimeFormatOptions = SHORT_DATE_TIME,
): string {
  return new Intl.DateTimeFormat(locale, options).format(new Date(value));
}

const DAY_LABEL = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day given as `YYYY-MM-DD` (the servers' day labels, the app's exposure days): it is
 * formatted as that day wherever the device is, never shifted by its time zone.
 */
export function formatDay(locale: string, day: string, options: Intl.DateTimeFormatOptions = SHORT_DATE): string {
  const m = DAY_LABEL.exec(day);
  if (!m) throw new RangeError(`formatDay: not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
}
