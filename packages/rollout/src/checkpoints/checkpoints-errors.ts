/** Error codes of office checkpoints: why a visitor's token is refused. */
export const CHECKPOINTS_ERRORS = {
  token_forged: 400,
  token_expired: 400,
  token_replayed: 409,
} as const;
