/**
 * The rollout toolkit's units: the district → communes/town → villages tree and organisations
 * (agencies, schools, businesses, …) attached to it, CSV import/export, and agencies' staff
 * rosters. Every route answers within the caller's scope (a unit manager sees their subtree).
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { ARCHIVED_FILTERS, AREA_KINDS, ROSTER_STATUSES, TARGET_GROUPS, UNIT_KINDS } from '../vocabulary';

export {
  ARCHIVED_FILTERS,
  AREA_KINDS,
  type ArchivedFilter,
  ORGANISATION_KINDS,
  ROSTER_STATUSES,
  type RosterStatus,
  TARGET_GROUPS,
  type TargetGroup,
  UNIT_KINDS,
  type UnitKind,
} from '../vocabulary';

export const unit = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentCode: z.nullable(z.string()),
  targetGroup: z.enum(TARGET_GROUPS),
  /** Size of the target group (residents, staff, students or customers). */
  population: z.number(),
  /** 0 < share ≤ 1. */
  targetShare: z.number(),
  personInCharge: z.nullable(z.string()),
  /** E.164, or null. */
  contactPhone: z.nullable(z.string()),
  /**
   * When the unit was archived (ISO time), or null. An archived unit takes no new installs and
   * no import rows, is left out of default lists, and keeps its installs and history.
   */
  archivedAt: z.nullable(z.string()),
});

/**
 * An area whose own population disagrees with the sum of the areas directly under it (Thượng
 * Quảng 2,600 against its villages' 2,968): a warning, not an error — the lists may be old.
 */
export const populationWarning = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number(),
  /** The sum over the unit's area children that are not archived. */
  childrenPopulation: z.number(),
  children: z.number(),
});

export const listUnits = endpoint({
  method: 'GET',
  path: '/api/rollout/units',
  /** `archived`: `include` lists archived units too, `only` lists only them; default: left out. */
  query: z.object({ archived: z.optional(z.enum(ARCHIVED_FILTERS)) }),
  /** `warnings`: population mismatches among the listed units. */
  response: z.object({ units: z.array(unit), warnings: z.array(populationWarning) }),
});

/**
 * The health station a resident of an area calls after an exposure notification: the nearest
 * unit of kind `health` attached to the area or to an area above it (a commune's station before
 * the district's centre). `phone` is the unit's contact phone, null when none is recorded.
 */
export const healthStation = z.object({ code: z.string(), name: z.string(), phone: z.nullable(z.string()) });

/**
 * The places a resident may name as home, for the app's picker (device API key): the areas
 * (district, communes/towns, villages and neighbourhood groups) that are not archived, each with
 * its health station (null when no health unit is attached at or above it). The app keeps its
 * home's entry, so the exposure screen names the right station without another call.
 */
export const homeUnit = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(AREA_KINDS),
  parentCode: z.nullable(z.string()),
  healthStation: z.nullable(healthStation),
});

export const homeUnits = endpoint({
  method: 'GET',
  path: '/api/rollout/home-units',
  response: z.object({ units: z.array(homeUnit) }),
});

/**
 * Archives a unit: 409 `unit_has_children` while units under it are not archived. Its installs
 * stay where they are and keep counting in the units above it.
 */
export const archiveUnit = endpoint({
  method: 'POST',
  path: '/api/rollout/units/:code/archive',
  response: z.object({ unit }),
});

/** Takes an archived unit back: it lists and takes installs again. 409 `unit_archived` for its archived parent. */
export const restoreUnit = endpoint({
  method: 'POST',
  path: '/api/rollout/units/:code/restore',
  response: z.object({ unit }),
});

/** The visible units as CSV (the columns the import reads). */
export const unitsCsv = endpoint({ method: 'GET', path: '/api/rollout/units.csv', produces: 'text/csv' });

/** Body: the CSV itself. All rows are checked; any bad row → 400 `csv_invalid` listing every one. */
export const importUnits = endpoint({
  method: 'POST',
  path: '/api/rollout/units/import',
  consumes: 'text/csv',
  /** `warnings`: population mismatches in the district after the import. */
  response: z.object({ imported: z.number(), warnings: z.array(populationWarning) }),
});

export const getUnit = endpoint({
  method: 'GET',
  path: '/api/rollout/units/:code',
  response: z.object({ unit, children: z.array(unit) }),
});

export const rosterEntry = z.object({
  id: z.number(),
  name: z.string(),
  position: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  status: z.enum(ROSTER_STATUSES),
  confirmedBy: z.nullable(z.string()),
  confirmedAt: z.nullable(z.string()),
});

export const listRoster = endpoint({
  method: 'GET',
  path: '/api/rollout/units/:code/roster',
  response: z.object({ staff: z.array(rosterEntry) }),
});

export const addRosterEntry = endpoint({
  method: 'POST',
  path: '/api/rollout/units/:code/roster',
  request: z.object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    position: z.optional(z.string().check(z.maxLength(200))),
    phone: z.optional(z.string().check(z.maxLength(40))),
  }),
  response: z.object({ id: z.number() }),
});

/** The unit's manager confirms a staff member's install status. */
export const confirmRosterStatus = endpoint({
  method: 'PATCH',
  path: '/api/rollout/roster/:id',
  request: z.object({ status: z.enum(ROSTER_STATUSES) }),
  response: z.object({ id: z.number(), status: z.enum(ROSTER_STATUSES) }),
});

export type Unit = z.infer<typeof unit>;
export type PopulationWarning = z.infer<typeof populationWarning>;
export type HealthStation = z.infer<typeof healthStation>;
export type HomeUnit = z.infer<typeof homeUnit>;
export type RosterEntry = z.infer<typeof rosterEntry>;
