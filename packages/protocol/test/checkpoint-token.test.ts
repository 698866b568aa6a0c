// The BZC2 checkpoint token, the one definition the app signs with, the key server verifies with
// and the gatekeeper's phone checks. Key derivation is checked against RFC 8032 §7.1 TEST 1 and
// against node:crypto; the token for a fixed seed and fixed claims is pinned (Ed25519 is
// deterministic), a value computed once with this code and confirmed byte for byte by
// node:crypto's own Ed25519 signature over the same signing input.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import {
  CHECKPOINT_PAYLOAD_BYTES,
  CHECKPOINT_TOKEN_LIFETIME_S,
  CHECKPOINT_TOKEN_PREFIX,
  CHECKPOINT_TOKEN_SKEW_S,
  type CheckpointTokenClaims,
  checkpointKeyPair,
  encodeCheckpointPayload,
  fromBase64url,
  fromHex,
  parseCheckpointToken,
  radioCommitment,
  signCheckpointToken,
  toBase64url,
  toHex,
  verifyCheckpointToken,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

// RFC 8032 §7.1 TEST 1.
const RFC8032_SECRET = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
// RPI₀ of the GAEN v1.2 test vectors (testdata/), and a counting salt.
const RPI = fromHex('8be6cd37ba4aa4a0ee7cac1f1f58e2ee');
const SALT = fromHex('000102030405060708090a0b0c0d0e0f');
const key = checkpointKeyPair(RFC8032_SECRET);
const CLAIMS: CheckpointTokenClaims = {
  checkpointKey: key.publicKey,
  issuedAt: NOW / 1000,
  nonce: 'AAECAwQFBgcI',
  tracingActive: true,
  radioCommitment: radioCommitment({ rpi: RPI, salt: SALT }),
};
const PINNED_TOKEN =
  'BZC2.11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURprBqOQAAECAwQFBgcIAfxQwfzqGYts65YWI_y-AUYSegnB7U1ZLvUvcSaMeBtK' +
  '.s07W8031mIvqDt9XyFHw4U6qOtGVFNGcDl-s9wbNOGBuwSZEIMMfglYjou0G1oW8znk8C2Vb5HW_ZQ5CE8-YBg';

const forged = expect.objectContaining({ name: 'ProtocolError', code: 'invalid_checkpoint_token' });
const expired = expect.objectContaining({ name: 'ProtocolError', code: 'checkpoint_token_expired' });
const outdated = expect.objectContaining({ name: 'ProtocolError', code: 'checkpoint_token_outdated' });
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** An Ed25519 PKCS#8 key for node:crypto from a 32-byte seed (RFC 8410 §7 prefix). */
function nodePrivateKey(seed: Uint8Array) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** `token` with its payload bytes changed by `edit` and the signature kept. */
function withPayload(token: string, edit: (payload: Uint8Array) => void): string {
  const [prefix, payload, sig] = token.split('.');
  const bytes = Uint8Array.from(fromBase64url(payload ?? ''));
  edit(bytes);
  return `${prefix}.${toBase64url(bytes)}.${sig}`;
}

describe('checkpoint key pair', () => {
  it('derives the RFC 8032 TEST 1 public key, as base64url', () => {
    expect(toHex(fromBase64url(key.publicKey))).toBe(RFC8032_PUBLIC);
    expect(key.publicKey).toBe('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
  });

  it('derives the same public key as Node for the same seed (RFC 8032 key generation)', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' }) as { d: string; x: string };
    expect(checkpointKeyPair(Uint8Array.from(Buffer.from(jwk.d, 'base64url'))).publicKey).toBe(jwk.x);
  });

  it('copies the seed and rejects a seed of the wrong length', () => {
    expect(key.secretKey).not.toBe(RFC8032_SECRET);
    expect(key.secretKey).toEqual(RFC8032_SECRET);
    expect(() => checkpointKeyPair(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'invalid_length' }));
    expect(() => signCheckpointToken(new Uint8Array(33), CLAIMS)).toThrow(
      expect.objectContaining({ code: 'invalid_length' }),
    );
  });
});

