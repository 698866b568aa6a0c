/**
 * The rollout toolkit's units: the district → communes/town → villages tree and organisations
 * (agencies, schools, businesses, …) attached to it, CSV import/export, and agencies' staff
 * rosters. Every route answers within the caller's scope (a unit manager sees their subtree).
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { ROSTER_STATUSES, TARGET_GROUPS, UNIT_KINDS } from '../vocabulary';

export {
  AREA_KINDS,
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
});

export const listUnits = endpoint({
  method: 'GET',
  path: '/api/rollout/units',
  response: z.object({ units: z.array(unit) }),
});

/** The visible units as CSV (the columns the import reads). */
export const unitsCsv = endpoint({ method: 'GET', path: '/api/rollout/units.csv', produces: 'text/csv' });

/** Body: the CSV itself. All rows are checked; any bad row → 400 `csv_invalid` listing every one. */
export const importUnits = endpoint({
  method: 'POST',
  path: '/api/rollout/units/import',
  consumes: 'text/csv',
  response: z.object({ imported: z.number() }),
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
export type RosterEntry = z.infer<typeof rosterEntry>;
