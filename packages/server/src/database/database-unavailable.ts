/**
 * Telling "the database cannot be reached right now" apart from every other failure: a request
 * that hits it answers 503 `database_unavailable` (the phone retries later) instead of a bare
 * 500, a background job logs one line instead of a stack, and a server that cannot reach its
 * database at start says so in one line.
 *
 * What counts (walked through `cause` chains, since callers may wrap):
 * - PostgreSQL SQLSTATEs of class 08 (connection exception), 57P01 admin_shutdown (a restart or
 *   pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in
 *   recovery), 53300 too_many_connections
 *   (https://www.postgresql.org/docs/current/errcodes-appendix.html);
 * - the socket errors of an unreachable or reset server (ECONNREFUSED, ECONNRESET, …);
 * - the messages pg and Kysely give a connection that died or never came
 *   ("Connection terminated unexpectedly", "timeout exceeded when trying to connect", …);
 * - SQLite's SQLITE_BUSY after its busy timeout (another process holds the write lock).
 */
import { ServerError } from '../http/server-error';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    database_unavailable: true;
  }
}

const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
]);
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Postgres connection has been discarded/,
  /^Client was closed/,
  /^Cannot use a pool after calling end/,
];

/** Seconds a client is told to wait before retrying (Retry-After); a restart or failover takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Object && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) {
      return true;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

/** A short reason for logs and the start-up line: the error code or message, never a URL or a stack. */
export function unavailableReason(err: unknown): string {
  const e = err instanceof AggregateError && err.errors.length > 0 ? err.errors[0] : err;
  const code = (e as { code?: unknown })?.code;
  const message = (e as { message?: unknown })?.message;
  return [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : undefined]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(': ');
}

/** The 503 a request gets while the database cannot be reached. */
export function databaseUnavailableError(cause?: unknown): ServerError {
  return new ServerError(
    'database_unavailable',
    503,
    'the database is unreachable; retry later',
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Where DATABASE_URL points, for messages: host, port and database name only — the URL may carry
 * a password.
 */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'DATABASE_URL';
  }
}
