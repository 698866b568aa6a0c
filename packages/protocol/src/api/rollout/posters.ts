/** Posters: a unit's print-ready poster with its install QR, and the door-to-door delivery log. */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { POSTER_SIZES } from '../vocabulary';

export { POSTER_SIZES, type PosterSize } from '../vocabulary';

export const posterPdf = endpoint({
  method: 'GET',
  path: '/api/rollout/units/:code/poster.pdf',
  query: z.object({ size: z.optional(z.enum(POSTER_SIZES)) }),
  produces: 'application/pdf',
});

export const recordPosterDelivery = endpoint({
  method: 'POST',
  path: '/api/rollout/units/:code/poster-deliveries',
  request: z.object({
    household: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    posters: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
    /** Default: whoever records it. */
    deliveredBy: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  response: z.object({ id: z.number() }),
});

export const posterDelivery = z.object({
  id: z.number(),
  unitCode: z.string(),
  household: z.nullable(z.string()),
  posters: z.number(),
  deliveredBy: z.nullable(z.string()),
  deliveredAt: z.string(),
});

export const listPosterDeliveries = endpoint({
  method: 'GET',
  path: '/api/rollout/units/:code/poster-deliveries',
  response: z.object({
    deliveries: z.array(posterDelivery),
    /** Posters delivered in the unit's subtree. */
    posters: z.number(),
    /** Villages and businesses under the unit without a poster yet. */
    without: z.array(z.string()),
  }),
});

export type PosterDelivery = z.infer<typeof posterDelivery>;
