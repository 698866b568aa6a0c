/** How every store folds what the scanner heard into scan records: one per RPI per scan. */
import { toHex } from '@bluezone/protocol';
import type { ScanRecord, SightingObservation } from './client-store';

/** Adds `o` to `records` (keyed by RPI hex and scan time): strongest RSSI, RSSI sum and count. */
export function mergeObservation(records: Map<string, ScanRecord>, o: SightingObservation): void {
  const id = `${toHex(o.rpi)}:${o.scanTimeMs}`;
  const r = records.get(id);
  if (r === undefined) {
    records.set(id, {
      rpi: o.rpi.slice(),
      aem: o.aem.slice(),
      scanTimeMs: o.scanTimeMs,
      rssiMax: o.rssi,
      rssiSum: o.rssi,
      count: 1,
    });
  } else {
    r.rssiMax = Math.max(r.rssiMax, o.rssi);
    r.rssiSum += o.rssi;
    r.count += 1;
  }
}
