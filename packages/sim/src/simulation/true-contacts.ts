/**
 * Ground truth of detection: the app users who were closer than the contact distance for long
 * enough (the ledger's close contacts) to an uploader, on a day the uploader's keys cover.
 */
import type { SimulationResult } from './simulation';

export function trueContactPhones(r: Pick<SimulationResult, 'uploads' | 'contacts' | 'population'>): {
  phones: Set<number>;
  closeContactsBetweenPhones: number;
} {
  const hasApp = r.population.hasApp;
  const uploadDay = new Map(r.uploads.map((u) => [u.phone, u.day]));
  const phones = new Set<number>();
  let closeContactsBetweenPhones = 0;
  for (const c of r.contacts.contacts) {
    if (hasApp[c.a] !== 1 || hasApp[c.b] !== 1) continue;
    closeContactsBetweenPhones++;
    for (const [f0, f1] of [
      [c.a, c.b],
      [c.b, c.a],
    ] as const) {
      const d = uploadDay.get(f0);
      if (d !== undefined && c.day <= d && c.day > d - 14) phones.add(f1);
    }
  }
  return { phones, closeContactsBetweenPhones };
}
