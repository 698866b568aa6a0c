/**
 * What the Home radar and the History screen show, computed on the phone from the scan records
 * the SDK keeps (never sent anywhere). Counts are of distinct rolling proximity identifiers:
 * a phone's RPI changes every 10–20 minutes (GAEN Bluetooth spec v1.2), so "nearby now" (one
 * RPI per phone) is a good count of phones, while a whole day's distinct RPIs over-count people
 * who stay near for hours. Like the original Bluezone radar, these are indications, not a
 * contact list.
 */
import type { ScanRecord } from '@bluezone/client';
import { toHex } from '@bluezone/protocol';

export const DAY_MS = 86_400_000;
/** "Nearby now": heard in the last two 5-minute scans. */
export const NEARBY_WINDOW_MS = 10 * 60_000;
/**
 * RSSI at or above which a sighting counts as close (about 2 m or less for a typical phone in
 * the open; the GAEN risk score still uses calibrated attenuation and duration, not this).
 */
export const CLOSE_RSSI_DBM = -65;

export interface DayEncounters {
  /** UTC midnight of the day. */
  dayStartMs: number;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  encounters: number;
  closeEncounters: number;
}

export interface NearbySummary {
  nearbyNow: number;
  /** Strongest recent RSSI per nearby phone, for the radar's distance rings. */
  nearbyRssi: number[];
  today: number;
}

export function dayLabel(dayStartMs: number): string {
  return new Date(dayStartMs).toISOString().slice(0, 10);
}

export function nearbySummary(scans: readonly ScanRecord[], nowMs: number): NearbySummary {
  const todayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const recent = new Map<string, number>();
  const today = new Set<string>();
  for (const s of scans) {
    const id = toHex(s.rpi);
    if (s.scanTimeMs >= todayStart) today.add(id);
    if (s.scanTimeMs >= nowMs - NEARBY_WINDOW_MS) recent.set(id, Math.max(recent.get(id) ?? -127, s.rssiMax));
  }
  return { nearbyNow: recent.size, nearbyRssi: [...recent.values()], today: today.size };
}

/** Per day (newest first): distinct RPIs heard, and those heard at least once at close range. */
export function encountersByDay(scans: readonly ScanRecord[]): DayEncounters[] {
  const days = new Map<number, { all: Set<string>; close: Set<string> }>();
  for (const s of scans) {
    const dayStartMs = Math.floor(s.scanTimeMs / DAY_MS) * DAY_MS;
    let d = days.get(dayStartMs);
    if (d === undefined) {
      d = { all: new Set(), close: new Set() };
      days.set(dayStartMs, d);
    }
    const id = toHex(s.rpi);
    d.all.add(id);
    if (s.rssiMax >= CLOSE_RSSI_DBM) d.close.add(id);
  }
  return [...days.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([dayStartMs, d]) => ({
      dayStartMs,
      day: dayLabel(dayStartMs),
      encounters: d.all.size,
      closeEncounters: d.close.size,
    }));
}
