/** Error codes of office checkpoints: why a visitor's token, or a change to a checkpoint, is refused. */
export const CHECKPOINTS_ERRORS = {
  token_forged: 400,
  token_expired: 400,
  /** A BZC1 pass: the app is older than the radio check (protocol checkpoint-token.ts). */
  token_outdated: 400,
  token_replayed: 409,
  checkpoint_retired: 409,
  checkpoint_name_taken: 409,
  /** Checkpoints belong to agencies, schools, businesses…, not to villages or communes. */
  not_an_organisation: 400,
} as const;
