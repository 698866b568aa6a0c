/**
 * `bluezone proximity`: real sightings (CSV rows, no RPIs) → one verdict per (receiver,
 * transmitter, UTC day), through exactly the code a phone runs after a match: the protocol's
 * exposure-window builder (scan instances of 5 minutes, windows of ≤ 30 minutes, never across
 * midnight) and its risk scorer with a given configuration. Each transmitter is treated as one
 * matched diagnosis key (CONFIRMED_TEST, standard infectiousness), its TX power taken from the
 * CSV as if decrypted from the AEM.
 *
 * Receiver calibration: Google's EN list defines the iPhone as the reference receiver
 * (correction 0); other models are looked up in the list, unknown ones get its median.
 */
import {
  bucketWeight,
  buildExposureWindows,
  classifyDay,
  DEFAULT_DATA_MAPPING,
  DEFAULT_SCAN_INTERVAL_SECONDS,
  type DeviceCalibration,
  type DeviceCalibrationTable,
  type ExposureWindow,
  isIPhoneModel,
  type KeyMatch,
  lookupDeviceCalibration,
  type MatchedSighting,
  ReportType,
  type RiskConfiguration,
  scoreExposureWindows,
} from '@bluezone/protocol';
import type { SightingRow } from './sightings-csv';

export interface PairDayVerdict {
  receiver: string;
  transmitter: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Minutes of scan instances in attenuation buckets the configuration weighs ≥ 0.5: its idea of "close". */
  closeMinutes: number;
  /** The day's score in weighted minutes (EN v2 score sum / 60). */
  score: number;
  /** The configuration classifies the day as high risk. */
  exposed: boolean;
}

const IPHONE_REFERENCE: DeviceCalibration = { rssiCorrection: 0, txPower: 0 };
const EMPTY16 = new Uint8Array(16);
const EMPTY4 = new Uint8Array(4);

export function receiverCalibration(table: DeviceCalibrationTable | undefined) {
  // Looked up once per model: a file of millions of readings names a few dozen phones.
  const known = new Map<string | undefined, DeviceCalibration>();
  return (model: string | undefined): DeviceCalibration => {
    let c = known.get(model);
    if (c === undefined) {
      c =
        model === undefined || isIPhoneModel(model) || table === undefined
          ? IPHONE_REFERENCE
          : lookupDeviceCalibration(table, model);
      known.set(model, c);
    }
    return c;
  };
}

function closeSeconds(windows: readonly ExposureWindow[], config: RiskConfiguration): number {
  let s = 0;
  for (const w of windows) {
    for (const scan of w.scanInstances) {
      const a = config.attenuationOf === 'min' ? scan.minAttenuationDb : scan.typicalAttenuationDb;
      if (bucketWeight(a, config) >= 0.5) s += scan.secondsSinceLastScan;
    }
  }
  return s;
}

/** One pair's sightings as the exposure windows a phone builds from one matched key. */
interface PairWindows {
  receiver: string;
  transmitter: string;
  windows: ExposureWindow[];
}

/** Every (receiver, transmitter) pair's exposure windows, each transmitter read as one matched key. */
function pairExposureWindows(rows: readonly SightingRow[], calibrationTable?: DeviceCalibrationTable): PairWindows[] {
  const pairs = new Map<string, SightingRow[]>();
  for (const r of rows) {
    const k = `${r.receiver}\u0000${r.transmitter}`;
    let list = pairs.get(k);
    if (!list) {
      list = [];
      pairs.set(k, list);
    }
    list.push(r);
  }
  const options = {
    dataMapping: DEFAULT_DATA_MAPPING,
    receiverCalibration: receiverCalibration(calibrationTable),
    scanIntervalSeconds: DEFAULT_SCAN_INTERVAL_SECONDS,
  };
  const out: PairWindows[] = [];
  for (const list of pairs.values()) {
    list.sort((a, b) => a.timeMs - b.timeMs);
    const first = list[0] as SightingRow;
    const match: KeyMatch = {
      key: {
        keyData: EMPTY16,
        rollingStartIntervalNumber: 0,
        rollingPeriod: 144,
        transmissionRiskLevel: 0,
        reportType: ReportType.ConfirmedTest,
      },
      sightings: list.map(
        (r): MatchedSighting => ({
          sighting: { timeMs: r.timeMs, rpi: EMPTY16, aem: EMPTY4, rssi: r.rssi, receiverModel: r.receiverModel },
          enin: Math.floor(r.timeMs / 600_000),
          metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 0, txPowerDbm: r.txPower },
        }),
      ),
    };
    out.push({
      receiver: first.receiver,
      transmitter: first.transmitter,
      windows: buildExposureWindows(match, options),
    });
  }
  return out;
}

/** One GAEN scan instance of a pair: its typical attenuation and the seconds it stands for. */
export interface ScanAttenuation {
  attenuationDb: number;
  seconds: number;
}

/**
 * Every pair's scan instances, built once: what a rule on typical attenuation reads, so a sweep
 * over thresholds counts instead of scoring the sightings again at each.
 */
export function scanAttenuations(
  rows: readonly SightingRow[],
  calibrationTable?: DeviceCalibrationTable,
): { receiver: string; transmitter: string; scans: ScanAttenuation[] }[] {
  return pairExposureWindows(rows, calibrationTable).map((p) => ({
    receiver: p.receiver,
    transmitter: p.transmitter,
    scans: p.windows.flatMap((w) =>
      w.scanInstances.map((s) => ({ attenuationDb: s.typicalAttenuationDb, seconds: s.secondsSinceLastScan })),
    ),
  }));
}

/** Scores every (receiver, transmitter, day) in the rows; output sorted by receiver, transmitter, day. */
export function scoreSightings(
  rows: readonly SightingRow[],
  config: RiskConfiguration,
  calibrationTable?: DeviceCalibrationTable,
): PairDayVerdict[] {
  const out: PairDayVerdict[] = [];
  for (const { receiver, transmitter, windows } of pairExposureWindows(rows, calibrationTable)) {
    const summaries = new Map(scoreExposureWindows(windows, config).map((s) => [s.dayUnixSeconds, s]));
    const days = [...new Set(windows.map((w) => w.dayUnixSeconds))].sort((a, b) => a - b);
    for (const day of days) {
      const dayWindows = windows.filter((w) => w.dayUnixSeconds === day);
      const summary = summaries.get(day);
      out.push({
        receiver,
        transmitter,
        day: new Date(day * 1000).toISOString().slice(0, 10),
        closeMinutes: closeSeconds(dayWindows, config) / 60,
        score: (summary?.scoreSum ?? 0) / 60,
        exposed: classifyDay(summary, config) === 'high',
      });
    }
  }
  out.sort((a, b) =>
    a.receiver !== b.receiver
      ? a.receiver < b.receiver
        ? -1
        : 1
      : a.transmitter !== b.transmitter
        ? a.transmitter < b.transmitter
          ? -1
          : 1
        : a.day < b.day
          ? -1
          : a.day > b.day
            ? 1
            : 0,
  );
  return out;
}
