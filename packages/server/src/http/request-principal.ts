/**
 * Who is calling, as the authentication middleware found out: an API key presented in
 * `X-API-Key` (apikeys/api-key-auth.ts), or a logged-in web user (accounts/session-middleware.ts).
 * Features read these instead of each other's middleware: the rollout toolkit derives its
 * scopes from them, the export routes check a user's role.
 */
import type { Context } from 'hono';

/** An API key (or the key a logged-in user stands for, with a negative id). */
export interface ApiKeyPrincipal {
  id: number;
  /** The health authority realm the key belongs to. */
  realm: string;
  /** `admin` or `device` (apikeys/api-key.ts). */
  role: string;
}

/** A logged-in web user; set on requests that present no API key. */
export interface UserPrincipal {
  userId: number;
  username: string;
  displayName: string;
  /** accounts/user-role.ts: admin, district, health_staff, unit_manager, gatekeeper. */
  role: string;
  /** The unit whose subtree a unit-scoped user works in; null for district-wide roles. */
  unitCode: string | null;
  /**
   * The API key role this user stands for on this request, decided by the accounts feature
   * when it resolves the session (admin and district users act as an admin key; health staff
   * only on the verification endpoints); undefined when none.
   */
  actsAsApiKey: string | undefined;
}

/** The logged-in user on this request, or undefined (no session, or an API key was presented). */
export function userOf(c: Context): UserPrincipal | undefined {
  return c.get('user') as UserPrincipal | undefined;
}
