/**
 * The phone stores what it heard per RPI per scan (strongest RSSI, sum, count); the protocol's
 * matcher takes sightings and derives each scan instance's min attenuation (strongest RSSI) and
 * typical attenuation (mean). Each record becomes at most two sightings that keep both: one at
 * the strongest RSSI and one chosen so the pair's mean is the record's mean (to within the 1 dB
 * integer RSSI allows), both inside the record's scan slot.
 */
import type { Sighting } from '@bluezone/protocol';
import type { ScanRecord } from '../storage/client-store';

export function scanRecordSightings(records: readonly ScanRecord[]): Sighting[] {
  const out: Sighting[] = [];
  for (const r of records) {
    recordRssis(r).forEach((rssi, k) => {
      out.push({ timeMs: r.scanTimeMs + k, rpi: r.rpi, aem: r.aem, rssi });
    });
  }
  return out;
}

/** A record's one or two RSSIs (the strongest, then one that keeps the mean), a millisecond apart in time. */
export function recordRssis(r: { rssiMax: number; rssiSum: number; count: number }): number[] {
  if (r.count <= 1) return [r.rssiMax];
  const mean = r.rssiSum / r.count;
  return [r.rssiMax, Math.max(-127, Math.min(r.rssiMax, Math.round(2 * mean - r.rssiMax)))];
}
