/**
 * Roles of web users. District-wide roles see the whole district; unit-scoped roles
 * (unit_manager, gatekeeper) carry the unit code whose subtree they work in.
 */
export const USER_ROLES = ['admin', 'district', 'health_staff', 'unit_manager', 'gatekeeper'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const UNIT_SCOPED_ROLES: readonly UserRole[] = ['unit_manager', 'gatekeeper'];

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}
