/**
 * Error codes of media ad time. Its refusals use the shared codes (invalid_input, not_found,
 * conflict), schedule_in_past (a slot booked for a time already past, campaigns-errors.ts) and
 * the announcements' announcement_retired and broadcast_in_future (a slot confirmed before it airs).
 */
export const MEDIA_ERRORS = {} as const;
