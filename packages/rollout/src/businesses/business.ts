/**
 * Businesses recommending Bluezone to their customers (order 5 of the dispatch).
 *
 * A business is a unit of kind `business`, not a table of its own: it already sits in the unit
 * tree under its commune, town or village, with a code, a name, a target group (its customers,
 * the unit's population), a target share, a person in charge and a phone; unit managers already
 * see their subtree's, the CSV import already lists them, and its install link (`?unit=CODE`) is
 * already what a QR carries. What this folder adds is what is particular to a business: adding
 * one from a form, its results (installs recommended through its counter QR: made by customers
 * who live elsewhere, so they count at their homes and as the business's own figure), and its
 * window sticker (posters/window-sticker.ts).
 */
import type { businessesApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import { ACTIVE_WINDOW_DAYS } from '../coverage/coverage';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { normalizeVnPhone } from '../shared/vn-phone';
import { installLink } from '../units/install-link';
import { assertUnitCode, DEFAULT_TARGET_SHARE, parentAllowed, type Unit } from '../units/unit';
import { assertNotArchived } from '../units/unit-archive';
import { getUnit, upsertUnits } from '../units/units-repository';
import { recommendedInstalls } from './businesses-repository';

export type Business = businessesApi.Business;

const DAY_MS = 86_400_000;

/** `<parent>-B<n>` with the first n not taken. */
export function nextBusinessCode(parentCode: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const code = `${parentCode}-B${n}`;
    if (!taken.has(code)) return code;
  }
}

/** Adds a business under `parent` (already checked to be in the caller's scope). */
export async function createBusiness(
  db: RolloutDb,
  clock: Clock,
  parent: Unit,
  units: readonly Unit[],
  req: businessesApi.BusinessRequest,
): Promise<Unit> {
  assertNotArchived(parent);
  if (!parentAllowed('business', parent.kind)) {
    throw new RolloutError('invalid_input', `a business sits under a commune, town or village, not a ${parent.kind}`);
  }
  const taken = new Set(units.map((u) => u.code));
  const code = req.code ? req.code.trim().toUpperCase() : nextBusinessCode(parent.code, taken);
  assertUnitCode(code);
  if (taken.has(code)) throw new RolloutError('conflict', `unit code ${code} is taken`);
  const business: Unit = {
    code,
    name: req.name.trim(),
    kind: 'business',
    parentCode: parent.code,
    targetGroup: 'customers',
    population: req.customers ?? 0,
    targetShare: DEFAULT_TARGET_SHARE,
    personInCharge: req.personInCharge?.trim() || null,
    contactPhone: req.contactPhone ? normalizeVnPhone(req.contactPhone) : null,
    archivedAt: null,
  };
  await upsertUnits(db, [business], clock);
  return getUnit(db, code);
}

/** The results of the businesses among `units`, in their order. */
export async function businessResults(
  db: RolloutDb,
  now: number,
  businesses: readonly Unit[],
  units: readonly Unit[],
  installBaseUrl: string,
): Promise<Business[]> {
  const counts = await recommendedInstalls(
    db,
    businesses.map((b) => b.code),
    now - ACTIVE_WINDOW_DAYS * DAY_MS,
    now - 7 * DAY_MS,
  );
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  return businesses.map((b) => {
    const c = counts.get(b.code) ?? { installs: 0, active: 0, recent: 0 };
    return {
      code: b.code,
      name: b.name,
      parentCode: b.parentCode ?? '',
      parentName: (b.parentCode && nameOf.get(b.parentCode)) ?? '',
      customers: b.population,
      targetShare: b.targetShare,
      target: Math.ceil(b.population * b.targetShare - 1e-9),
      recommended: c.installs,
      active: c.active,
      share: b.population > 0 ? c.installs / b.population : 0,
      lastWeek: c.recent,
      personInCharge: b.personInCharge,
      contactPhone: b.contactPhone,
      installLink: installLink(installBaseUrl, b.code),
      archivedAt: b.archivedAt,
    };
  });
}
