/**
 * Youth Union install drives (order 3 of the dispatch): a drive is an event — a day, a place, an
 * organiser, the unit that runs it — with volunteers, each holding their own invite QR. Installs
 * from a volunteer's QR are credited to the volunteer and the drive; per-drive results and a
 * leaderboard come as JSON and as CSV/XLSX. Volunteers' names and phone numbers are kept only
 * until ROLLOUT_VOLUNTEER_RETENTION_DAYS after the drive, then erased (their figures stay).
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { REPORT_FORMATS } from '../vocabulary';

const dayLabel = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const driveRequest = z.strictObject({
  /** The unit running it: a Youth Union, or the commune or district it serves. */
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  name: text(200),
  /** The district day it is held (YYYY-MM-DD). */
  heldOn: dayLabel,
  place: text(200),
  /** Who organises it (a person or a branch), as the organisers write it. */
  organiser: text(200),
});

export const drive = z.object({
  id: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  name: z.string(),
  heldOn: z.string(),
  place: z.string(),
  organiser: z.string(),
  volunteers: z.number(),
  /** Installs brought in by its volunteers' invites. */
  installs: z.number(),
  /** Of those, installs whose app reported tracing on within the active window (7 days). */
  active: z.number(),
  createdAt: z.string(),
});

export const volunteerRequest = z.strictObject({
  name: text(200),
  /** Vietnamese mobile number, to reach the volunteer during the drive; optional. */
  phone: z.optional(z.string().check(z.maxLength(40))),
});

export const volunteer = z.object({
  id: z.number(),
  driveId: z.number(),
  /** Null once the retention period erased it (the leaderboard then says "volunteer #id"). */
  name: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  /** What the volunteer's invite link carries (`?vol=`). */
  inviteCode: z.string(),
  /** The install link with `?vol=`: the volunteer's own QR, which the app reads. */
  inviteLink: z.string(),
  installs: z.number(),
  active: z.number(),
  /** When the name and phone are erased (ISO time); null once they are. */
  personalDataUntil: z.nullable(z.string()),
});

export const createDrive = endpoint({
  method: 'POST',
  path: '/api/rollout/drives',
  request: driveRequest,
  response: z.object({ drive }),
});

export const listDrives = endpoint({
  method: 'GET',
  path: '/api/rollout/drives',
  /** `unit`: drives run by units in this subtree (default: the caller's scope). */
  query: z.object({ unit: z.optional(z.string()) }),
  response: z.object({ drives: z.array(drive) }),
});

export const getDrive = endpoint({
  method: 'GET',
  path: '/api/rollout/drives/:id',
  response: z.object({ drive, volunteers: z.array(volunteer) }),
});

export const addVolunteer = endpoint({
  method: 'POST',
  path: '/api/rollout/drives/:id/volunteers',
  request: volunteerRequest,
  response: z.object({ volunteer }),
});

/** One volunteer's place on the leaderboard (most installs first; ties share a rank). */
export const leaderboardEntry = z.object({
  rank: z.number(),
  volunteerId: z.number(),
  name: z.nullable(z.string()),
  driveId: z.number(),
  driveName: z.string(),
  installs: z.number(),
  active: z.number(),
});

export const drivesReport = z.object({
  asOf: z.string(),
  root: z.string(),
  drives: z.array(drive),
  leaderboard: z.array(leaderboardEntry),
});

/** Per-drive results and the volunteers' leaderboard for a subtree. */
export const driveResults = endpoint({
  method: 'GET',
  path: '/api/rollout/drives/results',
  query: z.object({ unit: z.optional(z.string()) }),
  response: drivesReport,
});

/** The same as a download: CSV (`table=drives`, default, or `leaderboard`), XLSX (both sheets) or JSON. */
export const driveResultsFile = endpoint({
  method: 'GET',
  path: '/api/rollout/drives/report',
  query: z.object({
    format: z.optional(z.enum(REPORT_FORMATS)),
    unit: z.optional(z.string()),
    table: z.optional(z.enum(['drives', 'leaderboard'])),
  }),
  produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/json',
});

export type DriveRequest = z.input<typeof driveRequest>;
export type Drive = z.infer<typeof drive>;
export type VolunteerRequest = z.input<typeof volunteerRequest>;
export type Volunteer = z.infer<typeof volunteer>;
export type LeaderboardEntry = z.infer<typeof leaderboardEntry>;
export type DrivesReport = z.infer<typeof drivesReport>;
