/**
 * Roles of web users. District-wide roles see the whole district; unit-scoped roles
 * (unit_manager, gatekeeper) carry the unit code whose subtree they work in. The list is the
 * contract's (@bluezone/protocol/api accounts.ts).
 */
import { accountsApi } from '@bluezone/protocol/api';

export const USER_ROLES = accountsApi.USER_ROLES;
export type UserRole = accountsApi.UserRole;

export const UNIT_SCOPED_ROLES: readonly UserRole[] = ['unit_manager', 'gatekeeper'];

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}
