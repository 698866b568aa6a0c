/**
 * Per-device BLE calibration for attenuation. GAEN Bluetooth spec v1.2 and Google's EN
 * calibration list (en-calibration/): an Android receiver's RSSI plus its
 * `rssi correction` is what an iPhone would measure, and `tx` is the TX power the phone
 * advertises in its metadata. Attenuation = TX power − (RSSI + RSSI correction).
 *
 * The protocol stays portable (no file access): callers read the CSV and hand its text to
 * `parseCalibrationCsv`. The table is not bundled as a module: it is ~340 KB, changes on its
 * own schedule, and only receivers need it, once at start-up (parsing takes milliseconds).
 */
import { quoteCsvField, splitCsvRecord } from './csv-record';
import { ProtocolError } from './errors';
import { median } from './median';

export interface DeviceCalibration {
  /** dB added to the receiver's raw RSSI (Google's list: android rssi + correction = iphone rssi). */
  rssiCorrection: number;
  /** Calibrated TX power in dBm the device advertises in its metadata. */
  txPower: number;
}

export interface DeviceCalibrationEntry extends DeviceCalibration {
  oem: string;
  model: string;
  hasDirectMeasurement: boolean;
}

export interface DeviceCalibrationTable {
  entries: readonly DeviceCalibrationEntry[];
  /** Used for models the table does not list: the median of the table's columns. */
  fallback: DeviceCalibration;
  /** Model (`calibrationNameKey`: lower case, single spaces) → entry (direct measurements win over estimates on duplicate names). */
  byModel: ReadonlyMap<string, DeviceCalibrationEntry>;
  /** "oem\u0000model", both as `calibrationNameKey` gives them → entry. */
  byOemModel: ReadonlyMap<string, DeviceCalibrationEntry>;
}

/** One record of the table; errors name the line. */
function splitCsvLine(line: string, lineNumber: number): string[] {
  try {
    return splitCsvRecord(line);
  } catch (err) {
    throw new ProtocolError('invalid_config', `calibration CSV line ${lineNumber}: ${(err as Error).message}`);
  }
}

function dbField(value: string | undefined, what: string, lineNumber: number): number {
  const n = Number(value);
  if (value === undefined || !/^-?\d+$/.test(value.trim()) || n < -127 || n > 127) {
    throw new ProtocolError(
      'invalid_config',
      `calibration CSV line ${lineNumber}: ${what} must be an integer dB, got "${value}"`,
    );
  }
  return n;
}

/** Parses Google's EN calibration CSV (header: oem, model, rssi correction, tx, has direct measurement). */
export function parseCalibrationCsv(text: string): DeviceCalibrationTable {
  if (typeof text !== 'string') throw new ProtocolError('invalid_argument', 'calibration CSV must be a string');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', 1).map((h) => h.trim().toLowerCase());
  if (
    header.length !== 5 ||
    header[0] !== 'oem' ||
    header[1] !== 'model' ||
    !header[2]?.startsWith('rssi correction') ||
    !header[3]?.startsWith('tx') ||
    header[4] !== 'has direct measurement'
  ) {
    throw new ProtocolError(
      'invalid_config',
      'calibration CSV header must be: oem, model, rssi correction, tx, has direct measurement',
    );
  }
  const entries: DeviceCalibrationEntry[] = [];
  const byModel = new Map<string, DeviceCalibrationEntry>();
  const byOemModel = new Map<string, DeviceCalibrationEntry>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const f = splitCsvLine(line, i + 1);
    if (f.length !== 5) {
      throw new ProtocolError('invalid_config', `calibration CSV line ${i + 1}: expected 5 fields, got ${f.length}`);
    }
    const direct = (f[4] as string).trim().toLowerCase();
    if (direct !== 'yes' && direct !== 'no') {
      throw new ProtocolError(
        'invalid_config',
        `calibration CSV line ${i + 1}: has direct measurement must be yes or no`,
      );
    }
    const entry: DeviceCalibrationEntry = {
      oem: f[0] as string,
      model: f[1] as string,
      rssiCorrection: dbField(f[2], 'rssi correction', i + 1),
      txPower: dbField(f[3], 'tx', i + 1),
      hasDirectMeasurement: direct === 'yes',
    };
    entries.push(entry);
    const key = calibrationNameKey(entry.model);
    const existing = byModel.get(key);
    // 13 model names appear under two OEMs with different values; a measured row beats an estimate.
    if (!existing || (entry.hasDirectMeasurement && !existing.hasDirectMeasurement)) byModel.set(key, entry);
    byOemModel.set(`${calibrationNameKey(entry.oem)}\u0000${key}`, entry);
  }
  if (entries.length === 0) throw new ProtocolError('invalid_config', 'calibration CSV has no rows');
  const fallback = {
    rssiCorrection: median(entries.map((e) => e.rssiCorrection)),
    txPower: median(entries.map((e) => e.txPower)),
  };
  return { entries, fallback, byModel, byOemModel };
}

