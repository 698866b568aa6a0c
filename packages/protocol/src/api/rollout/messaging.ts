/**
 * Messaging: Kannel's delivery reports and inbound replies (opt-out), the telecom partner's
 * tourist-arrivals webhook, and a unit's phone list for campaigns.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { problemPointer } from '../problem';

/** Kannel's dlr-url: `?id=<outbox id>&sig=<hmac>&type=%d`. Answers `ok`, or 404 `unknown message`. */
export const deliveryReport = endpoint({
  method: 'GET',
  path: '/api/rollout/sms/dlr',
  query: z.object({ id: z.string(), sig: z.string(), type: z.string() }),
  produces: 'text/plain',
});

/** Kannel's sms-service get-url: `?token=…&from=%p&coding=%c&text=%a`. The answer is Kannel's reply SMS. */
export const inboundSms = endpoint({
  method: 'GET',
  path: '/api/rollout/sms/inbound',
  query: z.object({
    token: z.string(),
    from: z.string(),
    coding: z.optional(z.string()),
    text: z.optional(z.string()),
  }),
  produces: 'text/plain',
});

/**
 * The telecom partner's key: phones that arrived in the district, each welcomed once per stay.
 * Phones are Vietnamese mobiles or, for roaming visitors, international numbers written with
 * `+` or `00` and the country code (SMS reaches them through Kannel). A bad row does not sink the
 * batch: the valid rows are recorded and each bad one comes back in `rejected` (its `index`, the
 * `field`, a problem `code` and a message). Only a batch with no valid row is a 400 problem,
 * with the same entries in `details.errors`, and records nothing.
 */
export const recordArrivals = endpoint({
  method: 'POST',
  path: '/api/rollout/arrivals',
  request: z.object({
    arrivals: z
      .array(z.object({ phone: z.string().check(z.maxLength(40)), arrivedAt: z.string().check(z.maxLength(40)) }))
      .check(z.minLength(1), z.maxLength(10_000)),
  }),
  response: z.object({
    arrivals: z.number(),
    welcomes: z.number(),
    /** Of the recorded arrivals, those with an international (roaming) number. */
    international: z.number(),
    rejected: z.array(problemPointer),
  }),
});

/** Adds or renames a unit's contacts (the `contacts` audience of campaigns); answers how many. */
export const saveContacts = endpoint({
  method: 'POST',
  path: '/api/rollout/units/:code/contacts',
  request: z.object({
    contacts: z
      .array(
        z.object({ phone: z.string().check(z.maxLength(40)), name: z.optional(z.string().check(z.maxLength(200))) }),
      )
      .check(z.minLength(1), z.maxLength(10_000)),
  }),
  response: z.object({ contacts: z.number() }),
});
