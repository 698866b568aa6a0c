/**
 * Error codes of the demo district: only the shared ones (rollout-error.ts) — `conflict` when
 * demo activity is already there, `forbidden` for anyone but an admin.
 */
export const DEMO_ERRORS = {
  conflict: 409,
  forbidden: 403,
} as const;
