/**
 * Error codes of campaigns: a template naming a field its audience cannot fill; a schedule with
 * no run left (a one-off time already past, unless sending now was asked for).
 */
export const CAMPAIGNS_ERRORS = {
  unknown_placeholder: 400,
  schedule_in_past: 400,
} as const;
