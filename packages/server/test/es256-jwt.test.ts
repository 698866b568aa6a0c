import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Es256JwtError, type Es256JwtFault, jwtHeader, verifyEs256Jwt } from '../src/authorities/es256-jwt';

const NOW = Date.UTC(2026, 10, 20);
const SECONDS = Math.floor(NOW / 1000);
const expectation = { issuer: 'issuer', audience: 'keyserver', now: NOW };
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWS signed with `key` over whatever header and claims are given (jose would refuse to make some of these). */
function rawJws(header: Record<string, unknown>, claims: unknown, key: KeyObject = privateKey): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const good = { iss: 'issuer', aud: 'keyserver', exp: SECONDS + 600, iat: SECONDS, jti: 'x', reportType: 'confirmed' };
const header = { alg: 'ES256', kid: 'v1' };

/** What jose's jwtVerify (the verifier this replaced) says, in the new verifier's terms. */
async function joseVerdict(token: string): Promise<'ok' | Es256JwtFault> {
  try {
    await jwtVerify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: 'issuer',
      audience: 'keyserver',
      currentDate: new Date(NOW),
      clockTolerance: 0,
    });
    return 'ok';
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return 'expired';
    if (err instanceof joseErrors.JWTClaimValidationFailed && (err.claim === 'iss' || err.claim === 'aud')) {
      return err.claim;
    }
    return 'invalid';
  }
}

function verdict(token: string): 'ok' | Es256JwtFault {
  try {
    verifyEs256Jwt(token, publicKey, expectation);
    return 'ok';
  } catch (err) {
    if (err instanceof Es256JwtError) return err.fault;
    throw err;
  }
}

describe('ES256 JWT verification with node:crypto', () => {
  const genuine = rawJws(header, good);
  const [h, p, s] = genuine.split('.') as [string, string, string];
  const cases: [string, string, 'ok' | Es256JwtFault][] = [
    ['a genuine token', genuine, 'ok'],
    ['one signed by jose', '', 'ok'],
    ['an audience list naming us', rawJws(header, { ...good, aud: ['other', 'keyserver'] }), 'ok'],
    ['no exp', rawJws(header, { ...good, exp: undefined }), 'ok'],
    ['exp now', rawJws(header, { ...good, exp: SECONDS }), 'expired'],
    ['exp past', rawJws(header, { ...good, exp: SECONDS - 1 }), 'expired'],
    ['exp not a number', rawJws(header, { ...good, exp: `${SECONDS + 600}` }), 'invalid'],
    ['nbf in the future', rawJws(header, { ...good, nbf: SECONDS + 1 }), 'invalid'],
    ['nbf now', rawJws(header, { ...good, nbf: SECONDS }), 'ok'],
    ['iat not a number', rawJws(header, { ...good, iat: 'today' }), 'invalid'],
    ['another issuer', rawJws(header, { ...good, iss: 'someone' }), 'iss'],
    ['no issuer', rawJws(header, { ...good, iss: undefined }), 'iss'],
    ['another audience', rawJws(header, { ...good, aud: 'elsewhere' }), 'aud'],
    ['an expired token for another audience', rawJws(header, { ...good, aud: 'x', exp: 1 }), 'aud'],
    ['another key', rawJws(header, good, other.privateKey), 'invalid'],
    ['an expired forgery', rawJws(header, { ...good, exp: 1 }, other.privateKey), 'invalid'],
    ['a tampered payload', `${h}.${b64({ ...good, reportType: 'likely' })}.${s}`, 'invalid'],
    ['a tampered header', `${b64({ ...header, kid: 'v2' })}.${p}.${s}`, 'invalid'],
    [
      'a DER signature',
      `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`,
      'invalid',
    ],
    ['no signature', `${h}.${p}.`, 'invalid'],
    ['a signature with padding', `${h}.${p}.${s}=`, 'invalid'],
    ['alg none', `${b64({ alg: 'none' })}.${p}.`, 'invalid'],
    ['alg HS256', `${b64({ ...header, alg: 'HS256' })}.${p}.${s}`, 'invalid'],
    ['a crit header', rawJws({ ...header, crit: ['exp'] }, good), 'invalid'],
    ['an array payload', rawJws(header, [good]), 'invalid'],
    ['four parts', `${genuine}.x`, 'invalid'],
    ['garbage', 'not a jwt', 'invalid'],
  ];

  it.each(cases)('judges %s as jose did', async (_, built, expected) => {
    const token = built || (await new SignJWT(good).setProtectedHeader(header).sign(privateKey));
    expect(verdict(token)).toBe(expected);
    expect(await joseVerdict(token)).toBe(expected);
  });

  it('returns the verified claims and reads the header without verifying', () => {
    expect(verifyEs256Jwt(genuine, publicKey, expectation)).toEqual(good);
    expect(jwtHeader(genuine)).toEqual(header);
    expect(jwtHeader('bm90IGpzb24.x.y')).toBeUndefined();
    expect(jwtHeader('')).toBeUndefined();
  });
});
