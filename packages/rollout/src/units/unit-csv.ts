/**
 * Units and populations as CSV, for districts that keep their lists in spreadsheets.
 * Import is all-or-nothing: every bad row is reported with its line number and nothing is
 * imported while any row is wrong.
 */
import { stringify } from 'csv-stringify/sync';
import { RolloutError } from '../rollout-error';
import { parseCsvRecords } from '../shared/csv-records';
import { normalizeVnPhone } from '../shared/vn-phone';
import {
  assertUnitCode,
  DEFAULT_TARGET_SHARE,
  defaultTargetGroup,
  isTargetGroup,
  isUnitKind,
  parentAllowed,
  UNIT_KINDS,
  type Unit,
  type UnitKind,
} from './unit';

export const UNIT_CSV_COLUMNS = [
  'code',
  'name',
  'kind',
  'parent_code',
  'target_group',
  'population',
  'target_share',
  'person_in_charge',
  'contact_phone',
] as const;

export interface CsvRowError {
  line: number;
  message: string;
}

export function unitsToCsv(units: readonly Unit[]): string {
  return stringify(
    units.map((u) => [
      u.code,
      u.name,
      u.kind,
      u.parentCode ?? '',
      u.targetGroup,
      u.population,
      u.targetShare,
      u.personInCharge ?? '',
      u.contactPhone ?? '',
    ]),
    { header: true, columns: [...UNIT_CSV_COLUMNS] },
  );
}

/** "0.6", "60%" or "60 %" → 0.6. */
function parseShare(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]) / (m[2] ? 100 : 1);
  return n > 0 && n <= 1 ? n : undefined;
}

/**
 * Parses and checks a units CSV. `existing` are units already stored, which rows may name as
 * parents (and which a row with the same code updates). Throws `csv_invalid` listing every
 * bad row, or returns the units to upsert.
 */
export function parseUnitsCsv(
  text: string,
  existing: readonly Pick<Unit, 'code' | 'kind' | 'parentCode'>[] = [],
): Unit[] {
  const records = parseCsvRecords(text);
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['code', 'name', 'kind', 'parent_code', 'population'].filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    throw new RolloutError('csv_invalid', `CSV header lacks column(s): ${missing.join(', ')}`, {
      errors: [{ line: 1, message: `missing column(s): ${missing.join(', ')}` }],
    });
  }

  const errors: CsvRowError[] = [];
  const units: Unit[] = [];
  const lineOf = new Map<string, number>();
  for (const { record: r, info } of records) {
    const line = info.lines;
    const problems: string[] = [];
    const code = (r.code ?? '').toUpperCase();
    try {
      assertUnitCode(code);
    } catch (e) {
      problems.push((e as Error).message);
    }
    if (lineOf.has(code)) problems.push(`code ${code} repeats line ${lineOf.get(code)}`);
    const name = r.name ?? '';
    if (name === '') problems.push('name is empty');
    const kind = r.kind ?? '';
    if (!isUnitKind(kind)) problems.push(`kind "${kind}" is not one of ${UNIT_KINDS.join(', ')}`);
    const population = Number(r.population);
    if (!/^\d+$/.test(r.population ?? '') || !Number.isSafeInteger(population)) {
      problems.push(`population "${r.population ?? ''}" is not a whole number`);
    }
    const groupText = r.target_group ?? '';
    if (groupText !== '' && !isTargetGroup(groupText)) problems.push(`target_group "${groupText}" is unknown`);
    const shareText = r.target_share ?? '';
    const share = shareText === '' ? DEFAULT_TARGET_SHARE : parseShare(shareText);
    if (share === undefined) problems.push(`target_share "${shareText}" must be in (0, 1] or a percentage`);
    let phone: string | null = null;
    if (r.contact_phone) {
      try {
        phone = normalizeVnPhone(r.contact_phone);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      if (code) lineOf.set(code, line);
      continue;
    }
    lineOf.set(code, line);
    const k = kind as UnitKind;
    units.push({
      code,
      name,
      kind: k,
      parentCode: r.parent_code ? r.parent_code.toUpperCase() : null,
      targetGroup: groupText === '' ? defaultTargetGroup(k) : (groupText as Unit['targetGroup']),
      population,
      targetShare: share ?? DEFAULT_TARGET_SHARE,
      personInCharge: r.person_in_charge ? r.person_in_charge : null,
      contactPhone: phone,
    });
  }

  // Parents: in the file or already stored, of an allowed kind, and no cycles.
  const kindOf = new Map<string, UnitKind>();
  const parentOf = new Map<string, string | null>();
  for (const u of existing) {
    kindOf.set(u.code, u.kind);
    parentOf.set(u.code, u.parentCode);
  }
  for (const u of units) {
    kindOf.set(u.code, u.kind);
    parentOf.set(u.code, u.parentCode);
  }
  for (const u of units) {
    const line = lineOf.get(u.code) ?? 0;
    if (u.parentCode !== null && !kindOf.has(u.parentCode)) {
      errors.push({ line, message: `parent_code ${u.parentCode} is not a known unit` });
      continue;
    }
    const parentKind = u.parentCode === null ? null : (kindOf.get(u.parentCode) ?? null);
    if (!parentAllowed(u.kind, parentKind)) {
      errors.push({ line, message: `a ${u.kind} cannot sit under ${parentKind ?? 'nothing (top level)'}` });
      continue;
    }
    const seen = new Set<string>([u.code]);
    for (let p = u.parentCode; p !== null && p !== undefined; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) {
        errors.push({ line, message: `parent_code ${u.parentCode} makes a cycle` });
        break;
      }
      seen.add(p);
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new RolloutError(
      'csv_invalid',
      `${errors.length} bad row(s), nothing imported: ${errors.map((e) => `line ${e.line}: ${e.message}`).join(' | ')}`,
      { errors },
    );
  }
  return units;
}
