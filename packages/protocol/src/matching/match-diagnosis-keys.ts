/**
 * On-device matching: published diagnosis keys × the phone's own sightings → exposure
 * windows. Keys are consumed one at a time from any (async) iterable, so a day's export can
 * be streamed from disk or network without holding its keys or their RPIs in memory.
 */
import type { Sighting } from '../ble-advertisement';
import type { CryptoBackend } from '../crypto/backend';
import type { DeviceCalibration } from '../device-calibration';
import type { ExposureWindow } from '../risk/exposure-window';
import { DEFAULT_DATA_MAPPING, type DiagnosisKeysDataMapping, validateDataMapping } from '../risk/infectiousness';
import type { DiagnosisKey } from '../temporary-exposure-key';
import {
  buildExposureWindows,
  DEFAULT_SCAN_INTERVAL_SECONDS,
  type ExposureWindowOptions,
  validateScanInterval,
} from './exposure-window-builder';
import { createKeyMatcher, type KeyMatch, MATCH_BATCH_SIZE } from './key-matcher';
import { buildSightingIndex, type SightingIndex } from './sighting-index';

export interface MatchOptions {
  dataMapping?: DiagnosisKeysDataMapping;
  /**
   * RSSI correction of the receiving phone, e.g. `(m) => lookupDeviceCalibration(table, m)`.
   * Default: no correction (the iPhone reference of Google's calibration list).
   */
  receiverCalibration?: (receiverModel: string | undefined) => DeviceCalibration;
  scanIntervalSeconds?: number;
}

export interface MatchResult {
  exposureWindows: ExposureWindow[];
  /** Keys with at least one sighting within tolerance, with those sightings (for diagnostics and the simulator). */
  matches: KeyMatch[];
  keysProcessed: number;
  rpisDerived: number;
}

const NO_CORRECTION: DeviceCalibration = { rssiCorrection: 0, txPower: 0 };

function prepare(backend: CryptoBackend, sightings: readonly Sighting[] | SightingIndex, options: MatchOptions) {
  const windowOptions: ExposureWindowOptions = {
    dataMapping: options.dataMapping ?? DEFAULT_DATA_MAPPING,
    receiverCalibration: options.receiverCalibration ?? (() => NO_CORRECTION),
    scanIntervalSeconds: options.scanIntervalSeconds ?? DEFAULT_SCAN_INTERVAL_SECONDS,
  };
  validateDataMapping(windowOptions.dataMapping);
  validateScanInterval(windowOptions.scanIntervalSeconds);
  const index = Array.isArray(sightings) ? buildSightingIndex(sightings) : (sightings as SightingIndex);
  const matcher = createKeyMatcher(backend, index);
  const matches: KeyMatch[] = [];
  // Keys are matched in batches (one SIMD key derivation per batch); at most one batch is held.
  const batch: DiagnosisKey[] = [];
  const onMatch = (m: KeyMatch) => matches.push(m);
  const flush = () => {
    matcher.matchBatch(batch, batch.length, onMatch);
    batch.length = 0;
  };
  return {
    add(key: DiagnosisKey): void {
      batch.push(key);
      if (batch.length === MATCH_BATCH_SIZE) flush();
    },
    finish(): MatchResult {
      if (batch.length > 0) flush();
      const exposureWindows = matches.flatMap((m) => buildExposureWindows(m, windowOptions));
      return { exposureWindows, matches, keysProcessed: matcher.stats.keys, rpisDerived: matcher.stats.rpis };
    },
  };
}

/** Matches keys from a synchronous iterable (an array, a parsed export). */
export function matchDiagnosisKeysSync(
  backend: CryptoBackend,
  keys: Iterable<DiagnosisKey>,
  sightings: readonly Sighting[] | SightingIndex,
  options: MatchOptions = {},
): MatchResult {
  const run = prepare(backend, sightings, options);
  for (const key of keys) run.add(key);
  return run.finish();
}

/** Matches keys from an iterable or an async iterable (a streamed export). */
export async function matchDiagnosisKeys(
  backend: CryptoBackend,
  keys: Iterable<DiagnosisKey> | AsyncIterable<DiagnosisKey>,
  sightings: readonly Sighting[] | SightingIndex,
  options: MatchOptions = {},
): Promise<MatchResult> {
  if (Symbol.iterator in keys) return matchDiagnosisKeysSync(backend, keys, sightings, options);
  const run = prepare(backend, sightings, options);
  for await (const key of keys) run.add(key);
  return run.finish();
}