describe('checkpoint token BZC2', () => {
  it('is the pinned string for a fixed seed and claims: key, time, nonce, flags, commitment in 78 bytes', () => {
    const token = signCheckpointToken(RFC8032_SECRET, CLAIMS);
    expect(token).toBe(PINNED_TOKEN);
    expect(token.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)).toBe(true);
    const payload = encodeCheckpointPayload(CLAIMS);
    expect(payload.length).toBe(CHECKPOINT_PAYLOAD_BYTES);
    expect(CHECKPOINT_PAYLOAD_BYTES).toBe(78);
    expect(toHex(payload)).toBe(
      `${RFC8032_PUBLIC}6b06a390` +
        '000102030405060708' +
        '01' +
        'fc50c1fcea198b6ceb961623fcbe0146127a09c1ed4d592ef52f71268c781b4a',
    );
    expect(toHex(payload.subarray(32, 36))).toBe((NOW / 1000).toString(16));
    expect(toHex(payload.subarray(36, 45))).toBe('000102030405060708');
    expect(payload[45]).toBe(1);
    expect(toHex(payload.subarray(46))).toBe('fc50c1fcea198b6ceb961623fcbe0146127a09c1ed4d592ef52f71268c781b4a');
    expect(token.split('.')[1]).toBe(toBase64url(payload));
  });

  it('signs the ASCII signing input BZC2.<payload>, as node:crypto does', () => {
    const [prefix, payload, signature] = PINNED_TOKEN.split('.');
    const nodeSignature = sign(null, Buffer.from(`${prefix}.${payload}`), nodePrivateKey(RFC8032_SECRET));
    expect(nodeSignature.toString('base64url')).toBe(signature);
  });

  it('verifies under the key it names, with its claims intact, and parses without verifying', () => {
    expect(verifyCheckpointToken(PINNED_TOKEN, NOW + 5_000)).toEqual(CLAIMS);
    const parsed = parseCheckpointToken(` ${PINNED_TOKEN}\n`);
    expect(parsed.claims).toEqual(CLAIMS);
    expect(parsed.signature.length).toBe(64);
  });

  it('verifies a token node:crypto signed in the same format', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x as string;
    const payload = encodeCheckpointPayload({ ...CLAIMS, checkpointKey: x, tracingActive: false });
    const input = `BZC2.${toBase64url(payload)}`;
    const tok = `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    expect(verifyCheckpointToken(tok, NOW)).toMatchObject({ checkpointKey: x, tracingActive: false });
  });

  it('is valid from TOKEN_SKEW_S before issue until TOKEN_LIFETIME_S after', () => {
    expect(CHECKPOINT_TOKEN_LIFETIME_S).toBe(120);
    expect(CHECKPOINT_TOKEN_SKEW_S).toBe(30);
    expect(verifyCheckpointToken(PINNED_TOKEN, NOW + 120_000).issuedAt).toBe(CLAIMS.issuedAt);
    expect(verifyCheckpointToken(PINNED_TOKEN, NOW - 30_000).issuedAt).toBe(CLAIMS.issuedAt);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, NOW + 121_000)).toThrow(expired);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, NOW + 121_000)).toThrow('ask for a fresh QR');
    expect(() => verifyCheckpointToken(PINNED_TOKEN, NOW - 31_000)).toThrow(forged);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, NOW - 31_000)).toThrow('future');
  });

  it('is refused when any byte of the payload, or the signature, or the version is changed', () => {
    for (let i = 0; i < CHECKPOINT_PAYLOAD_BYTES; i++) {
      const tampered = withPayload(PINNED_TOKEN, (p) => {
        // Flip a bit that keeps the flags byte's unknown bits clear, so the signature is what refuses it.
        p[i] = (p[i] as number) ^ (i === 45 ? 0x01 : 0x80);
      });
      expect(() => verifyCheckpointToken(tampered, NOW), `byte ${i}`).toThrow(forged);
    }
    const [prefix, payload, sig] = PINNED_TOKEN.split('.');
    const flipped = Uint8Array.from(fromBase64url(sig ?? ''));
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => verifyCheckpointToken(`${prefix}.${payload}.${toBase64url(flipped)}`, NOW)).toThrow(
      'signature does not match',
    );
    // Another key put in the payload: the signature no longer verifies under the key the token names.
    const other = checkpointKeyPair(new Uint8Array(32).fill(7));
    const swapped = withPayload(PINNED_TOKEN, (p) => p.set(fromBase64url(other.publicKey), 0));
    expect(() => verifyCheckpointToken(swapped, NOW)).toThrow('signature does not match');
  });

  it('says a BZC1 token comes from an outdated app, and never accepts one', () => {
    const bzc1 = `BZC1.${b64url('{"i":"app-install-000000001","t":1795597200,"n":"AAECAwQFBgcI","a":true}')}.${'A'.repeat(86)}`;
    expect(() => parseCheckpointToken(bzc1)).toThrow(outdated);
    expect(() => verifyCheckpointToken(bzc1, NOW)).toThrow('update the app');
  });

  it('refuses what is not a token, each with its reason, without echoing it', () => {
    const [, payload, sig] = PINNED_TOKEN.split('.');
    const cases: [string, string][] = [
      ['hello', 'not a Bluezone'],
      [`BZC3.${payload}.${sig}`, 'not a Bluezone'],
      [`BZC2.${payload}`, 'not a Bluezone'],
      [`BZC2.${payload}.${sig}.x`, 'not a Bluezone'],
      [`BZC2.${payload}=.${sig}`, 'not readable'],
      [`BZC2.${b64url('{"i":"x"}')}.${sig}`, 'wrong length'],
      [`BZC2.${payload}AA.${sig}`, 'wrong length'],
      [`BZC2.${payload}.${sig?.slice(0, 40)}`, 'wrong length'],
      [`BZC2.${payload}.${sig}~i-bNN7pKpKDufKwfH1ji7gABAgMEBQYHCAkKCwwNDg8`, 'radio part stays'],
      [withPayload(PINNED_TOKEN, (p) => (p[45] = 0x03)), 'unknown flags'],
    ];
    for (const [token, reason] of cases) {
      expect(() => parseCheckpointToken(token), token).toThrow(forged);
      expect(() => parseCheckpointToken(token), token).toThrow(reason);
      try {
        parseCheckpointToken(token);
      } catch (err) {
        expect((err as Error).message).not.toContain(payload);
      }
    }
    expect(() => parseCheckpointToken(undefined as unknown as string)).toThrow(forged);
  });

  it('refuses to sign what it cannot encode', () => {
    const bad = [
      { ...CLAIMS, nonce: 'AAEC' },
      { ...CLAIMS, issuedAt: 1.5 },
      { ...CLAIMS, issuedAt: -1 },
      { ...CLAIMS, radioCommitment: new Uint8Array(31) },
    ];
    for (const claims of bad) expect(() => signCheckpointToken(RFC8032_SECRET, claims)).toThrow();
  });
});

describe('base64url (RFC 4648 §5)', () => {
  it('encodes without padding in the URL-safe alphabet', () => {
    expect(toBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(toBase64url(new Uint8Array())).toBe('');
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect(toBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
    }
  });

  it('refuses padding, the standard alphabet, impossible lengths and non-canonical trailing bits', () => {
    for (const bad of ['-_8=', '+/8', 'A', 'AAAAA', 'a b', '-_9']) {
      expect(() => fromBase64url(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_base64' }));
    }
  });
});
