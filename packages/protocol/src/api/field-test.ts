/**
 * A field test's enrolment step (field-test/field-test-enrolment.ts): a health authority's admin
 * names the test, its phones' labels and its window, and the key server answers with one signed
 * `BZFT1.` token per phone, for a QR code the phone scans in its field-test mode. Only an enrolled
 * phone exports its keys and what it heard, so only the authority's own test phones get one.
 * Stateless: the server stores nothing, and issuing the same test again gives tokens as good.
 *
 * The schema checks the request's shape (a malformed one is a 400 `invalid_request`). What the
 * test may be is checked on the server, and a request it refuses is a 400 `field_test_invalid`
 * naming the field (`testId`, `phones.3`, `phones`, `endsAt`): the labels' and the test id's form,
 * the window's length and order (the protocol's validateFieldTestEnrolment's rules, so they live in
 * one place), distinct labels and 1 to MAX_FIELD_TEST_PHONES phones. Times are ISO 8601
 * date-times with an offset, as every time a request carries; the answer gives the window in Unix
 * ms, as the enrolment signs it.
 */
import * as z from 'zod/mini';
import { endpoint } from './endpoint';

/** The most phones one request enrols. */
export const MAX_FIELD_TEST_PHONES = 200;

export const issueFieldTestRequest = z.object({
  /** The authority's name for the test, e.g. `nam-dong-2026-12` (1–64 letters, digits, `.`, `_`, `-`). */
  testId: z.string(),
  /** Each phone's label in the test's truth file (`T07`; never a person's name), distinct; 1 to MAX_FIELD_TEST_PHONES. */
  phones: z.array(z.string()),
  /** The test's window: after the start, at most MAX_FIELD_TEST_DAYS later. */
  startsAt: z.iso.datetime({ offset: true }),
  /** Not more than FIELD_TEST_EXPORT_DAYS ago: the phones could no longer export. */
  endsAt: z.iso.datetime({ offset: true }),
});

export const fieldTestEnrolment = z.object({
  phone: z.string(),
  /** `BZFT1.<base64url>`: the signed enrolment, for the phone's QR code. */
  token: z.string(),
});

export const issueFieldTestResponse = z.object({
  testId: z.string(),
  /** The server's export region: phones of another region refuse the tokens. */
  region: z.string(),
  startsAtMs: z.number(),
  endsAtMs: z.number(),
  /** One per phone, in the order asked. */
  enrolments: z.array(fieldTestEnrolment),
});

/** Signs one enrolment per phone with the active export keys (admin key or admin session). */
export const issueFieldTest = endpoint({
  method: 'POST',
  path: '/api/configuration/field-test',
  request: issueFieldTestRequest,
  response: issueFieldTestResponse,
});

export type IssueFieldTestRequest = z.input<typeof issueFieldTestRequest>;
export type IssueFieldTestResponse = z.infer<typeof issueFieldTestResponse>;
export type FieldTestEnrolmentEntry = z.infer<typeof fieldTestEnrolment>;
