/**
 * A field test's enrolment: the health authority's signed word that one install is a test phone
 * of one field test, for a stated time. Only an enrolled phone can export what it heard with its
 * own keys (field-test-recording.ts), which ties its rolling identifiers to it: an app any
 * resident could be asked to export from would let an employer or anyone else rebuild whom they
 * met. So the export exists only on phones the authority enrolled, shows while it lasts, and
 * covers the test's window only.
 *
 * Signed as the configuration document is, by the export signing keys every phone already trusts,
 * under a domain prefix of its own (no enrolment signature passes for a configuration's or an
 * export's). It travels as a `BZFT1.<base64url of the signed JSON>` token, short enough for a QR
 * code the authority shows or prints per phone.
 */
import { fromBase64url, toBase64url, utf8 } from '../bytes';
import {
  type ConfigurationVerifyKey,
  domainTextSignedBy,
  type SignedConfiguration,
  signDomainText,
} from '../configuration/configuration-signature';
import type { CryptoBackend } from '../crypto/backend';
import { ProtocolError } from '../errors';
import type { ExportSigner } from '../export/export-signature';

export const FIELD_TEST_TOKEN_PREFIX = 'BZFT1';
const DOMAIN = 'bluezone-field-test-v1\n';

/** The longest test an enrolment may cover: a phone keeps its scans 14 days (GAEN), no longer. */
export const MAX_FIELD_TEST_DAYS = 14;
/** Days after the test's end the phone may still export; then it forgets the enrolment. */
export const FIELD_TEST_EXPORT_DAYS = 7;
const DAY_MS = 86_400_000;

/** The longest token taken: a QR code holds under 3 KB, and a pasted text of megabytes is not one. */
export const MAX_FIELD_TEST_TOKEN_LENGTH = 4096;

/** Test ids and phone labels: what a truth file names, nothing personal. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether `label` may be a test id or a phone label: 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export function isFieldTestLabel(label: string): boolean {
  return LABEL.test(label);
}

/** A label given again: where it comes again first, and where it came first. */
export interface RepeatedFieldTestLabel {
  index: number;
  firstIndex: number;
}

/**
 * The labels of a test's phones given more than once, letters' case aside (T07 and t07 on two
 * phones would be one line of the truth file misread): each once, at its first repetition, in the
 * order they come again. Empty when all are distinct. The key server refuses the first; a page
 * names them all.
 */
export function repeatedFieldTestLabels(labels: readonly string[]): RepeatedFieldTestLabel[] {
  const firstIndexOf = new Map<string, number>();
  const repeated = new Set<string>();
  const repeats: RepeatedFieldTestLabel[] = [];
  labels.forEach((label, index) => {
    const key = label.toLowerCase();
    const firstIndex = firstIndexOf.get(key);
    if (firstIndex === undefined) firstIndexOf.set(key, index);
    else if (!repeated.has(key)) {
      repeated.add(key);
      repeats.push({ index, firstIndex });
    }
  });
  return repeats;
}

export interface FieldTestEnrolment {
  kind: 'bluezone-field-test';
  /** The phone's export region: another region's phones refuse it. */
  region: string;
  /** The authority's name for the test, e.g. `nam-dong-2026-12`. */
  testId: string;
  /** This phone's label in the test's truth file, e.g. `T07` (never a person's name). */
  phone: string;
  /** The test's window, Unix ms: the export holds what was heard and sent within it. */
  startsAtMs: number;
  endsAtMs: number;
}

/** The enrolment's exact JSON text and the export keys' signatures over it. */
export type SignedFieldTestEnrolment = SignedConfiguration;

function invalid(message: string, field?: keyof FieldTestEnrolment): never {
  throw new ProtocolError('invalid_field_test', `field test enrolment: ${message}`, field ? { field } : undefined);
}

