/**
 * Web accounts' HTTP API: log in and out (a session cookie plus a CSRF token every
 * state-changing request carries in X-CSRF-Token), and the admin screens' users and API keys.
 */
import * as z from 'zod/mini';
import { endpoint } from './endpoint';
import { API_KEY_ROLES, USER_ROLES } from './vocabulary';

export { USER_ROLES, type UserRole } from './vocabulary';

export const user = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  /** The unit whose subtree a unit-scoped user works in; null for district-wide roles. */
  unitCode: z.nullable(z.string()),
  /** Too many failed logins: locked for a while, or until an admin unlocks. */
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const sessionInfo = z.object({ user, csrfToken: z.string() });

export const login = endpoint({
  method: 'POST',
  path: '/api/auth/login',
  request: z.object({
    username: z.string().check(z.minLength(1), z.maxLength(100)),
    password: z.string().check(z.minLength(1), z.maxLength(256)),
  }),
  response: z.extend(sessionInfo, { expiresAt: z.string() }),
});

/** Answers 204 with no body. */
export const logout = endpoint({ method: 'POST', path: '/api/auth/logout' });

export const me = endpoint({ method: 'GET', path: '/api/auth/me', response: sessionInfo });

export const listUsers = endpoint({
  method: 'GET',
  path: '/api/accounts/users',
  response: z.object({ users: z.array(user) }),
});

export const createUser = endpoint({
  method: 'POST',
  path: '/api/accounts/users',
  request: z.object({
    username: z.string().check(z.minLength(1), z.maxLength(100)),
    displayName: z.optional(z.string().check(z.maxLength(200))),
    /** Checked with the unit against USER_ROLES by the server, which names the roles in its answer. */
    role: z.string(),
    unitCode: z.optional(z.nullable(z.string().check(z.maxLength(32)))),
    password: z.string().check(z.maxLength(256)),
  }),
  response: z.object({ user }),
});

export const updateUser = endpoint({
  method: 'PATCH',
  path: '/api/accounts/users/:id',
  request: z.object({
    displayName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    role: z.optional(z.string()),
    unitCode: z.optional(z.nullable(z.string().check(z.maxLength(32)))),
    password: z.optional(z.string().check(z.maxLength(256))),
    disabled: z.optional(z.boolean()),
    unlock: z.optional(z.literal(true)),
  }),
  response: z.object({ user }),
});

export const apiKeySummary = z.object({
  id: z.number(),
  /** The first characters, enough to recognise a key; the key itself is never stored. */
  prefix: z.string(),
  realm: z.string(),
  role: z.enum(API_KEY_ROLES),
  createdAt: z.string(),
  revokedAt: z.nullable(z.string()),
});

export const listApiKeys = endpoint({
  method: 'GET',
  path: '/api/accounts/api-keys',
  response: z.object({ keys: z.array(apiKeySummary) }),
});

export const createdApiKey = z.object({
  id: z.number(),
  /** The key itself, in this one answer only; the server keeps its hash. */
  key: z.string(),
  realm: z.string(),
  role: z.enum(API_KEY_ROLES),
});

export const createApiKey = endpoint({
  method: 'POST',
  path: '/api/accounts/api-keys',
  request: z.object({ role: z.enum(API_KEY_ROLES), realm: z.optional(z.string()) }),
  response: createdApiKey,
});

export const revokeApiKey = endpoint({
  method: 'POST',
  path: '/api/accounts/api-keys/:id/revoke',
  response: z.object({ id: z.number(), revoked: z.literal(true) }),
});

export type User = z.infer<typeof user>;
export type SessionInfo = z.infer<typeof sessionInfo>;
export type ApiKeySummary = z.infer<typeof apiKeySummary>;
export type CreatedApiKey = z.infer<typeof createdApiKey>;
