/**
 * Which health station a resident of an area calls: the nearest unit of kind `health` attached
 * to the area or to an area above it, so a village of Thượng Quảng gets the commune's station and
 * a village of a commune without one gets the district's health centre. Archived stations are
 * skipped; among several at one level, one with a contact phone first, then by code.
 */
import type { unitsApi } from '@bluezone/protocol/api';
import type { Unit } from './unit';

export function nearestHealthStation(units: readonly Unit[], areaCode: string): unitsApi.HealthStation | null {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const stationsUnder = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.kind !== 'health' || u.archivedAt !== null || u.parentCode === null) continue;
    stationsUnder.set(u.parentCode, [...(stationsUnder.get(u.parentCode) ?? []), u]);
  }
  // Parent links come from imports: a cycle would loop, so each unit is visited once.
  const seen = new Set<string>();
  for (
    let code: string | null = areaCode;
    code !== null && !seen.has(code);
    code = byCode.get(code)?.parentCode ?? null
  ) {
    seen.add(code);
    const here = [...(stationsUnder.get(code) ?? [])].sort(
      (a, b) => Number(a.contactPhone === null) - Number(b.contactPhone === null) || a.code.localeCompare(b.code),
    );
    const station = here[0];
    if (station !== undefined) return { code: station.code, name: station.name, phone: station.contactPhone };
  }
  return null;
}
