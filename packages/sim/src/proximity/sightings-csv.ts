/**
 * The sightings CSV `bluezone proximity` reads: one received advertisement per line,
 * `time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model`. Parsed at the
 * boundary into typed rows, with the line number in every error.
 *
 * A line with `rssi` and `tx_power` both empty is a census line: one identifier the receiver
 * heard in one scan, counted but not read (a phone outside a field test, whose key nobody has).
 * A receiver's census lines, when it has any, are its whole scan census, as a phone counts its
 * own stored scans: its scan times and how crowded each was come from them alone.
 */
import { quoteCsvField, splitCsvRecord } from '@bluezone/protocol';
import { SimError } from '../sim-error';

export const SIGHTINGS_CSV_HEADER = 'time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model';

export interface SightingRow {
  timeMs: number;
  receiver: string;
  transmitter: string;
  rssi: number;
  /** Calibrated TX power the transmitter advertised (dBm). */
  txPower: number;
  receiverModel: string;
  transmitterModel: string;
}

/** A census line: `transmitter` names one identifier (not a phone) among the receiver's. */
export interface CensusSighting {
  census: true;
  timeMs: number;
  receiver: string;
  transmitter: string;
  receiverModel: string;
}

export type SightingLine = SightingRow | CensusSighting;

export function isCensusSighting(line: SightingLine): line is CensusSighting {
  return 'census' in line;
}

export function formatSightingRow(r: SightingLine): string {
  const census = isCensusSighting(r);
  return [
    String(r.timeMs),
    quoteCsvField(r.receiver),
    quoteCsvField(r.transmitter),
    census ? '' : String(r.rssi),
    census ? '' : String(r.txPower),
    quoteCsvField(r.receiverModel),
    census ? '' : quoteCsvField(r.transmitterModel),
  ].join(',');
}

/** One record of the file (the protocol's RFC 4180 splitter); errors name the line. */
export function splitFields(line: string, lineNumber: number): string[] {
  try {
    return splitCsvRecord(line);
  } catch (err) {
    throw new SimError('invalid_csv', `line ${lineNumber}: ${(err as Error).message}`);
  }
}

export function numberField(value: string, name: string, lineNumber: number, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new SimError(
      'invalid_csv',
      `line ${lineNumber}: ${name} must be ${integer ? 'an integer' : 'a number'}, got "${value}"`,
    );
  }
  return n;
}

/** Throws unless `line` (the file's first) is the header. */
export function checkSightingsHeader(line: string): void {
  const header = line.trim().replace(/^\uFEFF/, '');
  if (header !== SIGHTINGS_CSV_HEADER) {
    throw new SimError(
      'invalid_csv',
      `line 1: header must be "${SIGHTINGS_CSV_HEADER}", got "${header.slice(0, 120)}"`,
    );
  }
}

/** One line after the header (`n`: its 1-based number, for errors) → its row; undefined for a blank line. */
export function parseSightingLine(line: string, n: number): SightingLine | undefined {
  if (line.trim() === '') return undefined;
  const f = splitFields(line, n);
  if (f.length !== 7) throw new SimError('invalid_csv', `line ${n}: expected 7 fields, got ${f.length}`);
  const [time, receiver, transmitter, rssi, tx, rxModel, txModel] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (receiver === '' || transmitter === '')
    throw new SimError('invalid_csv', `line ${n}: receiver and transmitter must not be empty`);
  const timeMs = numberField(time, 'time_ms', n, true);
  if (timeMs < 0) throw new SimError('invalid_csv', `line ${n}: time_ms must not be negative`);
  if (rssi === '' && tx === '') return { census: true, timeMs, receiver, transmitter, receiverModel: rxModel };
  const rssiValue = numberField(rssi, 'rssi', n, false);
  if (rssiValue > 20 || rssiValue < -127)
    throw new SimError('invalid_csv', `line ${n}: rssi ${rssiValue} dBm is out of range -127..20`);
  const txPower = numberField(tx, 'tx_power', n, false);
  if (txPower > 20 || txPower < -100)
    throw new SimError('invalid_csv', `line ${n}: tx_power ${txPower} dBm is out of range -100..20`);
  return {
    timeMs,
    receiver,
    transmitter,
    rssi: rssiValue,
    txPower,
    receiverModel: rxModel,
    transmitterModel: txModel,
  };
}

/** A whole file's text → its rows (`readSightingsFile` reads a file too large for one string). */
export function parseSightingsCsv(text: string): SightingLine[] {
  const lines = text.split(/\r?\n/);
  checkSightingsHeader(lines[0] ?? '');
  const rows: SightingLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    const row = parseSightingLine(lines[i] as string, i + 1);
    if (row) rows.push(row);
  }
  return rows;
}
