/** Error codes of units, with their HTTP status (rollout-error.ts gathers every capability's). */
export const UNITS_ERRORS = {
  unknown_unit: 404,
  /** A new install, an import row or a restore names an archived unit (or one under an archived parent). */
  unit_archived: 409,
  /** Archiving a unit while units under it are not archived. */
  unit_has_children: 409,
} as const;
