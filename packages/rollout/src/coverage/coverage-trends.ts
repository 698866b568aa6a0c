/**
 * Coverage over a period per area (@bluezone/protocol/api rollout/coverage-trends.ts): for a unit
 * and each unit directly under it, members' installs before the period, then new ones and active
 * ones per district day. Installs count where the person lives now (`rollout_install.unit_code`),
 * from the day they were first seen, whoever brought them in, as in the coverage report's share;
 * an organisation or business under the unit gets the installs it brought in. Read-only: grouped
 * queries over the subtree (coverage-repository.ts), rolled up in memory.
 */
import type { coverageTrendsApi } from '@bluezone/protocol/api';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { dayLabel, localDay } from '../shared/local-day';
import { isAreaKind, subtreeCodes, type Unit } from '../units/unit';
import { listUnits } from '../units/units-repository';
import { activePerUnitDay, installsPerUnitDay } from './coverage-repository';

const DAY_MS = 86_400_000;
export const MAX_TREND_DAYS = 366;

export type CoverageTrends = {
  root: string;
  from: string;
  to: string;
  areas: coverageTrendsApi.AreaTrend[];
};

/** A `YYYY-MM-DD` district day as its day number (shared/local-day.ts). */
export function dayNumber(label: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  if (!Number.isInteger(n) || dayLabel(n) !== label) throw new RolloutError('invalid_input', `not a day: "${label}"`);
  return n;
}

/** The period a query asks for: `days` ending today, or `from`–`to`; at most MAX_TREND_DAYS. */
export function trendPeriod(
  now: number,
  q: { days?: string | undefined; from?: string | undefined; to?: string | undefined },
): { first: number; last: number } {
  const today = localDay(now);
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined)
      throw new RolloutError('invalid_input', 'a range needs both from and to');
    const first = dayNumber(q.from);
    const last = dayNumber(q.to);
    if (last < first) throw new RolloutError('invalid_input', 'the range ends before it starts');
    if (last - first + 1 > MAX_TREND_DAYS)
      throw new RolloutError('invalid_input', `a range is at most ${MAX_TREND_DAYS} days`);
    return { first, last };
  }
  const days = q.days === undefined ? 30 : Number(q.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS)
    throw new RolloutError('invalid_input', `days must be 1–${MAX_TREND_DAYS}`);
  return { first: today - days + 1, last: today };
}

export async function coverageTrends(
  db: RolloutDb,
  rootCode: string,
  period: { first: number; last: number },
): Promise<CoverageTrends> {
  const units = await listUnits(db);
  const root = units.find((u) => u.code === rootCode);
  if (!root) throw new RolloutError('unknown_unit', `no unit with code ${rootCode}`);
  const children = units.filter((u) => u.parentCode === rootCode);
  // Each unit of the subtree → the area (root or child) its installs count for.
  const areaOf = new Map<string, string>();
  for (const child of children) for (const code of subtreeCodes(child.code, units)) areaOf.set(code, child.code);
  areaOf.set(rootCode, rootCode);
  const codes = [...subtreeCodes(rootCode, units)];
  const { first, last } = period;
  const length = last - first + 1;

  const areas: Unit[] = [root, ...children];
  const before = new Map(areas.map((a) => [a.code, 0]));
  const fresh = new Map(areas.map((a) => [a.code, new Array<number>(length).fill(0)]));
  const active = new Map(areas.map((a) => [a.code, new Array<number>(length).fill(0)]));
  const add = (series: Map<string, number[]>, area: string, day: number, n: number) => {
    const s = series.get(area);
    if (s) s[day - first] = (s[day - first] ?? 0) + n;
  };

  for (const r of await installsPerUnitDay(db, 'unit_code', codes, last)) {
    const area = areaOf.get(r.unit_code);
    if (area === undefined) continue;
    const day = Number(r.first_seen_day);
    const n = Number(r.n);
    // The root's own series is the whole subtree; a child's, its own subtree.
    const targets = area === rootCode ? [rootCode] : [rootCode, area];
    for (const a of targets) {
      if (day < first) before.set(a, (before.get(a) ?? 0) + n);
      else add(fresh, a, day, n);
    }
  }
  for (const r of await activePerUnitDay(db, 'unit_code', codes, first, last)) {
    const area = areaOf.get(r.unit_code);
    if (area === undefined) continue;
    for (const a of area === rootCode ? [rootCode] : [rootCode, area]) add(active, a, Number(r.day), Number(r.n));
  }
  // An organisation or business directly under the unit: the installs it brought in, its own
  // series only (they live in the areas and count there).
  const organisations = children.filter((u) => !isAreaKind(u.kind)).map((u) => u.code);
  for (const r of await installsPerUnitDay(db, 'via_unit_code', organisations, last)) {
    const day = Number(r.first_seen_day);
    if (day < first) before.set(r.unit_code, (before.get(r.unit_code) ?? 0) + Number(r.n));
    else add(fresh, r.unit_code, day, Number(r.n));
  }
  for (const r of await activePerUnitDay(db, 'via_unit_code', organisations, first, last)) {
    add(active, r.unit_code, Number(r.day), Number(r.n));
  }

  return {
    root: rootCode,
    from: dayLabel(first),
    to: dayLabel(last),
    areas: areas.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      population: a.population,
      targetShare: a.targetShare,
      installsBefore: before.get(a.code) ?? 0,
      days: Array.from({ length }, (_, i) => ({
        day: dayLabel(first + i),
        newInstalls: fresh.get(a.code)?.[i] ?? 0,
        active: active.get(a.code)?.[i] ?? 0,
      })),
    })),
  };
}
