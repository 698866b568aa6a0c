// A field test's enrolment: signed by the export keys under a prefix of its own, so it neither
// passes for a configuration document nor lets one pass for it; refused when tampered, for another
// region, malformed or past its export time; carried whole through a BZFT1 token.
import {
  decodeFieldTestToken,
  defaultConfiguration,
  encodeFieldTestToken,
  FIELD_TEST_EXPORT_DAYS,
  type FieldTestEnrolment,
  fieldTestExportEndsAt,
  isFieldTestLabel,
  ProtocolError,
  parseFieldTestEnrolment,
  repeatedFieldTestLabels,
  signConfigurationPayload,
  signFieldTestEnrolment,
  verifyFieldTestEnrolment,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { signingAuthority } from './signing-authority';

const AUTHORITY = signingAuthority();
const IMPOSTOR = signingAuthority();
const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 8, 7);

const ENROLMENT: FieldTestEnrolment = {
  kind: 'bluezone-field-test',
  region: 'VN',
  testId: 'nam-dong-2026-12',
  phone: 'T07',
  startsAtMs: START,
  endsAtMs: START + 6 * 3_600_000,
};

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return `${(err as ProtocolError).code}: ${(err as Error).message}`;
  }
  throw new Error('expected a ProtocolError');
}

describe.each(BACKENDS)('field test enrolment on the %s backend', (backend) => {
  const check = { region: 'VN', nowMs: START - DAY };

  it('verifies what the authority signed, through a token, field for field', () => {
    const signed = signFieldTestEnrolment(backend, ENROLMENT, [AUTHORITY.signer]);
    const token = encodeFieldTestToken(signed);
    expect(token).toMatch(/^BZFT1\.[A-Za-z0-9_-]+$/);
    // Short enough for a QR code at low error correction (version 20 holds 858 bytes).
    expect(token.length).toBeLessThan(600);
    expect(decodeFieldTestToken(` ${token}\n`)).toEqual(signed);
    expect(verifyFieldTestEnrolment(backend, decodeFieldTestToken(token), AUTHORITY.trusted, check)).toEqual(ENROLMENT);
  });

  it('refuses a changed label, another key and a signature made for a configuration document', () => {
    const signed = signFieldTestEnrolment(backend, ENROLMENT, [AUTHORITY.signer]);
    const relabelled = { ...signed, payload: signed.payload.replace('"T07"', '"T08"') };
    expect(relabelled.payload).not.toBe(signed.payload);
    expect(codeOf(() => verifyFieldTestEnrolment(backend, relabelled, AUTHORITY.trusted, check))).toMatch(
      /^invalid_signature/,
    );
    const byImpostor = signFieldTestEnrolment(backend, ENROLMENT, [IMPOSTOR.signer]);
    expect(codeOf(() => verifyFieldTestEnrolment(backend, byImpostor, AUTHORITY.trusted, check))).toMatch(
      /^invalid_signature/,
    );
    // The same text signed as a configuration document: its domain prefix differs, so it fails.
    const asConfiguration = signConfigurationPayload(backend, signed.payload, [AUTHORITY.signer]);
    expect(codeOf(() => verifyFieldTestEnrolment(backend, asConfiguration, AUTHORITY.trusted, check))).toMatch(
      /^invalid_signature/,
    );
  });

  it('refuses another region and an enrolment whose export time is over, keeping the last day', () => {
    const signed = signFieldTestEnrolment(backend, ENROLMENT, [AUTHORITY.signer]);
    expect(codeOf(() => verifyFieldTestEnrolment(backend, signed, AUTHORITY.trusted, { ...check, region: 'LA' }))).toBe(
      'invalid_field_test: field test enrolment: for region VN, not LA',
    );
    const last = fieldTestExportEndsAt(ENROLMENT);
    expect(last).toBe(ENROLMENT.endsAtMs + FIELD_TEST_EXPORT_DAYS * DAY);
    expect(verifyFieldTestEnrolment(backend, signed, AUTHORITY.trusted, { region: 'VN', nowMs: last }).phone).toBe(
      'T07',
    );
    expect(
      codeOf(() => verifyFieldTestEnrolment(backend, signed, AUTHORITY.trusted, { region: 'VN', nowMs: last + 1 })),
    ).toBe('invalid_field_test: field test enrolment: the test and its export time are over');
  });
});

