/**
 * What else the phone heard, as evidence of its own offset (`ProximityParameters.allHeardTxPowerSdDb`):
 * every identifier of its scans on a matched key's days but the key's own, each its own group of
 * encounters, read at the calibration list's median TX power, since an unmatched identifier's
 * metadata is encrypted. Counted on the phone from its own scans; nothing of it is stored or leaves.
 */
import {
  type AttenuationReading,
  attenuationDb,
  buildEncounters,
  type DeviceCalibration,
  type Encounter,
  type ProximityParameters,
  type ReceiverActivity,
  toHex,
} from '@bluezone/protocol';
import { DEFAULT_CALIBRATION } from '../phone-calibration';
import type { ScanRecord } from '../storage/client-store';
import { recordRssis } from './scan-record-sightings';

const DAY_MS = 86_400_000;

/** One identifier in one scan, as the phone stores it (`ScanRecord`), named by its RPI in hex. */
export interface HeardScan {
  scanTimeMs: number;
  rpi: string;
  rssiMax: number;
  rssiSum: number;
  count: number;
}

export function heardScansOf(records: readonly ScanRecord[]): HeardScan[] {
  return records.map((r) => ({
    scanTimeMs: r.scanTimeMs,
    rpi: toHex(r.rpi),
    rssiMax: r.rssiMax,
    rssiSum: r.rssiSum,
    count: r.count,
  }));
}

export class HeardEvidence {
  /** Per UTC day, each identifier's readings. */
  readonly #byDay = new Map<number, Map<string, AttenuationReading[]>>();
  /** Each (day, identifier)'s encounters, built when first asked for. */
  readonly #encounters = new Map<string, Encounter[]>();

  constructor(
    scans: Iterable<HeardScan>,
    receiver: DeviceCalibration,
    private readonly parameters: ProximityParameters,
    private readonly activity: ReceiverActivity | undefined,
  ) {
    for (const s of scans) {
      const day = Math.floor(s.scanTimeMs / DAY_MS);
      let ofDay = this.#byDay.get(day);
      if (!ofDay) {
        ofDay = new Map();
        this.#byDay.set(day, ofDay);
      }
      let readings = ofDay.get(s.rpi);
      if (!readings) {
        readings = [];
        ofDay.set(s.rpi, readings);
      }
      recordRssis(s).forEach((rssi, k) => {
        readings.push({
          timeMs: s.scanTimeMs + k,
          attenuationDb: attenuationDb(DEFAULT_CALIBRATION.txPower, rssi, receiver),
        });
      });
    }
  }

  /** The encounters of every identifier heard on the days of `readings`, but those in `own` (a key's RPIs, hex). */
  around(readings: readonly { timeMs: number }[], own: ReadonlySet<string>): Encounter[][] {
    const days = new Set(readings.map((r) => Math.floor(r.timeMs / DAY_MS)));
    const out: Encounter[][] = [];
    for (const day of [...days].sort((a, b) => a - b)) {
      for (const [rpi, heard] of this.#byDay.get(day) ?? []) {
        if (own.has(rpi)) continue;
        const id = `${day} ${rpi}`;
        let encounters = this.#encounters.get(id);
        if (!encounters) {
          encounters = buildEncounters(heard, this.parameters, this.activity);
          this.#encounters.set(id, encounters);
        }
        out.push(encounters);
      }
    }
    return out;
  }
}
