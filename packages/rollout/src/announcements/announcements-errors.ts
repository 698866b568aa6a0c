/**
 * Error codes of announcements: the speech synthesiser (espeak-ng, lame) is missing or failed;
 * a retired script was edited or given a broadcast after its retirement; a broadcast reported
 * before its scheduled time (media slots share it, media/media-errors.ts).
 */
export const ANNOUNCEMENTS_ERRORS = {
  tool_missing: 500,
  announcement_retired: 409,
  broadcast_in_future: 409,
} as const;
