/**
 * Office checkpoints: a gatekeeper scans the visitor app's `BZC1` token (checkpoint/
 * checkpoint-token.ts) at entry or exit, or records a visitor without the app, and reads the
 * day's log.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';

export const DIRECTIONS = ['entry', 'exit'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const SCAN_RESULTS = ['active', 'inactive', 'no_app'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

const direction = z.enum(DIRECTIONS);

export const checkpoint = z.object({ id: z.number(), unitCode: z.string(), name: z.string() });

export const createCheckpoint = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints',
  request: z.object({
    unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
    name: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
  response: checkpoint,
});

export const listCheckpoints = endpoint({
  method: 'GET',
  path: '/api/rollout/checkpoints',
  response: z.object({ checkpoints: z.array(checkpoint) }),
});

export const scanOutcome = z.object({
  result: z.enum(['active', 'inactive']),
  /** Why the app counts as inactive; null when active. */
  reason: z.nullable(z.string()),
  at: z.string(),
});

export const scanToken = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/scan',
  request: z.object({ token: z.string().check(z.minLength(1), z.maxLength(2000)), direction }),
  response: scanOutcome,
});

export const recordNoApp = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/no-app',
  request: z.object({
    direction,
    reason: z.string().check(z.minLength(1), z.maxLength(500)),
    visitor: z.optional(z.string().check(z.maxLength(200))),
  }),
  response: z.object({ result: z.literal('no_app') }),
});

export const checkpointDay = z.object({
  checkpointId: z.number(),
  day: z.string(),
  entries: z.number(),
  exits: z.number(),
  /** Share of entries whose app was active. */
  activeShare: z.number(),
  log: z.array(
    z.object({
      at: z.string(),
      direction,
      result: z.enum(SCAN_RESULTS),
      reason: z.nullable(z.string()),
      visitor: z.nullable(z.string()),
    }),
  ),
});

export const getCheckpointDay = endpoint({
  method: 'GET',
  path: '/api/rollout/checkpoints/:id/day',
  /** `date`: YYYY-MM-DD, default today (district time). */
  query: z.object({ date: z.optional(z.string()) }),
  response: checkpointDay,
});

export type Checkpoint = z.infer<typeof checkpoint>;
export type ScanOutcome = z.infer<typeof scanOutcome>;
export type CheckpointDay = z.infer<typeof checkpointDay>;
