/**
 * Coverage: the app reports its install after scanning a unit's QR (or an invite link), and
 * the district sees installs per unit rolled up the tree, the trend, and the units below target.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { ARCHIVED_FILTERS, BROUGHT_IN_KINDS, REPORT_FORMATS, UNIT_KINDS } from '../vocabulary';
import { populationWarning } from './units';

export { BROUGHT_IN_KINDS, type BroughtInKind, REPORT_FORMATS, type ReportFormat } from '../vocabulary';

const code = z.string().check(z.minLength(1), z.maxLength(32));

/**
 * The app's report (device API key). The install id is random and never tied to tracing keys.
 *
 * Where the person lives and who brought the install in are separate: `homeUnitCode` (or a
 * `unitCode` naming an area: a village, neighbourhood group, commune or town) is the home,
 * where the install counts toward shares and targets; at most one of `unitCode` naming an
 * organisation or business, `referralCode` (a relative's invite) and `volunteerCode` (a drive
 * volunteer's invite) says who brought it in, credited to them as their own figure. A new
 * install must name its home (400 `home_unit_required`); a known one may leave it out.
 */
export const attestRequest = z.strictObject({
  /** A scanned unit QR (`?unit=`): an area is the home, an organisation or business brought the install in. */
  unitCode: z.optional(code),
  /** Where the person lives, when the QR scanned was not their home's (an area unit). */
  homeUnitCode: z.optional(code),
  /** From another install's invite link (`?ref=`). */
  referralCode: z.optional(code),
  /** From a Youth Union drive volunteer's invite (`?vol=`). */
  volunteerCode: z.optional(code),
  installId: z.string(),
  appVersion: z.string().check(z.minLength(1), z.maxLength(40)),
  tracingActive: z.boolean(),
  /**
   * Ed25519 public key (base64url, 32 bytes) the app signs checkpoint tokens with. The first key
   * an install registers is bound to it: a later attestation of the install must carry the same
   * key, or another one with `rekeySignature`; anything else is 409 `install_key_mismatch`.
   */
  checkpointKey: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/,
          'must be a 32-byte Ed25519 public key in canonical unpadded base64url',
        ),
      ),
  ),
  /**
   * Replacing the bound key: the old key's Ed25519 signature (base64url) over
   * `BZR1\n<installId>\n<checkpointKey>` (@bluezone/protocol checkpoint/checkpoint-rekey.ts).
   */
  rekeySignature: z.optional(z.string().check(z.maxLength(128))),
});

/** Who brought an install in (no person is named: a relative is just `relative`). */
export const broughtInBy = z.object({
  kind: z.enum(BROUGHT_IN_KINDS),
  /** The organisation or business; for a volunteer, the unit that organised the drive; null for a relative. */
  unitCode: z.nullable(z.string()),
  /** The organisation's name, or the drive's; empty for a relative. */
  name: z.string(),
});

export const attestationReceipt = z.object({
  /** The home unit: where the install counts toward shares and targets. */
  unitCode: z.string(),
  /** First attestation of this install (then the answer is 201). */
  created: z.boolean(),
  /** The home changed. */
  moved: z.boolean(),
  broughtIn: z.boolean(),
  broughtInBy: z.nullable(broughtInBy),
  /** What this install's own invite link carries. */
  referralCode: z.string(),
  /** This install's own invite link (`?ref=`): whoever installs from it names their own home. */
  inviteLink: z.string(),
});

export const attest = endpoint({
  method: 'POST',
  path: '/api/rollout/attest',
  request: attestRequest,
  response: attestationReceipt,
});

export const unitCoverage = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentCode: z.nullable(z.string()),
  population: z.number(),
  targetShare: z.number(),
  /** Installs needed: ceil(population × targetShare). */
  target: z.number(),
  /**
   * An area: installs of people who live in it (home unit), rolled up over the areas under it.
   * An organisation or business: installs it brought in through its own QR (its staff, students
   * or customers), which count toward its target and, at their homes, toward the areas' — never
   * twice in one area.
   */
  members: z.number(),
  /**
   * Installs brought in by this unit and everything under it, as its own figure: relatives
   * invited by its members, and the installs of drives it organised. Counted at their homes too.
   */
  broughtIn: z.number(),
  /** Members whose app reported tracing on within the active window. */
  active: z.number(),
  /** members / population. */
  share: z.number(),
  /** active / population. */
  activeShare: z.number(),
  belowTarget: z.boolean(),
  /** The sum of the populations of the areas directly under it, or null when it has none. */
  childrenPopulation: z.nullable(z.number()),
  /** Archived units are listed only when asked (`archived=include`); their installs always count above them. */
  archived: z.boolean(),
});

export const coverageTrendDay = z.object({
  day: z.string(),
  newInstalls: z.number(),
  /** Installs that attested that day with tracing on. */
  active: z.number(),
});

export const coverageReport = z.object({
  asOf: z.string(),
  root: z.string(),
  activeWindowDays: z.number(),
  units: z.array(unitCoverage),
  belowTarget: z.array(z.string()),
  trend: z.array(coverageTrendDay),
  /** Areas whose population disagrees with their children's. */
  warnings: z.array(populationWarning),
});

export const coverage = endpoint({
  method: 'GET',
  path: '/api/rollout/coverage',
  /**
   * `unit`: the subtree's root (default: the caller's scope); `days`: trend length, 1-999;
   * `archived=include` lists archived units too.
   */
  query: z.object({
    unit: z.optional(z.string()),
    days: z.optional(z.string()),
    archived: z.optional(z.enum(ARCHIVED_FILTERS)),
  }),
  response: coverageReport,
});

/**
 * The coverage report as a download (attachment) in `format`, default json. The CSV is the
 * units table; the XLSX adds sheets for the trend, population warnings, install drives, the
 * volunteers' leaderboard and businesses (drives and businesses also have their own reports).
 */
export const coverageReportFile = endpoint({
  method: 'GET',
  path: '/api/rollout/report',
  query: z.object({ format: z.optional(z.enum(REPORT_FORMATS)), unit: z.optional(z.string()) }),
  produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/json',
});

export type AttestRequest = z.input<typeof attestRequest>;
export type AttestationReceipt = z.infer<typeof attestationReceipt>;
export type BroughtInBy = z.infer<typeof broughtInBy>;
export type UnitCoverage = z.infer<typeof unitCoverage>;
export type CoverageTrendDay = z.infer<typeof coverageTrendDay>;
export type CoverageReport = z.infer<typeof coverageReport>;
