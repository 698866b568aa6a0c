/**
 * Coverage: the app reports its install after scanning a unit's QR (or an invite link), and
 * the district sees installs per unit rolled up the tree, the trend, and the units below target.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { REPORT_FORMATS, UNIT_KINDS } from '../vocabulary';

export { REPORT_FORMATS, type ReportFormat } from '../vocabulary';

/** The app's report (device API key). The install id is random and never tied to tracing keys. */
export const attestRequest = z.strictObject({
  unitCode: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  /** From another install's invite link: counts this install as brought in for that unit. */
  referralCode: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  installId: z.string(),
  appVersion: z.string().check(z.minLength(1), z.maxLength(40)),
  tracingActive: z.boolean(),
  /**
   * Ed25519 public key (base64url, 32 bytes) the app signs checkpoint tokens with. The first key
   * an install registers is bound to it: a later attestation of the install must carry the same
   * key, or another one with `rekeySignature`; anything else is 409 `install_key_mismatch`.
   */
  checkpointKey: z.optional(z.string().check(z.maxLength(64))),
  /**
   * Replacing the bound key: the old key's Ed25519 signature (base64url) over
   * `BZR1\n<installId>\n<checkpointKey>` (@bluezone/protocol checkpoint/checkpoint-rekey.ts).
   */
  rekeySignature: z.optional(z.string().check(z.maxLength(128))),
});

export const attestationReceipt = z.object({
  unitCode: z.string(),
  /** First attestation of this install (then the answer is 201). */
  created: z.boolean(),
  moved: z.boolean(),
  broughtIn: z.boolean(),
  /** What this install's own invite link carries. */
  referralCode: z.string(),
  /** This install's own invite link: its unit, plus the code that credits it. */
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
  /** Members' installs (scanned the unit's own QR), this unit and everything under it. */
  members: z.number(),
  /** Installs brought in through members' invite links, counted apart from members. */
  broughtIn: z.number(),
  /** Members whose app reported tracing on within the active window. */
  active: z.number(),
  /** members / population. */
  share: z.number(),
  /** active / population. */
  activeShare: z.number(),
  belowTarget: z.boolean(),
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
});

export const coverage = endpoint({
  method: 'GET',
  path: '/api/rollout/coverage',
  /** `unit`: the subtree's root (default: the caller's scope); `days`: trend length, 1-999. */
  query: z.object({ unit: z.optional(z.string()), days: z.optional(z.string()) }),
  response: coverageReport,
});

/** The coverage report as a download (attachment) in `format`, default json. */
export const coverageReportFile = endpoint({
  method: 'GET',
  path: '/api/rollout/report',
  query: z.object({ format: z.optional(z.enum(REPORT_FORMATS)), unit: z.optional(z.string()) }),
  produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/json',
});

export type AttestRequest = z.input<typeof attestRequest>;
export type AttestationReceipt = z.infer<typeof attestationReceipt>;
export type UnitCoverage = z.infer<typeof unitCoverage>;
export type CoverageTrendDay = z.infer<typeof coverageTrendDay>;
export type CoverageReport = z.infer<typeof coverageReport>;
