/**
 * Coverage per unit and rolled up the tree: installs (own members, plus those brought in by
 * invites, counted apart), share of the target group, active share (tracing reported on in the
 * last 7 days), a daily trend, and the units below target. Counting happens in SQL per unit
 * (coverage-repository.ts); the roll-up walks the unit tree in memory (a district has hundreds
 * of units, not millions).
 */
import type { coverageApi } from '@bluezone/protocol/api';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { dayLabel, localDay } from '../shared/local-day';
import { subtreeCodes, type Unit } from '../units/unit';
import { listUnits } from '../units/units-repository';
import { activeInstallsPerDay, installCounts, newInstallsPerDay } from './coverage-repository';

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
  options: { root?: string; trendDays?: number } = {},
): Promise<CoverageReport> {
  const units = await listUnits(db);
  const rootCode = options.root ?? units.find((u) => u.parentCode === null)?.code;
  if (rootCode === undefined || !units.some((u) => u.code === rootCode)) {
    throw new RolloutError('unknown_unit', `no unit with code ${options.root ?? '(root)'}`);
  }
  const inTree = subtreeCodes(rootCode, units);
  const activeSince = now - ACTIVE_WINDOW_DAYS * DAY_MS;

  const direct = new Map<string, Counts>();
  for (const r of await installCounts(db, activeSince)) {
    const c = direct.get(r.unitCode) ?? { members: 0, broughtIn: 0, active: 0 };
    if (r.broughtIn) c.broughtIn += r.installs;
    else {
      c.members += r.installs;
      c.active += r.active;
    }
    direct.set(r.unitCode, c);
  }

  const childrenOf = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    childrenOf.set(u.parentCode, [...(childrenOf.get(u.parentCode) ?? []), u]);
  }
  const rolled = new Map<string, Counts>();
  const rollUp = (code: string): Counts => {
    const own = direct.get(code) ?? { members: 0, broughtIn: 0, active: 0 };
    const total = { ...own };
    for (const child of childrenOf.get(code) ?? []) {
      const c = rollUp(child.code);
      total.members += c.members;
      total.broughtIn += c.broughtIn;
      total.active += c.active;
    }
    rolled.set(code, total);
    return total;
  };
  rollUp(rootCode);

  const out: UnitCoverage[] = [];
  for (const u of units) {
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
    });
  }

  const today = localDay(now);
  const trendDays = options.trendDays ?? 14;
  const firstDay = today - trendDays + 1;
  const codes = [...inTree];
  const newInstalls = await newInstallsPerDay(db, firstDay, codes);
  const active = await activeInstallsPerDay(db, firstDay, codes);
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
    belowTarget: out.filter((u) => u.belowTarget).map((u) => u.code),
    trend,
  };
}
