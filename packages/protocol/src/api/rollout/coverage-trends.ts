/**
 * Coverage over a period, per area: for a unit and each unit directly under it (the district and
 * its communes, a commune and its villages and organisations), members' installs before the period
 * and new ones each day in it, and installs that reported tracing on that day. The dashboard draws
 * each area's cumulative share against its target from it, for 7, 30 or 90 days or a chosen range.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';

/** The longest period one request may ask for. */
export const MAX_TREND_DAYS = 366;

const dayLabel = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const trendDay = z.object({
  day: z.string(),
  /**
   * Members' installs first seen that day, as in the coverage report: for an area, installs of
   * people living in it; for an organisation or business, installs it brought in.
   */
  newInstalls: z.number(),
  /** Installs that reported tracing on that day. */
  active: z.number(),
});

export const areaTrend = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  population: z.number(),
  targetShare: z.number(),
  /** Members' installs first seen before the period (the cumulative line starts there). */
  installsBefore: z.number(),
  days: z.array(trendDay),
});

export const coverageTrends = endpoint({
  method: 'GET',
  path: '/api/rollout/coverage/trends',
  /**
   * `unit`: default the caller's scope root; either `days` (1–366, ending today) or `from` and
   * `to` (district days, inclusive, at most 366 days).
   */
  query: z.object({
    unit: z.optional(z.string()),
    days: z.optional(z.string()),
    from: z.optional(dayLabel),
    to: z.optional(dayLabel),
  }),
  response: z.object({
    root: z.string(),
    from: z.string(),
    to: z.string(),
    /** The unit itself first, then each unit directly under it. */
    areas: z.array(areaTrend),
  }),
});

export type TrendDay = z.infer<typeof trendDay>;
export type AreaTrend = z.infer<typeof areaTrend>;
