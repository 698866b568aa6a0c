/**
 * The setup code that lets the operator create the first administrator from the browser. The
 * first-run page is open to anyone who reaches the server before an account exists, so it asks
 * for a code only the server's console shows (`bluezone server` prints it at start, and the link
 * that carries it): whoever can read that output runs the server. Localhost-only setup was the
 * alternative, but behind a reverse proxy every request comes from localhost, and an operator
 * installing on a remote machine browses from elsewhere.
 *
 * 16 characters of Crockford's base32 (80 bits from the CSPRNG), shown in groups of four; typing
 * is forgiving (case, dashes, I/L for 1, O for 0). The code is a server secret, stored sealed, so
 * every process on one database prints and accepts the same one; it opens nothing once a user
 * exists.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../feature';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_NAME = 'first-run-setup-code';

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The code as people type it: upper case, no separators, Crockford's look-alikes folded. */
export function normalizeSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** Groups of four for display: `K7QM-2XPD-9WRT-H3C8`. */
export function formatSetupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** This server's setup code (created on first use, shared by every process on the database). */
export async function setupCode(ctx: Pick<ServerContext, 'secrets' | 'random'>): Promise<string> {
  return ctx.secrets.get(SECRET_NAME, () => encode(ctx.random.bytes(10)));
}

export async function isSetupCode(ctx: Pick<ServerContext, 'secrets' | 'random'>, typed: string): Promise<boolean> {
  const expected = Buffer.from(await setupCode(ctx));
  const given = Buffer.from(normalizeSetupCode(typed));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
