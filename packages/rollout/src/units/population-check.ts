/**
 * Population checks: an area's own population against the sum of the areas directly under it
 * (issue: Thượng Quảng's 2,600 was never compared with its villages' 2,968). A mismatch is a
 * warning in the API, the report and the web app, not an error: the lists come from different
 * offices and years, and the district decides which is right. Organisations under an area are
 * left out (their staff, students or customers are not residents), and so are archived units.
 */
import type { unitsApi } from '@bluezone/protocol/api';
import { AREA_KINDS, type Unit } from './unit';

export type PopulationWarning = unitsApi.PopulationWarning;

const isArea = (u: Pick<Unit, 'kind'>) => (AREA_KINDS as readonly string[]).includes(u.kind);

/** Each area's children's population: the sum over its area children that are not archived. */
export function childrenPopulations(units: readonly Unit[]): Map<string, { population: number; children: number }> {
  const out = new Map<string, { population: number; children: number }>();
  for (const u of units) {
    if (u.parentCode === null || u.archivedAt !== null || !isArea(u)) continue;
    const sum = out.get(u.parentCode) ?? { population: 0, children: 0 };
    sum.population += u.population;
    sum.children += 1;
    out.set(u.parentCode, sum);
  }
  return out;
}

/** The areas among `units` (not archived) whose population differs from their children's sum. */
export function populationWarnings(units: readonly Unit[], only?: ReadonlySet<string>): PopulationWarning[] {
  const sums = childrenPopulations(units);
  const warnings: PopulationWarning[] = [];
  for (const u of units) {
    if (u.archivedAt !== null || !isArea(u) || (only && !only.has(u.code))) continue;
    const sum = sums.get(u.code);
    if (sum === undefined || sum.population === u.population) continue;
    warnings.push({
      code: u.code,
      name: u.name,
      population: u.population,
      childrenPopulation: sum.population,
      children: sum.children,
    });
  }
  return warnings;
}
