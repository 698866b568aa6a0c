/** A `datetime-local` input's value (the browser's time zone) and back, for the forms that take a time. */
export function localInputValue(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The ISO time of a `datetime-local` value, or null when it is empty or not a time. */
export function isoFromLocal(value: string): string | null {
  const d = new Date(value);
  return value === '' || Number.isNaN(d.getTime()) ? null : d.toISOString();
}
