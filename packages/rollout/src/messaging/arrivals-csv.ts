/**
 * A telecom partner's arrivals as a CSV file (`phone,arrived_at`), for `bluezone rollout
 * arrivals import`: the rows become the webhook's batch, and each rejected row is pointed at by
 * its CSV line (1 = the header) as well as its index, so the partner can fix that line.
 */
import type { ProblemPointer } from '@bluezone/protocol/api';
import { RolloutError } from '../rollout-error';
import { parseCsvRecords } from '../shared/csv-records';

export interface ArrivalsCsv {
  arrivals: { phone: string; arrivedAt: string }[];
  /** The CSV line of each arrival, by index. */
  lines: number[];
}

export function parseArrivalsCsv(text: string): ArrivalsCsv {
  const records = parseCsvRecords(text);
  const header = records[0]?.record ?? {};
  const missing = ['phone', 'arrived_at'].filter((c) => !(c in header));
  if (records.length > 0 && missing.length > 0) {
    throw new RolloutError('csv_invalid', `CSV header lacks ${missing.join(', ')}`, {
      errors: missing.map((c) => ({ line: 1, field: c, code: 'csv_invalid', message: `missing column: ${c}` })),
    });
  }
  if (records.length === 0) throw new RolloutError('csv_invalid', 'the CSV has no arrivals');
  return {
    arrivals: records.map(({ record }) => ({ phone: record.phone ?? '', arrivedAt: record.arrived_at ?? '' })),
    lines: records.map(({ info }) => info.lines),
  };
}

/** The rejected rows of a batch with the CSV line each came from. */
export function withCsvLines(rejected: readonly ProblemPointer[], lines: readonly number[]): ProblemPointer[] {
  return rejected.map((r) => (r.index === undefined ? r : { ...r, line: lines[r.index] ?? 0 }));
}
