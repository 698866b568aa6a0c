// The app's checkpoint token builder against the server's own verifier (not a re-implementation):
// the token the phone shows must be exactly what packages/server accepts, and nothing else.
import { generateKeyPairSync, sign } from 'node:crypto';
import {
  buildCheckpointToken,
  CHECKPOINT_TOKEN_PREFIX,
  checkpointKeyPair,
  newCheckpointKeyPair,
  seededRandom,
  toBase64url,
} from '@bluezone/client';
import { rollout } from '@bluezone/server';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);

describe('checkpoint token builder', () => {
  const random = seededRandom(7);
  const key = newCheckpointKeyPair(random);
  const installId = 'app-install-000000001';

  it('is accepted by the server verifier with its claims intact', () => {
    const token = buildCheckpointToken(key, { installId, issuedAtMs: NOW + 999, tracingActive: true }, random);
    expect(token.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)).toBe(true);
    const claims = rollout.verifyCheckpointToken(token, key.publicKey, NOW + 5_000);
    expect(claims).toMatchObject({ installId, issuedAt: NOW / 1000, tracingActive: true });
    expect(claims.nonce).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('derives the same public key as Node for the same seed (RFC 8032 key generation)', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' }) as { d: string; x: string };
    const seed = Uint8Array.from(Buffer.from(jwk.d, 'base64url'));
    expect(checkpointKeyPair(seed).publicKey).toBe(jwk.x);
    // And a server-side signature over our payload format verifies against our public key.
    const payload = Buffer.from(JSON.stringify({ i: installId, t: NOW / 1000, n: 'abc', a: false }));
    const tok = `BZC1.${payload.toString('base64url')}.${sign(null, payload, privateKey).toString('base64url')}`;
    expect(rollout.verifyCheckpointToken(tok, checkpointKeyPair(seed).publicKey, NOW).tracingActive).toBe(false);
  });

  it('gives a new nonce every time and carries tracing off', () => {
    const a = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: false }, random);
    const b = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: false }, random);
    const ca = rollout.verifyCheckpointToken(a, key.publicKey, NOW);
    const cb = rollout.verifyCheckpointToken(b, key.publicKey, NOW);
    expect(ca.nonce).not.toBe(cb.nonce);
    expect(ca.tracingActive).toBe(false);
  });

  it('is refused under another install key, expired, or tampered', () => {
    const token = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: true }, random);
    const other = newCheckpointKeyPair(seededRandom(8));
    expect(() => rollout.verifyCheckpointToken(token, other.publicKey, NOW)).toThrow(
      expect.objectContaining({ code: 'token_forged' }),
    );
    expect(() => rollout.verifyCheckpointToken(token, key.publicKey, NOW + 121_000)).toThrow(
      expect.objectContaining({ code: 'token_expired' }),
    );
    const [prefix, payload, sig] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    forged.a = false;
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(() => rollout.verifyCheckpointToken(tampered, key.publicKey, NOW)).toThrow(
      expect.objectContaining({ code: 'token_forged' }),
    );
  });

  it('encodes base64url without padding and rejects a seed of the wrong length', () => {
    expect(toBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(() => checkpointKeyPair(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