/** Throws `invalid_field_test` naming the first bad field. */
export function validateFieldTestEnrolment(value: unknown): asserts value is FieldTestEnrolment {
  const e = value as Partial<FieldTestEnrolment> | null;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) invalid('must be an object');
  if (e.kind !== 'bluezone-field-test') invalid('kind must be "bluezone-field-test"', 'kind');
  if (typeof e.region !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(e.region)) {
    invalid('region must be 1–32 letters, digits, "_" or "-" (an export region)', 'region');
  }
  for (const name of ['testId', 'phone'] as const) {
    const v = e[name];
    if (typeof v !== 'string' || !isFieldTestLabel(v)) {
      invalid(`${name} must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`, name);
    }
  }
  for (const name of ['startsAtMs', 'endsAtMs'] as const) {
    const v = e[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) invalid(`${name} must be a time in Unix ms`, name);
  }
  const { startsAtMs, endsAtMs } = e as FieldTestEnrolment;
  if (endsAtMs <= startsAtMs) invalid('endsAtMs must be after startsAtMs', 'endsAtMs');
  if (endsAtMs - startsAtMs > MAX_FIELD_TEST_DAYS * DAY_MS) {
    invalid(`a test lasts at most ${MAX_FIELD_TEST_DAYS} days`, 'endsAtMs');
  }
}

export function parseFieldTestEnrolment(text: string): FieldTestEnrolment {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalid('not JSON');
  }
  validateFieldTestEnrolment(value);
  return value;
}

/** Signs an enrolment with every given signer (the key server's active export keys). */
export function signFieldTestEnrolment(
  backend: CryptoBackend,
  enrolment: FieldTestEnrolment,
  signers: readonly ExportSigner[],
): SignedFieldTestEnrolment {
  validateFieldTestEnrolment(enrolment);
  const { kind, region, testId, phone, startsAtMs, endsAtMs } = enrolment;
  const payload = JSON.stringify({ kind, region, testId, phone, startsAtMs, endsAtMs });
  return { payload, signatures: signDomainText(backend, DOMAIN, payload, signers) };
}

export interface FieldTestCheck {
  /** The phone's export region. */
  region: string;
  /** Now, Unix ms: an enrolment whose export time has passed is refused. */
  nowMs: number;
}

/** The last moment an enrolled phone may export: FIELD_TEST_EXPORT_DAYS after the test ends. */
export function fieldTestExportEndsAt(enrolment: FieldTestEnrolment): number {
  return enrolment.endsAtMs + FIELD_TEST_EXPORT_DAYS * DAY_MS;
}

/**
 * The verified enrolment. Throws `invalid_signature` (no trusted signature) or
 * `invalid_field_test` (malformed, another region, or its export time over).
 */
export function verifyFieldTestEnrolment(
  backend: CryptoBackend,
  signed: SignedFieldTestEnrolment,
  keys: readonly ConfigurationVerifyKey[],
  check: FieldTestCheck,
): FieldTestEnrolment {
  if (!domainTextSignedBy(backend, DOMAIN, signed?.payload, signed?.signatures, keys)) {
    throw new ProtocolError('invalid_signature', 'field test enrolment: no signature by a trusted key');
  }
  const enrolment = parseFieldTestEnrolment(signed.payload);
  if (enrolment.region !== check.region) invalid(`for region ${enrolment.region}, not ${check.region}`);
  if (check.nowMs > fieldTestExportEndsAt(enrolment)) invalid('the test and its export time are over');
  return enrolment;
}

/** The token a QR code carries: `BZFT1.` and the signed enrolment's JSON, base64url. */
export function encodeFieldTestToken(signed: SignedFieldTestEnrolment): string {
  return `${FIELD_TEST_TOKEN_PREFIX}.${toBase64url(utf8.encode(JSON.stringify(signed)))}`;
}

/** The signed enrolment a token carries (unverified: `verifyFieldTestEnrolment` checks it). */
export function decodeFieldTestToken(token: string): SignedFieldTestEnrolment {
  const text = token.trim();
  if (text.length > MAX_FIELD_TEST_TOKEN_LENGTH)
    invalid(`a token is at most ${MAX_FIELD_TEST_TOKEN_LENGTH} characters`);
  const dot = text.indexOf('.');
  if (dot < 0 || text.slice(0, dot) !== FIELD_TEST_TOKEN_PREFIX) {
    invalid(`a token starts with "${FIELD_TEST_TOKEN_PREFIX}."`);
  }
  let signed: unknown;
  try {
    signed = JSON.parse(utf8.decode(fromBase64url(text.slice(dot + 1), 'token')));
  } catch {
    invalid('the token is damaged');
  }
  const s = signed as Partial<SignedFieldTestEnrolment> | null;
  if (typeof s !== 'object' || s === null || typeof s.payload !== 'string' || !Array.isArray(s.signatures)) {
    invalid('the token is damaged');
  }
  return s as SignedFieldTestEnrolment;
}
