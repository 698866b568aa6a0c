/**
 * The key server's HTTP API, in the shapes of Google's reference servers so GAEN apps speak it
 * unchanged: google/exposure-notifications-verification-server docs/api.md (`/api/issue`,
 * `/api/checkcodestatus`, `/api/expirecode` with an admin key; `/api/verify`, `/api/certificate`
 * with a device key) and google/exposure-notifications-server pkg/api/v1 (`/v1/publish`); plus
 * our statistics and export signing keys. Field names are Google's (`testtype`, `ekeyhmac`,
 * `healthAuthorityID`): do not "fix" them.
 *
 * Answers declare what our server sends; a field Google's servers leave out when empty
 * (`omitempty`) is optional, so the SDK also reads theirs.
 */
import * as z from 'zod/mini';
import { fromBase64 } from '../bytes';
import { TEK_ROLLING_PERIOD } from '../interval-number';
import { endpoint } from './endpoint';
import { ISSUED_CODE_STATUSES, TEST_TYPES } from './vocabulary';

export {
  API_KEY_ROLES,
  type ApiKeyRole,
  ISSUED_CODE_STATUSES,
  type IssuedCodeStatus,
  TEST_TYPES,
  type TestType,
} from './vocabulary';

const isoDay = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  z.refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'is not a calendar date' },
  ),
);

const int = (min?: number, max?: number) =>
  z
    .number()
    .check(z.int(), ...(min !== undefined ? [z.minimum(min)] : []), ...(max !== undefined ? [z.maximum(max)] : []));

/** Chaff (decoy) traffic and Google's apps pad bodies to a fixed size with this field. */
const padding = z.optional(z.string());

// --- verification: health staff (admin key) --------------------------------------------------

export const issueRequest = z.object({
  testType: z.enum(TEST_TYPES),
  symptomDate: z.optional(isoDay),
  testDate: z.optional(isoDay),
  /** Minutes east of UTC of the health worker's local time, as in Google's API. */
  tzOffset: z._default(int(-720, 840), 0),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9]{8,15}$/, 'must be a phone number of 8-15 digits'))),
  padding,
});

export const issueResponse = z.object({
  uuid: z.string(),
  /** The short code the health worker reads out (valid 15 minutes). */
  code: z.string(),
  /** RFC 1123 time, as Google's server writes it. */
  expiresAt: z.string(),
  expiresAtTimestamp: z.number(),
  /** The long code sent in an SMS link (valid 24 hours). */
  longCode: z.string(),
  longExpiresAt: z.string(),
  longExpiresAtTimestamp: z.number(),
});

export const issue = endpoint({ method: 'POST', path: '/api/issue', request: issueRequest, response: issueResponse });

const codeUuid = z.object({ uuid: z.uuid() });

export const checkCodeStatus = endpoint({
  method: 'POST',
  path: '/api/checkcodestatus',
  request: codeUuid,
  response: z.object({ claimed: z.boolean(), expiresAtTimestamp: z.number(), longExpiresAtTimestamp: z.number() }),
});

export const expireCode = endpoint({
  method: 'POST',
  path: '/api/expirecode',
  request: codeUuid,
  response: z.object({ expiresAtTimestamp: z.number(), longExpiresAtTimestamp: z.number() }),
});

// --- verification: the app (device key; X-Chaff for decoys) --------------------------------------

export const verifyRequest = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Test types the app understands; without it the server assumes `confirmed` only (Google's default). */
  accept: z.optional(z.array(z.enum(TEST_TYPES)).check(z.maxLength(3))),
  padding,
});

export const verifyResponse = z.object({
  testtype: z.enum(TEST_TYPES),
  /** `YYYY-MM-DD`, or '' (our server) or absent (Google's) when the health worker entered none. */
  symptomDate: z.optional(z.string()),
  testDate: z.optional(z.string()),
  /** The verification token (a JWT) to exchange for a certificate. */
  token: z.string().check(z.minLength(1)),
});

export const verify = endpoint({
  method: 'POST',
  path: '/api/verify',
  request: verifyRequest,
  response: verifyResponse,
});

export const certificateRequest = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(4096)),
  /** Base64 HMAC-SHA256 of the keys to publish (publish/exposure-key-hmac.ts). */
  ekeyhmac: z.string().check(
    z.refine(
      (s) => {
        try {
          return fromBase64(s).length === 32;
        } catch {
          return false;
        }
      },
      { message: 'must be base64 of a 32-byte HMAC-SHA256' },
    ),
  ),
  padding,
});

export const certificateResponse = z.object({ certificate: z.string().check(z.minLength(1)) });

export const certificate = endpoint({
  method: 'POST',
  path: '/api/certificate',
  request: certificateRequest,
  response: certificateResponse,
});

// --- publish (google/exposure-notifications-server pkg/api/v1/exposure_types.go) ----------------

export const publishKey = z.object({
  /** Base64 of the 16-byte temporary exposure key. */
  key: z.string(),
  rollingStartNumber: int(0, 0xffffffff),
  rollingPeriod: z._default(int(), TEK_ROLLING_PERIOD),
  transmissionRisk: z._default(int(0, 8), 0),
});

