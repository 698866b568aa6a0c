/**
 * The logged-in user on a request, and what that user may do in places built for API keys:
 * admin and district sessions act as an admin key; health staff only on the verification
 * endpoints (issuing and expiring codes). Device keys (apps) have no session equivalent. Other
 * features read the user through the core's request principal (http/request-principal.ts);
 * the rollout toolkit derives its unit scopes from it.
 */
import type { Context } from 'hono';
import type { UserPrincipal } from '../http/request-principal';
import { userOf } from '../http/request-principal';
import { ServerError } from '../http/server-error';
import type { UserRole } from './user-role';

/** A session as stored: its user and its CSRF synchronizer token. */
export interface SessionUser {
  userId: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitCode: string | null;
  csrfToken: string;
}

/** What sessionMiddleware puts on a request: the core's user principal with the session's token. */
export interface SessionPrincipal extends UserPrincipal, SessionUser {
  role: UserRole;
}

/** The health-staff console's endpoints (verification/verification-routes.ts, issued-codes-routes.ts). */
const HEALTH_STAFF_PATHS: ReadonlySet<string> = new Set(['/api/issue', '/api/checkcodestatus', '/api/expirecode']);
const HEALTH_STAFF_PREFIX = '/api/issued-codes';

function isHealthStaffPath(path: string): boolean {
  return HEALTH_STAFF_PATHS.has(path) || path === HEALTH_STAFF_PREFIX || path.startsWith(`${HEALTH_STAFF_PREFIX}/`);
}

/** The API key role a user of `role` stands for on `path`, or undefined. */
export function apiKeyRoleOf(role: UserRole, path: string): 'admin' | undefined {
  return role === 'admin' || role === 'district' || (role === 'health_staff' && isHealthStaffPath(path))
    ? 'admin'
    : undefined;
}

export function toSessionPrincipal(user: SessionUser, path: string): SessionPrincipal {
  return { ...user, actsAsApiKey: apiKeyRoleOf(user.role, path) };
}

/** The session on this request, set by sessionMiddleware; undefined when an API key is presented. */
export function sessionOf(c: Context): SessionPrincipal | undefined {
  // Only sessionMiddleware sets the user, and always as a SessionPrincipal.
  return userOf(c) as SessionPrincipal | undefined;
}

export function requireUserRole(c: Context, ...roles: UserRole[]): SessionPrincipal {
  const s = sessionOf(c);
  if (!s) throw new ServerError('unauthorized', 401, 'log in first');
  if (!roles.includes(s.role)) throw new ServerError('forbidden', 403, `this needs the ${roles.join(' or ')} role`);
  return s;
}
