/** Error codes of announcements: the speech synthesiser (espeak-ng, lame) is missing or failed. */
export const ANNOUNCEMENTS_ERRORS = {
  tool_missing: 500,
} as const;
