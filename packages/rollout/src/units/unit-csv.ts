/**
 * Units and populations as CSV, for districts that keep their lists in spreadsheets.
 * Import is all-or-nothing: every bad row is reported with its line number and nothing is
 * imported while any row is wrong.
 */
import { stringify } from 'csv-stringify/sync';
import { RolloutError } from '../rollout-error';
import { type CsvRecord, parseCsvRecords } from '../shared/csv-records';
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

/** A stored unit as an import sees it; an archived one takes no rows and no children. */
export type ExistingUnit = Pick<Unit, 'code' | 'kind' | 'parentCode'> & { archivedAt?: string | null };

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
 * The rows of a units CSV, parsed, with the header checked: throws `csv_invalid` when a required
 * column is missing or the file is malformed.
 */
export function unitCsvRecords(text: string): CsvRecord[] {
  const records = parseCsvRecords(text);
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['code', 'name', 'kind', 'parent_code', 'population'].filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    throw new RolloutError('csv_invalid', `CSV header lacks column(s): ${missing.join(', ')}`, {
      errors: [{ line: 1, message: `missing column(s): ${missing.join(', ')}` }],
    });
  }
  return records;
}

/**
 * Checks a units CSV row by row, then the tree they make with the units already stored
 * (`existing`, which rows may name as parents and which a row with the same code updates).
 * Every step is linear in the rows: an import may be thousands of rows, and the checks run on
 * the server's event loop (unit-import.ts feeds the rows in batches).
 */
export class UnitCsvCheck {
  private readonly errors: CsvRowError[] = [];
  private readonly units: Unit[] = [];
  private readonly lineOf = new Map<string, number>();

  constructor(private readonly existing: readonly ExistingUnit[] = []) {}

  /** Checks one row: its own fields, and that its code has not appeared before. */
  addRow({ record: r, info }: CsvRecord): void {
    const line = info.lines;
    const problems: string[] = [];
    const code = (r.code ?? '').toUpperCase();
    try {
      assertUnitCode(code);
    } catch (e) {
      problems.push((e as Error).message);
    }
    if (this.lineOf.has(code)) problems.push(`code ${code} repeats line ${this.lineOf.get(code)}`);
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
      this.errors.push({ line, message: problems.join('; ') });
      if (code) this.lineOf.set(code, line);
      return;
    }
    this.lineOf.set(code, line);
    const k = kind as UnitKind;
    this.units.push({
      code,
      name,
      kind: k,
      parentCode: r.parent_code ? r.parent_code.toUpperCase() : null,
      targetGroup: groupText === '' ? defaultTargetGroup(k) : (groupText as Unit['targetGroup']),
      population,
      targetShare: share ?? DEFAULT_TARGET_SHARE,
      personInCharge: r.person_in_charge ? r.person_in_charge : null,
      contactPhone: phone,
      archivedAt: null,
    });
  }

  /**
   * Checks parents — in the file or already stored, of an allowed kind — and cycles, then
   * throws `csv_invalid` listing every bad row, or returns the units to upsert.
   */
  finish(): Unit[] {
    const { errors, units, lineOf } = this;
    const kindOf = new Map<string, UnitKind>();
    const parentOf = new Map<string, string | null>();
    for (const u of this.existing) {
      kindOf.set(u.code, u.kind);
      parentOf.set(u.code, u.parentCode);
    }
    for (const u of units) {
      kindOf.set(u.code, u.kind);
      parentOf.set(u.code, u.parentCode);
    }
    const cyclic = unitsReachingCycle(parentOf);
    const archived = new Set(this.existing.filter((u) => u.archivedAt).map((u) => u.code));
    for (const u of units) {
      const line = lineOf.get(u.code) ?? 0;
      if (archived.has(u.code)) {
        errors.push({ line, message: `unit ${u.code} is archived; restore it before importing it` });
        continue;
      }
      if (u.parentCode !== null && archived.has(u.parentCode)) {
        errors.push({ line, message: `parent_code ${u.parentCode} is archived` });
        continue;
      }
      if (u.parentCode !== null && !kindOf.has(u.parentCode)) {
        errors.push({ line, message: `parent_code ${u.parentCode} is not a known unit` });
        continue;
      }
      const parentKind = u.parentCode === null ? null : (kindOf.get(u.parentCode) ?? null);
      if (!parentAllowed(u.kind, parentKind)) {
        errors.push({ line, message: `a ${u.kind} cannot sit under ${parentKind ?? 'nothing (top level)'}` });
        continue;
      }
      if (cyclic.has(u.code)) errors.push({ line, message: `parent_code ${u.parentCode} makes a cycle` });
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
}

/**
 * The units whose chain of parents runs into a cycle (those on it and those below it), each
 * unit visited once: a walk stops at the first unit whose answer is already known.
 */
function unitsReachingCycle(parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const ok = new Set<string>();
  const cyclic = new Set<string>();
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let code: string | null | undefined = start;
    while (code !== null && code !== undefined && !ok.has(code) && !cyclic.has(code) && !onPath.has(code)) {
      path.push(code);
      onPath.add(code);
      code = parentOf.get(code);
    }
    // Stopped on the path itself (a new cycle) or on a unit known to lead into one.
    const bad = code !== null && code !== undefined && (onPath.has(code) || cyclic.has(code));
    for (const p of path) (bad ? cyclic : ok).add(p);
  }
  return cyclic;
}

/**
 * Parses and checks a units CSV. `existing` are units already stored, which rows may name as
 * parents (and which a row with the same code updates). Throws `csv_invalid` listing every
 * bad row, or returns the units to upsert.
 */
export function parseUnitsCsv(text: string, existing: readonly ExistingUnit[] = []): Unit[] {
  const check = new UnitCsvCheck(existing);
  for (const record of unitCsvRecords(text)) check.addRow(record);
  return check.finish();
}
