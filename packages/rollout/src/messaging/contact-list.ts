/**
 * A unit's phone list (the audience of "contacts" campaigns): from the API as JSON or from a
 * CSV file with `phone,name` columns. All or nothing: every bad entry is reported (by line in
 * CSV, by index in JSON) and nothing is saved while any is wrong.
 */
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { parseCsvRecords } from '../shared/csv-records';
import { normalizeVnPhone } from '../shared/vn-phone';
import { getUnit } from '../units/units-repository';
import { upsertContacts } from './messaging-repository';

export interface ContactInput {
  phone: string;
  name?: string | undefined;
}

export function parseContactsCsv(text: string): ContactInput[] {
  const records = parseCsvRecords(text);
  if (records.length > 0 && !('phone' in (records[0]?.record ?? {}))) {
    throw new RolloutError('csv_invalid', 'CSV header lacks the phone column', {
      errors: [{ line: 1, message: 'missing column: phone' }],
    });
  }
  const errors: { line: number; message: string }[] = [];
  const out: ContactInput[] = [];
  for (const { record, info } of records) {
    try {
      out.push({ phone: normalizeVnPhone(record.phone ?? ''), name: record.name || undefined });
    } catch (e) {
      errors.push({ line: info.lines, message: (e as Error).message });
    }
  }
  if (errors.length > 0) {
    throw new RolloutError(
      'csv_invalid',
      `${errors.length} bad row(s), nothing imported: ${errors.map((e) => `line ${e.line}: ${e.message}`).join(' | ')}`,
      { errors },
    );
  }
  return out;
}

/** Adds or renames contacts of `unitCode` in one transaction; returns how many were saved. */
export async function saveContacts(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  contacts: readonly ContactInput[],
): Promise<number> {
  await getUnit(db, unitCode);
  const errors: { index: number; message: string }[] = [];
  const rows = contacts.flatMap((k, index) => {
    try {
      return [{ phone: normalizeVnPhone(k.phone), name: k.name ?? null }];
    } catch (e) {
      errors.push({ index, message: (e as Error).message });
      return [];
    }
  });
  if (errors.length > 0)
    throw new RolloutError('invalid_phone', `${errors.length} bad phone number(s), none added`, { errors });
  await upsertContacts(db, clock, unitCode, rows);
  return rows.length;
}
