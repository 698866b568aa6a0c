/**
 * Importing units from CSV on behalf of a caller: the rows are checked (unit-csv.ts), a unit
 * manager's import is held to their subtree, then everything is stored in one transaction.
 *
 * A file may hold thousands of rows and all of this runs on the server's event loop, so every
 * step is linear in the rows and the rows are checked and written in batches, yielding to the
 * event loop between batches: other requests (`/health`, phones attesting) are served while a
 * large import runs (an import of 5,500 rows once stalled the server for 31 s).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes, type Unit } from './unit';
import { UnitCsvCheck, unitCsvRecords } from './unit-csv';
import { listUnits, upsertUnits } from './units-repository';

/** Rows checked (and written) between two turns of the event loop. */
export const IMPORT_BATCH_ROWS = 500;

/** Who imports: the whole district, or a unit manager limited to the subtree of their unit. */
export type ImportScope = { kind: 'admin' } | { kind: 'manager'; unitCode: string };

/**
 * The codes of imported units a manager of `managerUnit` may not write: their own unit, any
 * unit that is outside their subtree now (its current place), and any unit the import would
 * leave outside it (its new place). Checking only the new place let a manager move another
 * commune's unit under their own and so take it over, roster and all.
 */
export function unitsOutsideScope(
  managerUnit: string,
  existing: readonly Pick<Unit, 'code' | 'parentCode'>[],
  imported: readonly Pick<Unit, 'code' | 'parentCode'>[],
): string[] {
  const importedCodes = new Set(imported.map((u) => u.code));
  const existingCodes = new Set(existing.map((u) => u.code));
  const before = subtreeCodes(managerUnit, existing);
  const after = subtreeCodes(managerUnit, [...existing.filter((u) => !importedCodes.has(u.code)), ...imported]);
  return imported
    .filter((u) => u.code === managerUnit || !after.has(u.code) || (existingCodes.has(u.code) && !before.has(u.code)))
    .map((u) => u.code);
}

/** Checks and stores a units CSV for `scope`; all or nothing. Returns how many units were written. */
export async function importUnitsCsv(db: RolloutDb, clock: Clock, scope: ImportScope, text: string): Promise<number> {
  const existing = await listUnits(db);
  const records = unitCsvRecords(text);
  const check = new UnitCsvCheck(existing);
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % IMPORT_BATCH_ROWS === 0) await nextTurn();
    check.addRow(records[i] as (typeof records)[number]);
  }
  const imported = check.finish();
  if (scope.kind === 'manager') {
    const outside = unitsOutsideScope(scope.unitCode, existing, imported);
    if (outside.length > 0) {
      const listed = outside.slice(0, 20).join(', ') + (outside.length > 20 ? `, … (${outside.length} in all)` : '');
      throw new RolloutError('forbidden', `units outside your subtree: ${listed}`);
    }
  }
  await nextTurn();
  await upsertUnits(db, imported, clock, { batchRows: IMPORT_BATCH_ROWS, betweenBatches: () => nextTurn() });
  return imported.length;
}
