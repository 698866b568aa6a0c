// The app's checkpoint token builder: the token it shows must pass the one verifier the key
// server uses (@bluezone/protocol, whose own tests pin the format), carrying whole seconds and a
// fresh 9-byte nonce each time.
import { buildCheckpointToken, newCheckpointKeyPair, seededRandom } from '@bluezone/client';
import { CHECKPOINT_TOKEN_PREFIX, checkpointKeyPair, verifyCheckpointToken } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);

describe('checkpoint token builder', () => {
  const random = seededRandom(7);
  const key = newCheckpointKeyPair(random);
  const installId = 'app-install-000000001';

  it('makes a key pair from 32 bytes of the random source', () => {
    const seed = seededRandom(7).bytes(32);
    expect(key).toEqual(checkpointKeyPair(seed));
  });

  it('is accepted by the verifier with its claims intact', () => {
    const token = buildCheckpointToken(key, { installId, issuedAtMs: NOW + 999, tracingActive: true }, random);
    expect(token.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)).toBe(true);
    const claims = verifyCheckpointToken(token, key.publicKey, NOW + 5_000);
    expect(claims).toMatchObject({ installId, issuedAt: NOW / 1000, tracingActive: true });
    expect(claims.nonce).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('gives a new nonce every time and carries tracing off', () => {
    const a = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: false }, random);
    const b = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: false }, random);
    const ca = verifyCheckpointToken(a, key.publicKey, NOW);
    const cb = verifyCheckpointToken(b, key.publicKey, NOW);
    expect(ca.nonce).not.toBe(cb.nonce);
    expect(ca.tracingActive).toBe(false);
  });

  it('is refused under another install key, expired, or tampered', () => {
    const token = buildCheckpointToken(key, { installId, issuedAtMs: NOW, tracingActive: true }, random);
    const other = newCheckpointKeyPair(seededRandom(8));
    expect(() => verifyCheckpointToken(token, other.publicKey, NOW)).toThrow(
      expect.objectContaining({ code: 'invalid_checkpoint_token' }),
    );
    expect(() => verifyCheckpointToken(token, key.publicKey, NOW + 121_000)).toThrow(
      expect.objectContaining({ code: 'checkpoint_token_expired' }),
    );
    const [prefix, payload, sig] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    forged.a = false;
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(() => verifyCheckpointToken(tampered, key.publicKey, NOW)).toThrow(
      expect.objectContaining({ code: 'invalid_checkpoint_token' }),
    );
  });
});
