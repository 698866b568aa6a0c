/**
 * How many distinct identifiers each of the phone's scans heard. The proximity estimator uses
 * it twice: a scan that heard others but not a matched key is evidence that key's phone was
 * out of range then, and how many it heard says how crowded the place was (a phone among twenty
 * has no more people within 2 m than one among eight: `crowdCloseCount`). Counted on the phone
 * from its own stored scans; only counts, no identifier, and nothing of it leaves the phone.
 */
import { heardPerSlot } from '@bluezone/protocol';
import type { ScanRecord } from '../storage/client-store';

export interface ScanCount {
  /** Start of the scan slot, ms. */
  timeMs: number;
  /** Distinct rolling identifiers heard in it. */
  heard: number;
}

/** The census of stored scans, one entry per scan slot that heard anyone, in time order. */
export function scanCensusOf(records: readonly ScanRecord[]): ScanCount[] {
  return heardPerSlot(records.map((r) => ({ slotMs: r.scanTimeMs, transmitter: String.fromCharCode(...r.rpi) })));
}

/**
 * How far around a key's readings its scans are kept for a preview (simulation.ts records each
 * matched key with them): wide enough that an edited `maxGapMinutes` still sees the scans on
 * both sides of every encounter.
 */
const AROUND_MS = 3 * 3_600_000;

/** The census entries within `AROUND_MS` of the readings' first and last time. */
export function scansAround(census: readonly ScanCount[], readings: readonly { timeMs: number }[]): ScanCount[] {
  if (readings.length === 0) return [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of readings) {
    first = Math.min(first, r.timeMs);
    last = Math.max(last, r.timeMs);
  }
  return census.filter((c) => c.timeMs >= first - AROUND_MS && c.timeMs <= last + AROUND_MS);
}
