/** Error codes of install drives, with their HTTP status (rollout-error.ts gathers every capability's). */
export const DRIVES_ERRORS = {
  /**
   * Adding a volunteer to a drive whose retention period has run out: the name and phone would
   * be erased at once, and an invite for a drive long over would credit installs to it.
   */
  drive_closed: 409,
} as const;
