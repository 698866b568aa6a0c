/** Error codes of campaigns: a template naming a field its audience cannot fill. */
export const CAMPAIGNS_ERRORS = {
  unknown_placeholder: 400,
} as const;
