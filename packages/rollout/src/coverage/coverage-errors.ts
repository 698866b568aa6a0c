/** Error codes of coverage, with their HTTP status (rollout-error.ts gathers every capability's). */
export const COVERAGE_ERRORS = {
  /** An attestation for an install bound to another key, without the old key's proof. */
  install_key_mismatch: 409,
  /** A new install's attestation that does not say where the person lives. */
  home_unit_required: 400,
} as const;
