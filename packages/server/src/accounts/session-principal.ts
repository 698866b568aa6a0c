/**
 * The logged-in user on a request, and what that user may do in places built for API keys:
 * admin and district sessions act as an admin key; health staff only on the verification
 * endpoints (issuing and expiring codes); a unit manager gets the rollout manager scope of their
 * unit's subtree, a gatekeeper the same on their checkpoints only. Device keys (apps) have no session equivalent.
 */
import type { Context } from 'hono';
import { DEFAULT_REALM } from '../apikeys/api-key';
import type { AuthenticatedKey } from '../apikeys/api-key-auth';
import { ServerError } from '../http/server-error';
import type { RolloutScope } from '../rollout/rollout-access';
import type { UserRole } from './user-role';

export interface SessionPrincipal {
  userId: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitCode: string | null;
  csrfToken: string;
}

/** The health-staff console's endpoints (verification/routes.ts). */
const HEALTH_STAFF_PATHS: ReadonlySet<string> = new Set(['/api/issue', '/api/checkcodestatus', '/api/expirecode']);

/**
 * What a gatekeeper may do with their checkpoint (rollout/checkpoint-routes.ts): list checkpoints,
 * scan a visitor, record "no app", read the day's log — not create checkpoints or touch units.
 */
function isGatekeeperRequest(c: Context): boolean {
  const path = c.req.path;
  if (c.req.method === 'GET')
    return path === '/api/rollout/checkpoints' || /^\/api\/rollout\/checkpoints\/\d+\/day$/.test(path);
  return c.req.method === 'POST' && /^\/api\/rollout\/checkpoints\/\d+\/(scan|no-app)$/.test(path);
}

/** The session on this request, set by sessionMiddleware; undefined when an API key is presented. */
export function sessionOf(c: Context): SessionPrincipal | undefined {
  return c.get('session') as SessionPrincipal | undefined;
}

/**
 * The admin-key identity a session stands for on this request: undefined without a session,
 * 403 when the user's role does not grant `role` here. Sessions use the default realm; the id
 * is negative so it can never collide with a stored key's.
 */
export function sessionAsApiKey(c: Context, role: string): AuthenticatedKey | undefined {
  const s = sessionOf(c);
  if (!s) return undefined;
  const allowed =
    role === 'admin' &&
    (s.role === 'admin' || s.role === 'district' || (s.role === 'health_staff' && HEALTH_STAFF_PATHS.has(c.req.path)));
  if (!allowed) throw new ServerError('forbidden', 403, `the ${s.role} role may not use this endpoint`);
  return { id: -s.userId, realm: DEFAULT_REALM, role: 'admin' };
}

/** The rollout scope of a session, undefined without one; roles with no rollout access get 403. */
export function sessionRolloutScope(c: Context): RolloutScope | undefined {
  const s = sessionOf(c);
  if (!s) return undefined;
  const label = `${s.displayName} (${s.username})`;
  if (s.role === 'admin' || s.role === 'district') return { kind: 'admin', label };
  if ((s.role === 'unit_manager' || (s.role === 'gatekeeper' && isGatekeeperRequest(c))) && s.unitCode !== null) {
    return { kind: 'manager', unitCode: s.unitCode, label };
  }
  throw new ServerError('forbidden', 403, `the ${s.role} role has no access to the rollout toolkit`);
}

export function requireUserRole(c: Context, ...roles: UserRole[]): SessionPrincipal {
  const s = sessionOf(c);
  if (!s) throw new ServerError('unauthorized', 401, 'log in first');
  if (!roles.includes(s.role)) throw new ServerError('forbidden', 403, `this needs the ${roles.join(' or ')} role`);
  return s;
}
