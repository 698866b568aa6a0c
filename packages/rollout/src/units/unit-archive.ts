/**
 * Archiving units (issue: units could not be removed). Deleting a unit would orphan its
 * installs, rosters, checkpoints and history; archiving keeps all of it. An archived unit:
 * takes no new installs (attest answers 409 `unit_archived`) and no import rows, is left out of
 * default lists (units, coverage, businesses; `archived=include` shows it), and its installs
 * keep counting in the units above it. A unit is archived only after the units under it.
 */
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { Unit } from './unit';
import { getUnit, listUnits, setUnitArchivedAt } from './units-repository';

export type ArchivedFilter = 'include' | 'only' | undefined;

/** An `archived` query parameter; anything else is a bad request. */
export function archivedQuery(value: string | undefined): ArchivedFilter {
  if (value === undefined || value === 'include' || value === 'only') return value;
  throw new RolloutError('invalid_input', 'archived must be include or only');
}

/** The units a list shows: active ones by default. */
export function filterArchived<U extends Pick<Unit, 'archivedAt'>>(units: readonly U[], filter: ArchivedFilter): U[] {
  if (filter === 'include') return [...units];
  return units.filter((u) => (filter === 'only' ? u.archivedAt !== null : u.archivedAt === null));
}

/** Refuses a unit that is archived, for anything that would add to it. */
export function assertNotArchived(unit: Pick<Unit, 'code' | 'archivedAt'>): void {
  if (unit.archivedAt !== null) {
    throw new RolloutError('unit_archived', `unit ${unit.code} is archived and takes no new installs`);
  }
}

export async function archiveUnit(db: RolloutDb, clock: Clock, code: string): Promise<Unit> {
  const units = await listUnits(db);
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
  if (unit.archivedAt !== null) return unit;
  const active = units.filter((u) => u.parentCode === code && u.archivedAt === null).map((u) => u.code);
  if (active.length > 0) {
    throw new RolloutError(
      'unit_has_children',
      `archive the units under ${code} first: ${active.slice(0, 10).join(', ')}${active.length > 10 ? ', …' : ''}`,
    );
  }
  await setUnitArchivedAt(db, code, clock.now());
  return getUnit(db, code);
}

export async function restoreUnit(db: RolloutDb, code: string): Promise<Unit> {
  const units = await listUnits(db);
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
  const parent = units.find((u) => u.code === unit.parentCode);
  if (parent?.archivedAt) throw new RolloutError('unit_archived', `restore ${parent.code} first: it is archived`);
  await setUnitArchivedAt(db, code, null);
  return getUnit(db, code);
}
