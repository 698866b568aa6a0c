/**
 * Coverage per unit and rolled up the tree. Installs count where the person lives (their home
 * area), and apart from that, as the figure of whoever brought them in:
 *
 * - an area's `members` are installs of people living in it or in the areas under it;
 * - an organisation's or business's `members` are the installs it brought in through its own QR
 *   (its staff, students or customers), measured against its own target group — they count at
 *   their homes in the areas, so an area never adds its organisations' members (no install
 *   counts twice in one figure);
 * - `broughtIn` is what a unit and everything under it brought in: relatives invited by the
 *   installs it is credited with, and the installs of the drives it ran.
 *
 * Shares, targets and the active share (tracing reported on in the last 7 days) follow
 * `members`. Population warnings compare areas with the areas under them. Archived units are
 * left out of the list unless asked for; their installs keep counting in the units above them.
 * Counting happens in SQL per unit (coverage-repository.ts); the roll-up walks the unit tree in
 * memory (a district has hundreds of units, not millions).
 */
import type { coverageApi } from '@bluezone/protocol/api';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { dayLabel, localDay } from '../shared/local-day';
import { childrenPopulations, populationWarnings } from '../units/population-check';
import { isAreaKind, subtreeCodes, type Unit } from '../units/unit';
import { type ArchivedFilter, filterArchived } from '../units/unit-archive';
import { listUnits } from '../units/units-repository';
import { activeInstallsPerDay, broughtInPerUnit, installsPer, newInstallsPerDay } from './coverage-repository';

export const ACTIVE_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** The report's shapes are the contract's (@bluezone/protocol/api rollout/coverage.ts). */
export type UnitCoverage = coverageApi.UnitCoverage;
export type CoverageTrendDay = coverageApi.CoverageTrendDay;
export type CoverageReport = coverageApi.CoverageReport;

interface Counts {
  members: number;
  broughtIn: number;
  active: number;
}

export async function coverageReport(
  db: RolloutDb,
  now: number,
  options: { root?: string; trendDays?: number; archived?: ArchivedFilter } = {},
): Promise<CoverageReport> {
  const units = await listUnits(db);
  const rootCode = options.root ?? units.find((u) => u.parentCode === null)?.code;
  const root = units.find((u) => u.code === rootCode);
  if (rootCode === undefined || !root) {
    throw new RolloutError('unknown_unit', `no unit with code ${options.root ?? '(root)'}`);
  }
  const inTree = subtreeCodes(rootCode, units);
  const activeSince = now - ACTIVE_WINDOW_DAYS * DAY_MS;

  const atHome = await installsPer(db, 'unit_code', activeSince);
  const via = await installsPer(db, 'via_unit_code', activeSince);
  const credited = await broughtInPerUnit(db);

  const childrenOf = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    childrenOf.set(u.parentCode, [...(childrenOf.get(u.parentCode) ?? []), u]);
  }
  const rolled = new Map<string, Counts>();
  const rollUp = (u: Unit): Counts => {
    const own = (isAreaKind(u.kind) ? atHome : via).get(u.code) ?? { installs: 0, active: 0 };
    const total = { members: own.installs, active: own.active, broughtIn: credited.get(u.code) ?? 0 };
    for (const child of childrenOf.get(u.code) ?? []) {
      const c = rollUp(child);
      total.broughtIn += c.broughtIn;
      // An organisation's members live in areas and count there already.
      if (isAreaKind(u.kind) && isAreaKind(child.kind)) {
        total.members += c.members;
        total.active += c.active;
      }
    }
    rolled.set(u.code, total);
    return total;
  };
  rollUp(root);

  const childrenPopulation = childrenPopulations(units);
  const out: UnitCoverage[] = [];
  for (const u of filterArchived(units, options.archived)) {
    if (!inTree.has(u.code)) continue;
    const c = rolled.get(u.code) ?? { members: 0, broughtIn: 0, active: 0 };
    const share = u.population > 0 ? c.members / u.population : 0;
    out.push({
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentCode: u.parentCode,
      population: u.population,
      targetShare: u.targetShare,
      target: Math.ceil(u.population * u.targetShare - 1e-9),
      members: c.members,
      broughtIn: c.broughtIn,
      active: c.active,
      share,
      activeShare: u.population > 0 ? c.active / u.population : 0,
      belowTarget: u.population > 0 && share < u.targetShare,
      childrenPopulation: childrenPopulation.get(u.code)?.population ?? null,
      archived: u.archivedAt !== null,
    });
  }

  const today = localDay(now);
  const trendDays = options.trendDays ?? 14;
  const firstDay = today - trendDays + 1;
  const scope = isAreaKind(root.kind) ? { home: [...inTree] } : { via: root.code };
  const newInstalls = await newInstallsPerDay(db, firstDay, scope);
  const active = await activeInstallsPerDay(db, firstDay, scope);
  const trend: CoverageTrendDay[] = [];
  for (let d = firstDay; d <= today; d++) {
    trend.push({
      day: dayLabel(d),
      newInstalls: newInstalls.get(d) ?? 0,
      active: active.get(d) ?? 0,
    });
  }

  return {
    asOf: new Date(now).toISOString(),
    root: rootCode,
    activeWindowDays: ACTIVE_WINDOW_DAYS,
    units: out,
    belowTarget: out.filter((u) => u.belowTarget && !u.archived).map((u) => u.code),
    trend,
    warnings: populationWarnings(units, inTree),
  };
}