/** The header of Google's list, as `formatCalibrationCsv` writes it. */
export const CALIBRATION_CSV_HEADER =
  'oem,model,rssi correction (android rssi + rssi correction = iphone rssi),tx (as iphone would report for same power),has direct measurement';

function calibrationCsvField(value: string, what: string, row: number): string {
  if (/[\r\n]/.test(value)) {
    throw new ProtocolError('invalid_argument', `calibration row ${row}: ${what} must not hold a line break`);
  }
  return quoteCsvField(value);
}

function calibrationCsvDb(value: number, what: string, row: number): string {
  if (!Number.isInteger(value) || value < -127 || value > 127) {
    throw new ProtocolError('invalid_argument', `calibration row ${row}: ${what} must be an integer dB, got ${value}`);
  }
  return String(value);
}

/**
 * A list in Google's format (`parseCalibrationCsv` reads it back row for row): fields with a
 * comma or a quote are quoted. Throws `invalid_argument` for no rows, a line break in a name or
 * a value `parseCalibrationCsv` would refuse.
 */
export function formatCalibrationCsv(entries: readonly DeviceCalibrationEntry[]): string {
  if (entries.length === 0) throw new ProtocolError('invalid_argument', 'a calibration list needs a row');
  const lines = entries.map((e, i) =>
    [
      calibrationCsvField(e.oem, 'oem', i + 1),
      calibrationCsvField(e.model, 'model', i + 1),
      calibrationCsvDb(e.rssiCorrection, 'rssi correction', i + 1),
      calibrationCsvDb(e.txPower, 'tx', i + 1),
      e.hasDirectMeasurement ? 'yes' : 'no',
    ].join(','),
  );
  return `${[CALIBRATION_CSV_HEADER, ...lines].join('\n')}\n`;
}

/**
 * Calibration for a receiving device: exact model (case-insensitive; with `oem` when given,
 * to separate the few names two OEMs share), else the model written after its OEM as logs and
 * spreadsheets often name phones ("Samsung SM-G973F", "Google Pixel 4": the list's OEM, then a
 * model that OEM lists), else the table's median (`fallback`).
 */
export function lookupDeviceCalibration(
  table: DeviceCalibrationTable,
  model: string | undefined,
  oem?: string,
): DeviceCalibration {
  if (model === undefined) return table.fallback;
  const key = calibrationNameKey(model);
  const entry =
    (oem !== undefined && table.byOemModel.get(`${calibrationNameKey(oem)}\u0000${key}`)) ||
    table.byModel.get(key) ||
    afterOem(table, key);
  return entry ?? table.fallback;
}

/** How a model or OEM name is compared: case and runs of white space do not count. */
export function calibrationNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** "oem model" split at each space in turn (an OEM can be two words), the list's own pairing deciding. */
function afterOem(table: DeviceCalibrationTable, key: string): DeviceCalibrationEntry | undefined {
  for (let i = key.indexOf(' '); i > 0; i = key.indexOf(' ', i + 1)) {
    const entry = table.byOemModel.get(`${key.slice(0, i)}\u0000${key.slice(i + 1)}`);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * An iPhone by the names phones and logs give it ("iPhone 11", "Apple iPhone 11", "iPhone12,1"):
 * the EN list's reference receiver, whose RSSI needs no correction and which the list does not row.
 */
export function isIPhoneModel(model: string): boolean {
  return /\biphone/i.test(model);
}

/** GAEN attenuation in dB: TX power − (RSSI + RSSI correction). */
export function attenuationDb(txPowerDbm: number, rssi: number, receiver: DeviceCalibration): number {
  return txPowerDbm - (rssi + receiver.rssiCorrection);
}
