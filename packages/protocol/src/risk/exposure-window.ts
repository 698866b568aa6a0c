/**
 * The EN v2 exposure model (Google EN API `ExposureWindow` / `ScanInstance`; Apple
 * `ENExposureWindow` / `ENScanInstance`): matching turns the sightings of one diagnosis key
 * into windows of at most 30 minutes, each a list of scan instances. A window says nothing
 * about which key it came from — only what risk scoring needs.
 */
import type { ReportType } from '../temporary-exposure-key';
import type { Infectiousness } from './infectiousness';

/** GAEN windows last at most 30 minutes (EN API `ExposureWindow`). */
export const EXPOSURE_WINDOW_MAX_SECONDS = 30 * 60;

export interface ScanInstance {
  /** Aggregate (mean, rounded) attenuation of the advertisements seen in this scan, dB. */
  typicalAttenuationDb: number;
  /** Lowest attenuation seen in this scan, dB. */
  minAttenuationDb: number;
  /** Seconds since the previous scan: the duration this scan stands for. */
  secondsSinceLastScan: number;
}

export interface ExposureWindow {
  /** UTC midnight of the day the window starts, Unix seconds. */
  dayUnixSeconds: number;
  reportType: ReportType;
  infectiousness: Infectiousness;
  /** Transmitter's TX-power calibration confidence from its metadata, 0 (none) … 3 (high); lowest seen. */
  calibrationConfidence: number;
  scanInstances: ScanInstance[];
}
