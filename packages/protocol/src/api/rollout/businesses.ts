/**
 * Businesses recommending Bluezone to their customers (order 5 of the dispatch). A business is a
 * unit of kind `business` under a commune, town or village (its code, name, customers as its
 * population, person in charge and phone are the unit's); its counter QR is its install link, so
 * installs from it are "recommended by" the business while counting at the customer's home.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { STICKER_SIZES } from '../vocabulary';

export { STICKER_SIZES, type StickerSize } from '../vocabulary';

export const business = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string(),
  parentName: z.string(),
  /** Customers a month (the unit's population): what the target is a share of. */
  customers: z.number(),
  targetShare: z.number(),
  target: z.number(),
  /** Installs recommended by the business: made from its counter QR or sticker. */
  recommended: z.number(),
  /** Of those, installs whose app reported tracing on within the active window (7 days). */
  active: z.number(),
  /** recommended / customers. */
  share: z.number(),
  /** Recommended installs in the last 7 days. */
  lastWeek: z.number(),
  personInCharge: z.nullable(z.string()),
  contactPhone: z.nullable(z.string()),
  /** The counter QR's link (the install link with `?unit=`). */
  installLink: z.string(),
  archivedAt: z.nullable(z.string()),
});

export const businessRequest = z.strictObject({
  /** The commune, town or village it is in. */
  parentCode: z.string().check(z.minLength(1), z.maxLength(32)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** Default: the parent's code, `-B` and the next free number. */
  code: z.optional(z.string().check(z.maxLength(32))),
  customers: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000_000))),
  personInCharge: z.optional(z.string().check(z.maxLength(200))),
  contactPhone: z.optional(z.string().check(z.maxLength(40))),
});

export const listBusinesses = endpoint({
  method: 'GET',
  path: '/api/rollout/businesses',
  /** `unit`: businesses in this subtree (default: the caller's scope); archived ones only with `archived=include`. */
  query: z.object({ unit: z.optional(z.string()), archived: z.optional(z.enum(['include'])) }),
  response: z.object({ businesses: z.array(business) }),
});

export const createBusiness = endpoint({
  method: 'POST',
  path: '/api/rollout/businesses',
  request: businessRequest,
  response: z.object({ business }),
});

/** A printable window sticker (PDF) with the business's counter QR. */
export const businessSticker = endpoint({
  method: 'GET',
  path: '/api/rollout/businesses/:code/sticker.pdf',
  query: z.object({ size: z.optional(z.enum(STICKER_SIZES)) }),
  produces: 'application/pdf',
});

export type Business = z.infer<typeof business>;
export type BusinessRequest = z.input<typeof businessRequest>;
