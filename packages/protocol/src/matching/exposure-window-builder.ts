/**
 * Groups one key's matched sightings into EN v2 exposure windows (Google EN API
 * `ExposureWindow`: "a set of Bluetooth scan events … observed within a window of time of
 * at most 30 minutes"), each made of scan instances.
 *
 * A scan instance is one scan period of the receiver: the sightings of the key from the
 * first one in the period until `scanIntervalSeconds` later. Its typical attenuation is the
 * mean of those sightings' attenuations, its minimum the lowest, and it stands for one scan
 * period (`secondsSinceLastScan` = the scan interval; a receiver that heard the key in two
 * consecutive scans was near it for the time between them). A window never crosses UTC
 * midnight: GAEN reports windows per day.
 */
import { attenuationDb, type DeviceCalibration } from '../device-calibration';
import { ProtocolError } from '../errors';
import { EXPOSURE_WINDOW_MAX_SECONDS, type ExposureWindow, type ScanInstance } from '../risk/exposure-window';
import { type DiagnosisKeysDataMapping, infectiousnessOf, reportTypeOf } from '../risk/infectiousness';
import type { KeyMatch } from './key-matcher';

/**
 * GAEN phones scan for a few seconds about every 5 minutes (Google EN FAQ: "scans … every
 * 5 minutes"); a scanner with another cadence passes its own.
 */
export const DEFAULT_SCAN_INTERVAL_SECONDS = 300;
const DAY_MS = 86_400_000;

export interface ExposureWindowOptions {
  dataMapping: DiagnosisKeysDataMapping;
  /** RSSI correction of the receiving phone (by `Sighting.receiverModel`). */
  receiverCalibration: (receiverModel: string | undefined) => DeviceCalibration;
  scanIntervalSeconds: number;
}

export function validateScanInterval(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > EXPOSURE_WINDOW_MAX_SECONDS) {
    throw new ProtocolError('invalid_argument', `scanIntervalSeconds must be 1..1800, got ${seconds}`);
  }
}

export function buildExposureWindows(match: KeyMatch, options: ExposureWindowOptions): ExposureWindow[] {
  const reportType = reportTypeOf(match.key, options.dataMapping);
  const infectiousness = infectiousnessOf(match.key, options.dataMapping);
  const scanMs = options.scanIntervalSeconds * 1000;
  const windows: ExposureWindow[] = [];
  let window: ExposureWindow | undefined;
  let windowStartMs = 0;
  let scanStartMs = 0;
  let attenuations: number[] = [];

  const closeScan = () => {
    if (!window || attenuations.length === 0) return;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    for (const a of attenuations) {
      sum += a;
      if (a < min) min = a;
    }
    const scan: ScanInstance = {
      typicalAttenuationDb: Math.round(sum / attenuations.length),
      minAttenuationDb: min,
      secondsSinceLastScan: options.scanIntervalSeconds,
    };
    window.scanInstances.push(scan);
    attenuations = [];
  };

  for (const { sighting, metadata } of match.sightings) {
    const t = sighting.timeMs;
    const calibration = options.receiverCalibration(sighting.receiverModel);
    // Attenuation is a non-negative dB figure in GAEN (uint8 in the EN API).
    const attenuation = Math.max(0, Math.round(attenuationDb(metadata.txPowerDbm, sighting.rssi, calibration)));
    const newDay = window !== undefined && Math.floor(t / DAY_MS) !== Math.floor(windowStartMs / DAY_MS);
    if (!window || newDay || t - windowStartMs >= EXPOSURE_WINDOW_MAX_SECONDS * 1000) {
      closeScan();
      window = {
        dayUnixSeconds: Math.floor(t / DAY_MS) * 86_400,
        reportType,
        infectiousness,
        calibrationConfidence: metadata.calibrationConfidence,
        scanInstances: [],
      };
      windows.push(window);
      windowStartMs = t;
      scanStartMs = t;
    } else if (t - scanStartMs >= scanMs) {
      closeScan();
      scanStartMs = t;
    }
    window.calibrationConfidence = Math.min(window.calibrationConfidence, metadata.calibrationConfidence);
    attenuations.push(attenuation);
  }
  closeScan();
  return windows;
}
