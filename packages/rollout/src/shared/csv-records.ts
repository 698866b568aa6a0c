/**
 * The rows of an uploaded CSV (units, phone lists) with their line numbers, for all-or-nothing
 * imports that report every bad row: a byte-order mark is dropped, header names are trimmed
 * and lower-cased, and a malformed file is one `csv_invalid` error naming the line.
 */
import { parse } from 'csv-parse/sync';
import { RolloutError } from '../rollout-error';

export interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

export function parseCsvRecords(text: string): CsvRecord[] {
  try {
    return parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new RolloutError('csv_invalid', `CSV is malformed: ${e.message}`, {
      errors: [{ line: e.lines ?? 0, message: e.message }],
    });
  }
}
