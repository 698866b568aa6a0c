/**
 * Fake traffic. A phone that never tests positive still sends decoy verify/certificate/publish
 * requests now and then, so a network observer cannot tell who uploads keys. Decoys carry
 * `X-Chaff: 1` (inside TLS, like Google's servers) and a `padding` field; the server answers
 * with a response of the same shape and a similar size, and stores nothing.
 */
import type { Context } from 'hono';
import { type Random, randomInt } from '../clock';

export const CHAFF_HEADER = 'x-chaff';

export function isChaff(c: Context): boolean {
  return c.req.header(CHAFF_HEADER) !== undefined;
}

/** Random base64 of 0.5–1.5 × `approxBytes`, so sizes do not fingerprint decoys. */
export function randomPadding(random: Random, approxBytes = 512): string {
  const n = Math.floor(approxBytes / 2) + randomInt(random, approxBytes);
  return Buffer.from(random.bytes(n)).toString('base64');
}
