// Sightings read from a file line by line, into columns by receiver: the same rows, errors and
// line numbers as parsing the whole text, however the file's chunks fall.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatSightingRow,
  isCensusSighting,
  parseSightingsCsv,
  readSightingsFile,
  SIGHTINGS_CSV_HEADER,
  type SightingLine,
  type SightingRow,
  SightingsByReceiver,
} from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'bluezone-sightings-'));
const T0 = Date.UTC(2026, 2, 2, 9, 0);

async function readAll(path: string): Promise<SightingLine[]> {
  const rows: SightingLine[] = [];
  await readSightingsFile(path, (r) => rows.push(r));
  return rows;
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (err: Error) => err.message,
  );
}

/** A few MB of rows with multi-byte names (Vietnamese), CRLF, blank lines and quoted fields. */
function bigText(): string {
  const lines = [`\uFEFF${SIGHTINGS_CSV_HEADER}`];
  for (let i = 0; i < 40_000; i++) {
    const row: SightingRow = {
      timeMs: T0 + i * 1000,
      receiver: `Điện thoại ${i % 7}`,
      transmitter: `Người gửi "${i % 13}", phòng ${i % 3}`,
      rssi: -50 - (i % 40) - (i % 2) / 2,
      txPower: -24,
      receiverModel: i % 5 ? 'SM-G973F' : 'iPhone 11',
      transmitterModel: 'Pixel 4',
    };
    lines.push(formatSightingRow(row));
    if (i % 997 === 0) lines.push('');
  }
  return lines.join('\r\n');
}

describe('readSightingsFile', () => {
  it('gives the rows parseSightingsCsv gives of the whole text, across chunk boundaries', async () => {
    const text = bigText();
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * (1 << 20));
    const path = join(dir, 'big.csv');
    writeFileSync(path, text);
    const rows = await readAll(path);
    expect(rows).toHaveLength(40_000);
    expect(rows).toEqual(parseSightingsCsv(text));
    // With a final newline, and with \n line ends only.
    writeFileSync(path, `${text.replaceAll('\r\n', '\n')}\n`);
    expect(await readAll(path)).toEqual(rows);
  });

  it('names the same bad line as parseSightingsCsv, and refuses a wrong header', async () => {
    const lines = bigText().split('\r\n');
    lines[30_001] = '1,a,b,-60,-24,m';
    const text = lines.join('\n');
    const path = join(dir, 'bad.csv');
    writeFileSync(path, text);
    expect(() => parseSightingsCsv(text)).toThrow(/line 30002: expected 7 fields, got 6/);
    expect(await errorOf(readAll(path))).toMatch(/^line 30002: expected 7 fields, got 6/);
    writeFileSync(path, 'time,rx,tx\n1,a,b\n');
    expect(await errorOf(readAll(path))).toMatch(/^line 1: header must be/);
    writeFileSync(path, '');
    expect(await errorOf(readAll(path))).toMatch(/^line 1: header must be/);
    // A file with no line ends (a binary, a one-line JSON) stops at its first megabyte, not its end.
    writeFileSync(path, `${SIGHTINGS_CSV_HEADER}\n${'x'.repeat(3 << 20)}`);
    expect(await errorOf(readAll(path))).toMatch(/^line 2: over 1048576 characters without a line end/);
  });
});

describe('SightingsByReceiver', () => {
  it("keeps each receiver's rows as added, and lists receivers as estimateSightings orders them", async () => {
    const path = join(dir, 'store.csv');
    writeFileSync(path, bigText());
    const rows = await readAll(path);
    const store = new SightingsByReceiver();
    for (const r of rows) store.add(r);
    const receivers = [...new Set(rows.map((r) => r.receiver))].sort();
    expect(store.receivers()).toEqual(receivers);
    for (const rx of receivers) expect(store.rowsOf(rx)).toEqual(rows.filter((r) => r.receiver === rx));
    expect(store.rowsOf('nobody')).toEqual([]);
  });

  it('keeps census lines apart, by receiver, and a receiver heard only in its census has no rows', async () => {
    const path = join(dir, 'census.csv');
    const lines = [SIGHTINGS_CSV_HEADER];
    // Past the first column block (1,024 lines) of every receiver, so the columns grow.
    for (let i = 0; i < 6000; i++) {
      lines.push(`${T0 + i * 1000},rx${i % 3},tx${i % 4},-60,-24,Pixel 4,Pixel 5`);
      lines.push(`${T0 + i * 1000},rx${i % 5},#${i % 7},,,Pixel 4,`);
    }
    writeFileSync(path, lines.join('\n'));
    const all = await readAll(path);
    const store = new SightingsByReceiver();
    for (const r of all) store.add(r);
    expect(store.receivers()).toEqual(['rx0', 'rx1', 'rx2']);
    for (const rx of ['rx0', 'rx1', 'rx2', 'rx3', 'rx4']) {
      expect(store.rowsOf(rx)).toEqual(all.filter((r) => r.receiver === rx && !isCensusSighting(r)));
      expect(store.censusOf(rx)).toEqual(all.filter((r) => r.receiver === rx && isCensusSighting(r)));
      expect(store.censusOf(rx)).toHaveLength(1200);
    }
    expect(store.censusOf('nobody')).toEqual([]);
  });
});
