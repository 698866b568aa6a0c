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
    out.push({ timeMs: r.scanTimeMs, rpi: r.rpi, aem: r.aem, rssi: r.rssiMax });
    if (r.count > 1) {
      const mean = r.rssiSum / r.count;
      const rssi = Math.max(-127, Math.min(r.rssiMax, Math.round(2 * mean - r.rssiMax)));
      out.push({ timeMs: r.scanTimeMs + 1, rpi: r.rpi, aem: r.aem, rssi });
    }
  }
  return out;
}
