/** Error codes of units, with their HTTP status (rollout-error.ts gathers every capability's). */
export const UNITS_ERRORS = {
  unknown_unit: 404,
} as const;
