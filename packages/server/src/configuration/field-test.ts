/**
 * A field test's enrolments (protocol field-test/field-test-enrolment.ts): one per phone label,
 * for the server's export region, each checked by the protocol's validator and signed by every
 * active export key (the keys phones already trust), then encoded as the `BZFT1.` token a phone
 * scans. Stateless: nothing is stored, so a lost sheet is issued again. Every check runs before
 * the signing keys are read, so a refused request changes nothing (not even the first key).
 */
import {
  encodeFieldTestToken,
  FIELD_TEST_EXPORT_DAYS,
  type FieldTestEnrolment,
  fieldTestExportEndsAt,
  ProtocolError,
  repeatedFieldTestLabels,
  signFieldTestEnrolment,
  validateFieldTestEnrolment,
} from '@bluezone/protocol';
import { fieldTestApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { activeSigners } from '../export/signing-keys';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import './field-test-errors';

function refuse(field: string, message: string): never {
  throw new ServerError('field_test_invalid', 400, `${field}: ${message}`, { field });
}

function timeOf(field: 'startsAt' | 'endsAt', iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isSafeInteger(ms)) refuse(field, 'must be a date-time');
  return ms;
}

/** The request field a validator's refusal is about (the field it names, in the request's terms). */
function fieldOf(err: ProtocolError, phoneIndex: number): string | undefined {
  switch (err.field) {
    case 'testId':
      return 'testId';
    case 'phone':
      return `phones.${phoneIndex}`;
    case 'startsAtMs':
      return 'startsAt';
    case 'endsAtMs':
      return 'endsAt';
    default:
      return undefined;
  }
}

/** The test a request asks for: its window, parsed once, and one enrolment per phone. */
export interface CheckedFieldTest {
  startsAtMs: number;
  endsAtMs: number;
  enrolments: FieldTestEnrolment[];
}

/** The test the request asks for, each enrolment valid, or a 400 `field_test_invalid` naming the first bad field. */
export function checkedFieldTest(
  request: fieldTestApi.IssueFieldTestRequest,
  region: string,
  nowMs: number,
): CheckedFieldTest {
  const count = request.phones.length;
  if (count === 0) refuse('phones', 'a test has at least one phone');
  if (count > fieldTestApi.MAX_FIELD_TEST_PHONES) {
    refuse('phones', `${count} phones: at most ${fieldTestApi.MAX_FIELD_TEST_PHONES}`);
  }
  const startsAtMs = timeOf('startsAt', request.startsAt);
  const endsAtMs = timeOf('endsAt', request.endsAt);
  // T07 and t07 on two phones would be one line of the truth file misread: refused alike. The first
  // label given again is refused at its place, so a bad label before it is refused first.
  const [repeat] = repeatedFieldTestLabels(request.phones);
  const enrolments = request.phones.map((phone, i) => {
    const enrolment: FieldTestEnrolment = {
      kind: 'bluezone-field-test',
      region,
      testId: request.testId,
      phone,
      startsAtMs,
      endsAtMs,
    };
    try {
      validateFieldTestEnrolment(enrolment);
    } catch (err) {
      const field = err instanceof ProtocolError ? fieldOf(err, i) : undefined;
      // A region the validator refuses is the server's configuration, not the request: a 500.
      if (field === undefined) throw err;
      refuse(field, (err as Error).message.replace(/^field test enrolment: /, ''));
    }
    if (i === repeat?.index) refuse(`phones.${i}`, `label ${phone} is the same as phones.${repeat.firstIndex}`);
    return enrolment;
  });
  const first = enrolments[0];
  if (first && nowMs > fieldTestExportEndsAt(first)) {
    refuse('endsAt', `the test ended more than ${FIELD_TEST_EXPORT_DAYS} days ago: its phones can no longer export`);
  }
  return { startsAtMs, endsAtMs, enrolments };
}

export async function issueFieldTest(
  ctx: ServerContext,
  request: fieldTestApi.IssueFieldTestRequest,
): Promise<fieldTestApi.IssueFieldTestResponse> {
  const region = ctx.config.exportRegion;
  const { startsAtMs, endsAtMs, enrolments } = checkedFieldTest(request, region, ctx.clock.now());
  const signers = await activeSigners(ctx);
  return {
    testId: request.testId,
    region,
    startsAtMs,
    endsAtMs,
    enrolments: enrolments.map((e) => ({
      phone: e.phone,
      token: encodeFieldTestToken(signFieldTestEnrolment(nodeBackend, e, signers)),
    })),
  };
}
