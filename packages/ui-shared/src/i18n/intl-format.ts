/** Numbers and dates in a language's conventions, through the platform's Intl (browsers, Hermes, Node). */

/** Short date and time, as both apps show a time unless they ask for another form. */
export const SHORT_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };

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
