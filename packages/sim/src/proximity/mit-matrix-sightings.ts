/**
 * Turns the MIT Matrix logs into the sightings CSV and the ground truth `bluezone proximity`
 * is scored against.
 *
 * The logs are 2-minute continuous recordings (about 25 readings a second) at one fixed
 * distance, while a GAEN phone scans for about 4 seconds every 5 minutes and hears one
 * advertisement per 200–270 ms (GAEN Bluetooth spec v1.2 §"Scanning" and §"Advertising").
 * So each consecutive 4-second slice of a log becomes one scan, readings thinned to one per
 * 250 ms, and the scans are laid out 5 minutes apart: a 2-minute log stands for a pair that
 * stood at that distance, carried that way, for about 2.5 hours. Each log is its own pair
 * (transmitter id `<scenario>@<feet>ft`), so the truth is simply its distance: close (< 2 m)
 * for all of its time or for none of it.
 *
 * The phones' GAEN TX power is not in the data (the app logged −999 or the raw BLE level), so
 * the CSV carries `txPowerDbm`, a calibration constant tuned on the data (see proximity-eval).
 */
import type { MitMatrixLog } from '../radio/mit-matrix';
import type { SightingRow } from './sightings-csv';

export const SCAN_SECONDS = 4;
export const SCAN_PERIOD_SECONDS = 300;
export const ADVERTISING_INTERVAL_MS = 250;
const DAY_MS = 86_400_000;

export interface PairTruth {
  receiver: string;
  transmitter: string;
  day: string;
  distanceM: number;
  /** Minutes the pair was truly within the close distance. */
  trueCloseMinutes: number;
  /** Minutes the pair was observed (scans × scan period). */
  minutes: number;
}

export interface MitSightings {
  rows: SightingRow[];
  truth: PairTruth[];
}

export function utcDay(timeMs: number): string {
  return new Date(Math.floor(timeMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

export function mitMatrixSightings(
  logs: readonly MitMatrixLog[],
  txPowerDbm: number,
  closeDistanceM = 2,
): MitSightings {
  const rows: SightingRow[] = [];
  const truth: PairTruth[] = [];
  for (const log of logs) {
    if (log.readings.length === 0) continue;
    const receiver = `${log.scenario}@rx`;
    const transmitter = `${log.scenario}@${Math.round(log.distanceM / 0.3048)}ft#${log.file.slice(-16, -4)}`;
    const start = log.readings[0]?.timeMs ?? 0;
    // Start of the UTC day, so a log's 2.5 virtual hours never spill into the next day.
    const day0 = Math.floor(start / DAY_MS) * DAY_MS + 8 * 3_600_000;
    let scans = 0;
    let lastScan = -1;
    let lastKept = Number.NEGATIVE_INFINITY;
    for (const r of log.readings) {
      const offset = r.timeMs - start;
      const scan = Math.floor(offset / (SCAN_SECONDS * 1000));
      if (scan !== lastScan) {
        lastScan = scan;
        lastKept = Number.NEGATIVE_INFINITY;
        scans++;
      }
      if (r.timeMs - lastKept < ADVERTISING_INTERVAL_MS) continue;
      lastKept = r.timeMs;
      const within = offset - scan * SCAN_SECONDS * 1000;
      rows.push({
        timeMs: day0 + scan * SCAN_PERIOD_SECONDS * 1000 + within,
        receiver,
        transmitter,
        rssi: r.rssi,
        txPower: txPowerDbm,
        receiverModel: log.receiverModel,
        transmitterModel: log.transmitterModel,
      });
    }
    const minutes = (scans * SCAN_PERIOD_SECONDS) / 60;
    truth.push({
      receiver,
      transmitter,
      day: utcDay(day0),
      distanceM: log.distanceM,
      trueCloseMinutes: log.distanceM < closeDistanceM ? minutes : 0,
      minutes,
    });
  }
  rows.sort((a, b) => a.timeMs - b.timeMs || (a.transmitter < b.transmitter ? -1 : 1));
  return { rows, truth };
}
