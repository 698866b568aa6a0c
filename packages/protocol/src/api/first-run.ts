/**
 * First run: what the login page says about the server it talks to (no user yet, which
 * database, demo users with the published password) and the one-time setup that creates the
 * first administrator from the browser. Setup needs the setup code the server prints at start
 * (`bluezone server`'s output): whoever can read the server's console is its operator; anyone
 * else who reaches the page before the operator cannot take the server over.
 */
import * as z from 'zod/mini';
import { sessionInfo } from './accounts';
import { endpoint } from './endpoint';

/** Where the data lives, shown on the login and first-run pages while no real user exists. */
export const databaseDescription = z.object({
  dialect: z.enum(['sqlite', 'postgres']),
  /** The SQLite file's folder (BLUEZONE_DATA_DIR) or PostgreSQL's host, port and database. */
  location: z.string(),
  /** SQLite in the default `./data` (BLUEZONE_DATA_DIR unset): the only place demo users are created. */
  defaultDataDir: z.boolean(),
});

export const setupStatus = endpoint({
  method: 'GET',
  path: '/api/setup/status',
  response: z.object({
    /** No user exists: the page offers the first-run form instead of the login. */
    needsSetup: z.boolean(),
    /** Only while there is no real user (no user at all, or only demo users); absent afterwards. */
    database: z.optional(databaseDescription),
    /** Demo users whose password is still the published one (their usernames). */
    demoUsers: z.array(z.string()),
    /** The published demo password, when demoUsers is not empty. */
    demoPassword: z.optional(z.string()),
  }),
});

/**
 * Setup codes are 16 characters of Crockford's base32 in groups of four; case, dashes and spaces
 * are ignored, and the look-alikes I, L and O are read as 1 and 0 (the server folds them).
 */
export const SETUP_CODE_PATTERN = /^[0-9A-Z]{4}([\s-]?[0-9A-Z]{4}){3}$/i;

export const setup = endpoint({
  method: 'POST',
  path: '/api/setup',
  request: z.object({
    setupCode: z.string().check(z.trim(), z.regex(SETUP_CODE_PATTERN, 'must be the setup code the server printed')),
    username: z.string().check(z.minLength(1), z.maxLength(100)),
    displayName: z.optional(z.string().check(z.maxLength(200))),
    password: z.string().check(z.maxLength(256)),
  }),
  /** The new administrator, logged in (the session cookie comes with it). */
  response: z.extend(sessionInfo, { expiresAt: z.string() }),
});

export type DatabaseDescription = z.infer<typeof databaseDescription>;
export type SetupStatus = z.infer<typeof setupStatus.response>;
