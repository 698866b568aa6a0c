/**
 * A report table (header and a value per column for each row) written as CSV (csv-stringify) or
 * as an XLSX sheet (write-excel-file): the coverage, drives and businesses reports share it, so
 * their files read alike — a bold header row, yes/no for booleans, empty cells for null.
 */
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';

export type Cell = string | number | boolean | null;

/** A share rounded to four decimals (0.0003 is 0.03 %), as the reports print them. */
export const ratio = (x: number): number => Math.round(x * 10_000) / 10_000;
export type Column<T> = readonly [header: string, value: (row: T) => Cell];

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

export function sheet<T>(name: string, columns: readonly Column<T>[], rows: readonly T[]): Sheet {
  return { name, header: columns.map(([h]) => h), rows: rows.map((r) => columns.map(([, v]) => v(r))) };
}

export function csvFile(s: Sheet): Buffer {
  return Buffer.from(
    stringify(
      s.rows.map((r) => r.map((c) => (c === null ? '' : c))),
      { header: true, columns: s.header, cast: { boolean: (b) => (b ? 'yes' : 'no') } },
    ),
  );
}

export function xlsxFile(sheets: readonly Sheet[]): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: [
        s.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
        ...s.rows.map((r) => r.map((c) => (c === null ? null : { value: c }))),
      ],
    })),
  ).toBuffer();
}
