/**
 * Login CSRF (logging a victim into the attacker's account, or here setting up a server with the
 * attacker's admin): a browser always sends Origin on a cross-site POST; refuse one that is not
 * this site. Used by the routes that take no session yet (login, first-run setup).
 */
import type { Context } from 'hono';
import { ServerError } from '../http/server-error';

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function refuseCrossSiteForm(c: Context): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null' && hostOf(origin) !== c.req.header('host')) {
    throw new ServerError('csrf_failed', 403, 'a form from another site is not allowed here');
  }
}
