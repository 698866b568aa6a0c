/**
 * The error body every endpoint answers with on a 4xx/5xx: RFC 9457 problem+json
 * (`type`, `title`, `status`, `detail`) plus a stable `code`, and `error` (the detail again) so
 * GAEN apps written against Google's servers read it unchanged. `field` names the request
 * field that failed validation; `details.errors` lists every bad row of a batch by CSV `line`
 * or array `index` (with the column and a code per entry); `requestId` names the request in the
 * server's log.
 * The codes are listed in problem-codes.ts.
 */
import * as z from 'zod/mini';
import type { ProblemCode } from './problem-codes';

/**
 * One bad entry of a batch: a CSV `line` (1 = the header) or an array `index`, the column or
 * field at fault (`phone`, `population`), a ProblemCode saying what is wrong with it (so a page
 * can say it in the user's language), and the English `message` for logs and scripts.
 */
export const problemPointer = z.object({
  line: z.optional(z.number()),
  index: z.optional(z.number()),
  field: z.optional(z.string()),
  code: z.optional(z.string()),
  message: z.string(),
});

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  /** A ProblemCode from our servers; any string from other GAEN servers. */
  code: z.string(),
  error: z.string(),
  /** The request field that failed validation, as a dotted path (`temporaryExposureKeys.0.key`). */
  field: z.optional(z.string()),
  details: z.optional(
    z.object({
      /** Every bad entry of a batch (CSV rows, contacts, arrivals). */
      errors: z.optional(z.array(problemPointer)),
      /** `unknown_placeholder`: the template's fields no recipient can fill, and those it may use. */
      unknown: z.optional(z.array(z.string())),
      known: z.optional(z.array(z.string())),
    }),
  ),
  /** The id the server logged the request under (also the `x-request-id` header): what support asks for. */
  requestId: z.optional(z.string()),
});

/** The response header every answer carries with the server's id of the request. */
export const REQUEST_ID_HEADER = 'x-request-id';

export type ProblemPointer = z.infer<typeof problemPointer>;
export type Problem = Omit<z.infer<typeof problem>, 'code'> & { code: ProblemCode };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
