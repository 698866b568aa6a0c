/**
 * Units of the rollout: the district → communes/town → villages tree, and organisations
 * (agencies, schools, businesses, the Youth Union, telecom branches, the health centre)
 * attached to a commune or the district. Each has a target group with a size and a target share.
 */
import { unitsApi } from '@bluezone/protocol/api';
import { RolloutError } from '../rollout-error';

// The kinds, target groups and the unit's fields are the contract's (@bluezone/protocol/api rollout/units.ts).
export const AREA_KINDS = unitsApi.AREA_KINDS;
export const ORGANISATION_KINDS = unitsApi.ORGANISATION_KINDS;
export const UNIT_KINDS = unitsApi.UNIT_KINDS;
export type UnitKind = unitsApi.UnitKind;

export const TARGET_GROUPS = unitsApi.TARGET_GROUPS;
export type TargetGroup = unitsApi.TargetGroup;

/**
 * 60 %: the adoption level modelling studies named for app-based tracing to control spread
 * on its own (Hinch et al., "Effective configurations of a digital contact tracing app",
 * University of Oxford, 2020). Lower shares still help; this is the default target.
 */
export const DEFAULT_TARGET_SHARE = 0.6;

export type Unit = unitsApi.Unit;

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** Which kinds may sit under which: keeps the tree a district → commune → village shape. */
const ALLOWED_PARENTS: Record<UnitKind, readonly (UnitKind | null)[]> = {
  district: [null],
  commune: ['district'],
  town: ['district'],
  village: ['commune', 'town'],
  agency: ['district', 'commune', 'town'],
  school: ['district', 'commune', 'town'],
  business: ['commune', 'town', 'village'],
  youth_union: ['district', 'commune', 'town'],
  telecom: ['district', 'commune', 'town'],
  health: ['district', 'commune', 'town'],
};

export function parentAllowed(kind: UnitKind, parentKind: UnitKind | null): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

export function isUnitKind(s: string): s is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(s);
}

export type AreaKind = (typeof AREA_KINDS)[number];

/** Areas (district, commune, town, village) are where people live; the other kinds are organisations. */
export function isAreaKind(kind: string): kind is AreaKind {
  return (AREA_KINDS as readonly string[]).includes(kind);
}

export function isTargetGroup(s: string): s is TargetGroup {
  return (TARGET_GROUPS as readonly string[]).includes(s);
}

export function defaultTargetGroup(kind: UnitKind): TargetGroup {
  if (kind === 'school') return 'students';
  if (kind === 'business') return 'customers';
  if ((AREA_KINDS as readonly string[]).includes(kind)) return 'residents';
  return 'staff';
}

export function assertUnitCode(code: string): void {
  if (!UNIT_CODE.test(code)) {
    throw new RolloutError('invalid_input', `unit code must be 2–32 of A–Z, 0–9 and "-", got "${code}"`);
  }
}

/** Codes of `root` and everything under it, from a parent map. */
export function subtreeCodes(root: string, units: Iterable<Pick<Unit, 'code' | 'parentCode'>>): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    const list = children.get(u.parentCode) ?? [];
    list.push(u.code);
    children.set(u.parentCode, list);
  }
  const out = new Set<string>([root]);
  const stack = [root];
  for (let code = stack.pop(); code !== undefined; code = stack.pop()) {
    for (const c of children.get(code) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}