describe('field test enrolment fields', () => {
  const bad = (change: Record<string, unknown>) =>
    codeOf(() => parseFieldTestEnrolment(JSON.stringify({ ...ENROLMENT, ...change })));

  it('names the field that is wrong', () => {
    expect(bad({ kind: 'bluezone-configuration' })).toBe(
      'invalid_field_test: field test enrolment: kind must be "bluezone-field-test"',
    );
    expect(bad({ phone: 'Nguyễn Văn A' })).toMatch(/^invalid_field_test: field test enrolment: phone must be 1–64/);
    expect(bad({ testId: '' })).toMatch(/testId must be 1–64/);
    expect(bad({ region: 'V N' })).toMatch(/region must be/);
    expect(bad({ startsAtMs: 1.5 })).toBe(
      'invalid_field_test: field test enrolment: startsAtMs must be a time in Unix ms',
    );
    expect(bad({ endsAtMs: START })).toBe(
      'invalid_field_test: field test enrolment: endsAtMs must be after startsAtMs',
    );
    expect(bad({ endsAtMs: START + 14 * DAY + 1 })).toBe(
      'invalid_field_test: field test enrolment: a test lasts at most 14 days',
    );
    expect(parseFieldTestEnrolment(JSON.stringify({ ...ENROLMENT, endsAtMs: START + 14 * DAY })).endsAtMs).toBe(
      START + 14 * DAY,
    );
    expect(codeOf(() => parseFieldTestEnrolment('{'))).toBe('invalid_field_test: field test enrolment: not JSON');
    // The refusal names its field for a caller to point at its own (the key server's request fields).
    const fieldOf = (change: Record<string, unknown>) => {
      try {
        parseFieldTestEnrolment(JSON.stringify({ ...ENROLMENT, ...change }));
      } catch (err) {
        return (err as ProtocolError).field;
      }
    };
    expect(
      [{ phone: '' }, { testId: '-' }, { startsAtMs: -1 }, { endsAtMs: START }, { endsAtMs: START + 15 * DAY }].map(
        fieldOf,
      ),
    ).toEqual(['phone', 'testId', 'startsAtMs', 'endsAtMs', 'endsAtMs']);
  });

  it('states the label rule the validator applies, for a page to check labels as the server will', () => {
    expect(['T07', 'nam-dong-2026.12_b', '7', 'a'.repeat(64)].map(isFieldTestLabel)).toEqual([true, true, true, true]);
    expect(['', '-T07', 'T 07', 'Nguyễn', 'a'.repeat(65)].map(isFieldTestLabel)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('finds each label given again, letters’ case aside, once, where it first comes again', () => {
    expect(repeatedFieldTestLabels([])).toEqual([]);
    expect(repeatedFieldTestLabels(['T01', 'T02', 'T010', 'T1'])).toEqual([]);
    expect(repeatedFieldTestLabels(['T01', 'T02', 'T01'])).toEqual([{ index: 2, firstIndex: 0 }]);
    // T07 and t07 are one line of a truth file; a third T07 is not said again.
    expect(repeatedFieldTestLabels(['t07', 'A1', 'T07', 'T07', 'a1'])).toEqual([
      { index: 2, firstIndex: 0 },
      { index: 4, firstIndex: 1 },
    ]);
    // In the order they come again, not the order they first came.
    expect(repeatedFieldTestLabels(['A', 'B', 'b', 'a'])).toEqual([
      { index: 2, firstIndex: 1 },
      { index: 3, firstIndex: 0 },
    ]);
  });

  it('refuses a damaged token or one of another kind', () => {
    expect(codeOf(() => decodeFieldTestToken('BZC2.abc.def'))).toMatch(/a token starts with "BZFT1."/);
    expect(codeOf(() => decodeFieldTestToken('BZFT1.!!!'))).toMatch(/the token is damaged/);
    const notSigned = `BZFT1.${Buffer.from(JSON.stringify({ payload: 1 })).toString('base64url')}`;
    expect(codeOf(() => decodeFieldTestToken(notSigned))).toMatch(/the token is damaged/);
    // A text of megabytes (a paste gone wrong, or a token padded with signatures) is refused unread.
    const padded = `BZFT1.${Buffer.from(JSON.stringify({ payload: '{}', signatures: Array(200).fill({ keyId: 'k', keyVersion: 'v1', signature: 'A'.repeat(96) }) })).toString('base64url')}`;
    expect(codeOf(() => decodeFieldTestToken(padded))).toBe(
      'invalid_field_test: field test enrolment: a token is at most 4096 characters',
    );
    // A configuration document is not an enrolment, even signed by the right key.
    expect(codeOf(() => parseFieldTestEnrolment(JSON.stringify(defaultConfiguration('VN'))))).toMatch(/kind must be/);
  });
});
