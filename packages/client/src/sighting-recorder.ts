/**
 * The scanner's side of GAEN: raw BLE sightings in, scan instances out.
 *
 * GAEN phones scan about every 5 minutes for about 4 seconds (Bluetooth spec v1.2 §"Scanning";
 * the ExposureWindow API reports each as a ScanInstance with min and typical attenuation and
 * secondsSinceLastScan). Here every sighting is assigned to the 5-minute scan slot it fell in,
 * and the store merges all sightings of one RPI in one slot (strongest and mean RSSI, count), so
 * a radio that reports continuously yields the same shape as a duty-cycled one.
 * Malformed payloads are dropped and counted, never stored; data older than 14 days is pruned.
 */
import { type Clock, decodeServiceData, type Sighting, validateSighting } from '@bluezone/protocol';
import type { ClientStore, SightingObservation } from './storage/client-store';

export const SCAN_PERIOD_MS = 5 * 60_000;
export const SIGHTING_RETENTION_DAYS = 14;
const DAY_MS = 86_400_000;
const FLUSH_THRESHOLD = 512;

/** What a BLE transport reports: either the raw 0xFD6F service data or already-split fields. */
export type RawSighting =
  | { serviceData: Uint8Array; rssi: number; timeMs: number }
  | { rpi: Uint8Array; aem: Uint8Array; rssi: number; timeMs: number };

export interface SightingStats {
  recorded: number;
  malformed: number;
}

export interface SightingRecorderOptions {
  store: ClientStore;
  clock: Clock;
  /** Scan slot length; default 5 minutes (GAEN's scan interval). */
  scanPeriodMs?: number;
}

export class SightingRecorder {
  readonly stats: SightingStats = { recorded: 0, malformed: 0 };
  readonly #o: SightingRecorderOptions;
  readonly #scanPeriodMs: number;
  #buffer: SightingObservation[] = [];
  #writing: Promise<void> = Promise.resolve();

  constructor(options: SightingRecorderOptions) {
    this.#o = options;
    this.#scanPeriodMs = options.scanPeriodMs ?? SCAN_PERIOD_MS;
  }

  get scanPeriodMs(): number {
    return this.#scanPeriodMs;
  }

  /** Accepts one sighting; returns false (and counts it) when it is malformed. */
  record(raw: RawSighting): boolean {
    let sighting: Sighting;
    try {
      const { rpi, aem } = 'serviceData' in raw ? decodeServiceData(raw.serviceData) : raw;
      sighting = { rpi, aem, rssi: raw.rssi, timeMs: raw.timeMs };
      validateSighting(sighting);
    } catch {
      this.stats.malformed++;
      return false;
    }
    this.stats.recorded++;
    this.#buffer.push({
      rpi: sighting.rpi.slice(),
      aem: sighting.aem.slice(),
      scanTimeMs: Math.floor(sighting.timeMs / this.#scanPeriodMs) * this.#scanPeriodMs,
      rssi: sighting.rssi,
    });
    if (this.#buffer.length >= FLUSH_THRESHOLD) void this.flush().catch(() => {});
    return true;
  }

  /** Writes buffered sightings to the store; resolves when everything recorded so far is stored. */
  flush(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    // Chained so writes land in order; a failed batch is put back for the next flush.
    this.#writing = this.#writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.#o.store.addSightings(batch);
      } catch (err) {
        this.#buffer = batch.concat(this.#buffer);
        throw err;
      }
    });
    const result = this.#writing;
    this.#writing = this.#writing.catch(() => {});
    return result;
  }

  /** Deletes scan records older than 14 days; returns how many. */
  async prune(): Promise<number> {
    await this.flush();
    return this.#o.store.deleteScansBefore(this.#o.clock.now() - SIGHTING_RETENTION_DAYS * DAY_MS);
  }
}
