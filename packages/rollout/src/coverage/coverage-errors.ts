/** Error codes of coverage, with their HTTP status (rollout-error.ts gathers every capability's). */
export const COVERAGE_ERRORS = {
  /** An attestation for an install bound to another key, without the old key's proof. */
  install_key_mismatch: 409,
} as const;
