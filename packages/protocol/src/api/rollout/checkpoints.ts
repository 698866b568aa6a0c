/**
 * Office checkpoints: unit managers create, rename and retire them and pair gatekeepers' phones
 * with them; a gatekeeper checks the visitor app's pass (checkpoint/checkpoint-pass.ts: only
 * its `BZC2` token is ever sent here, with whether the gatekeeper's app heard the phone's
 * radio), or records a visitor without the app, and reads the day's log. A retired checkpoint
 * keeps its log and refuses scans.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { DIRECTIONS, SCAN_RESULTS } from '../vocabulary';

export { DIRECTIONS, type Direction, SCAN_RESULTS, type ScanResult } from '../vocabulary';

/**
 * What the gatekeeper's app found on the radio: `heard` the identifier the pass committed to,
 * `not_heard` within its listening window; `not_checked` when the scan came from a page or
 * program that cannot listen (a browser cannot scan Bluetooth) — the answer then vouches only
 * for the signature.
 */
export const RADIO_CHECKS = ['heard', 'not_heard', 'not_checked'] as const;
export type RadioCheck = (typeof RADIO_CHECKS)[number];

/** Why an app that showed a valid pass counts as inactive (`reason` says it in English). */
export const INACTIVE_REASONS = ['tracing_off', 'not_attested_recently', 'radio_not_heard'] as const;
export type InactiveReason = (typeof INACTIVE_REASONS)[number];

const direction = z.enum(DIRECTIONS);
const checkpointName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

export const checkpoint = z.object({
  id: z.number(),
  unitCode: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** When it was retired (it keeps its log, and refuses scans); null while in use. */
  retiredAt: z.nullable(z.string()),
});

export const createCheckpoint = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints',
  /** `unitCode`: an organisation (agency, school, business…) in the caller's subtree. */
  request: z.object({ unitCode: z.string().check(z.minLength(1), z.maxLength(32)), name: checkpointName }),
  response: checkpoint,
});

export const listCheckpoints = endpoint({
  method: 'GET',
  path: '/api/rollout/checkpoints',
  /** `unit`: only checkpoints of that unit's subtree; `retired=include` lists retired ones too. */
  query: z.object({ unit: z.optional(z.string()), retired: z.optional(z.enum(['include', 'exclude'])) }),
  response: z.object({ checkpoints: z.array(checkpoint) }),
});

export const renameCheckpoint = endpoint({
  method: 'PATCH',
  path: '/api/rollout/checkpoints/:id',
  request: z.object({ name: checkpointName }),
  response: checkpoint,
});

/** Retires a checkpoint for good: its log stays, scans are refused (409 `checkpoint_retired`), its gate keys stop working. */
export const retireCheckpoint = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/retire',
  response: checkpoint,
});

/**
 * Pairs a gatekeeper's phone with the checkpoint: a gate key, shown once (as a QR the
 * resident app's gatekeeper mode scans), that may only scan, record "no app" and read the
 * day's log of this one checkpoint, in the `X-Gate-Key` header.
 */
export const createGateKey = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/gate-keys',
  request: z.object({ label: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) }),
  response: z.object({ gateKey: z.string(), checkpoint }),
});

/** Unpairs every phone of the checkpoint. */
export const revokeGateKeys = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/gate-keys/revoke',
  response: z.object({ revoked: z.number() }),
});

/** The checkpoint an `X-Gate-Key` header opens (what the gatekeeper's app shows it is guarding). */
export const getGate = endpoint({
  method: 'GET',
  path: '/api/rollout/gate',
  response: z.object({ checkpoint }),
});

export const scanOutcome = z.object({
  result: z.enum(['active', 'inactive']),
  /** Why the app counts as inactive, in English; null when active. */
  reason: z.nullable(z.string()),
  reasonCode: z.nullable(z.enum(INACTIVE_REASONS)),
  /** What vouches for an `active`: the radio heard by the gatekeeper's app, or only the signature. */
  radio: z.enum(RADIO_CHECKS),
  at: z.string(),
});

export const scanToken = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/scan',
  request: z.object({
    /** The pass's `BZC2.<payload>.<signature>` alone: its radio part (after `~`) never leaves the gatekeeper's phone. */
    token: z.string().check(z.minLength(1), z.maxLength(400)),
    direction,
    /** Only the gatekeeper's app says this; absent means `not_checked`. */
    radio: z.optional(z.enum(['heard', 'not_heard'])),
  }),
  response: scanOutcome,
});

export const recordNoApp = endpoint({
  method: 'POST',
  path: '/api/rollout/checkpoints/:id/no-app',
  request: z.object({
    direction,
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
    visitor: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  }),
  response: z.object({ result: z.literal('no_app') }),
});

export const checkpointDay = z.object({
  checkpointId: z.number(),
  day: z.string(),
  entries: z.number(),
  exits: z.number(),
  /** Share of entries whose app was active (radio heard, or not checked). */
  activeShare: z.number(),
  /** Share of entries whose phone the gatekeeper's app heard on the radio. */
  heardShare: z.number(),
  log: z.array(
    z.object({
      at: z.string(),
      direction,
      result: z.enum(SCAN_RESULTS),
      reason: z.nullable(z.string()),
      reasonCode: z.nullable(z.enum(INACTIVE_REASONS)),
      /** null for "no app" entries. */
      radio: z.nullable(z.enum(RADIO_CHECKS)),
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