export const publishRequest = z.object({
  temporaryExposureKeys: z.array(publishKey),
  healthAuthorityID: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The certificate from `/api/certificate`. */
  verificationPayload: z.string().check(z.minLength(1), z.maxLength(8192)),
  /** Base64 of the HMAC key the certificate's `ekeyhmac` was computed with. */
  hmacKey: z.string().check(z.minLength(1), z.maxLength(256)),
  symptomOnsetInterval: z.optional(int(0)),
  traveler: z._default(z.boolean(), false),
  revisionToken: z.optional(z.string().check(z.maxLength(16384))),
  padding: z.optional(z.string().check(z.maxLength(16384))),
});

export const publishResponse = z.object({
  revisionToken: z.string().check(z.minLength(1)),
  insertedExposures: z.number(),
  /** `partial_failure` when some keys were not stored (with `error` and `warnings`). */
  code: z.optional(z.string()),
  error: z.optional(z.string()),
  warnings: z.optional(z.array(z.string())),
  padding: z.optional(z.string()),
});

export const publish = endpoint({
  method: 'POST',
  path: '/v1/publish',
  request: publishRequest,
  response: publishResponse,
});

// --- statistics (admin key or session) --------------------------------------------------------

const dailyCount = z.object({ date: z.string(), count: z.number() });

export const statsResponse = z.object({
  days: z.number(),
  codesIssued: z.array(dailyCount),
  codesClaimed: z.array(dailyCount),
  publishes: z.array(z.object({ date: z.string(), count: z.number(), keys: z.number() })),
  exports: z.array(
    z.object({
      startTimestamp: z.number(),
      endTimestamp: z.number(),
      keys: z.number(),
      padding: z.number(),
      files: z.number(),
    }),
  ),
  /** How many uploads came N days after symptom onset. */
  onsetToUploadDays: z.array(z.object({ days: z.number(), count: z.number() })),
});

export const stats = endpoint({
  method: 'GET',
  path: '/api/stats',
  /** `days`: 1-999, default 14. */
  query: z.object({ days: z.optional(z.string()) }),
  response: statsResponse,
});

// --- export signing keys ------------------------------------------------------------------------

export const exportKey = z.object({
  keyId: z.string(),
  keyVersion: z.string(),
  publicKeyPem: z.string(),
  createdAt: z.string(),
});

/** A signing key version as `/api/export-keys` lists it. */
export const publishedExportKey = z.extend(exportKey, {
  /** Still signing (not past its retirement). */
  active: z.boolean(),
  retiresAt: z.optional(z.string()),
});

export const exportKeysResponse = z.object({ region: z.string(), keys: z.array(publishedExportKey) });

/** The public keys apps verify exports with: every version still in use, so a rotation keeps working. */
export const exportKeys = endpoint({ method: 'GET', path: '/api/export-keys', response: exportKeysResponse });

/** A new signing key version (admin key or admin session); the old one keeps signing for the overlap. */
export const rotateExportKey = endpoint({ method: 'POST', path: '/api/export-keys/rotate', response: exportKey });

// --- the health console: codes issued from the web app, kept for the next shift --------------

/**
 * A code as the health console lists it. Never the code itself (only its HMAC is stored): staff
 * find one by the code the resident reads out, or by the last digits of the phone it was sent to.
 */
export const issuedCode = z.object({
  uuid: z.string(),
  testType: z.enum(TEST_TYPES),
  issuedAt: z.string(),
  /** Who issued it: the web user's display name, or `API key #id`. */
  issuedBy: z.string(),
  /** The last 3 digits of the phone the SMS went to; null without an SMS. */
  phoneLast3: z.nullable(z.string()),
  status: z.enum(ISSUED_CODE_STATUSES),
  /** When the long (SMS) code stops working, or stopped. */
  expiresAt: z.string(),
  usedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  revokedBy: z.nullable(z.string()),
});

/**
 * Health staff, district and admin sessions. `q`: an 8-digit or 16-character code, or 1-3 final
 * digits of the phone; newest first, at most `limit` (default 50).
 */
export const listIssuedCodes = endpoint({
  method: 'GET',
  path: '/api/issued-codes',
  query: z.object({
    q: z.optional(z.string().check(z.trim(), z.maxLength(32))),
    status: z.optional(z.enum(ISSUED_CODE_STATUSES)),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'must be a number of at most 3 digits'))),
  }),
  response: z.object({
    codes: z.array(issuedCode),
    /** Records are deleted this many days after issue (ISSUED_CODES_RETENTION_DAYS). */
    retentionDays: z.number(),
  }),
});

/** Expires both codes now and records who revoked them; 409 `code_already_used` once a phone used it. */
export const revokeIssuedCode = endpoint({
  method: 'POST',
  path: '/api/issued-codes/:uuid/revoke',
  response: z.object({ code: issuedCode }),
});

export type IssueRequest = z.input<typeof issueRequest>;
export type IssueResponse = z.infer<typeof issueResponse>;
export type VerifyRequest = z.input<typeof verifyRequest>;
export type VerifyResponse = z.infer<typeof verifyResponse>;
export type CertificateRequest = z.input<typeof certificateRequest>;
export type CertificateResponse = z.infer<typeof certificateResponse>;
export type PublishRequest = z.input<typeof publishRequest>;
export type PublishResponse = z.infer<typeof publishResponse>;
export type ServerStats = z.infer<typeof statsResponse>;
export type DailyCount = z.infer<typeof dailyCount>;
export type ExportKey = z.infer<typeof exportKey>;
export type PublishedExportKey = z.infer<typeof publishedExportKey>;
export type ExportKeysResponse = z.infer<typeof exportKeysResponse>;
export type IssuedCode = z.infer<typeof issuedCode>;
