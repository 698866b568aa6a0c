/**
 * The demo district: 30 days of plausible, clearly labelled activity (installs by village,
 * checkpoint scans, campaigns, verification codes issued and used) an admin seeds on a server
 * being tried out, so the dashboard shows what it is for, and clears without touching real data.
 * Admin session or admin API key.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';

export const demoCounts = z.object({
  installs: z.number(),
  checkpointScans: z.number(),
  campaigns: z.number(),
  codes: z.number(),
});

export const demoStatus = z.object({
  /** Demo activity is in the database: the dashboard says so. */
  seeded: z.boolean(),
  seededAt: z.nullable(z.string()),
  counts: demoCounts,
});

export const getDemoStatus = endpoint({ method: 'GET', path: '/api/rollout/demo', response: demoStatus });

/** 409 `conflict` when demo activity is already there (clear it first). */
export const seedDemo = endpoint({
  method: 'POST',
  path: '/api/rollout/demo',
  request: z.object({
    /** How many days back the activity starts (default 30). */
    days: z.optional(z.number().check(z.int(), z.minimum(7), z.maximum(90))),
  }),
  response: demoStatus,
});

/** Deletes every demo row (and only those); answers what was removed. */
export const clearDemo = endpoint({
  method: 'POST',
  path: '/api/rollout/demo/clear',
  response: z.object({ removed: demoCounts }),
});

export type DemoCounts = z.infer<typeof demoCounts>;
export type DemoStatus = z.infer<typeof demoStatus>;
