// The BZC1 checkpoint token, the one definition the app signs with and the key server verifies
// with. Key derivation is checked against RFC 8032 §7.1 TEST 1 and against node:crypto; the token
// for a fixed seed and fixed claims is pinned (Ed25519 is deterministic), a value computed once
// with this code and confirmed byte for byte by node:crypto's own Ed25519 signature.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import {
  CHECKPOINT_TOKEN_LIFETIME_S,
  CHECKPOINT_TOKEN_PREFIX,
  CHECKPOINT_TOKEN_SKEW_S,
  type CheckpointTokenClaims,
  checkpointKeyPair,
  encodeCheckpointPayload,
  fromBase64url,
  fromHex,
  parseCheckpointToken,
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
const CLAIMS: CheckpointTokenClaims = {
  installId: 'app-install-000000001',
  issuedAt: NOW / 1000,
  nonce: 'AAECAwQFBgcI',
  tracingActive: true,
};
const PINNED_TOKEN =
  'BZC1.eyJpIjoiYXBwLWluc3RhbGwtMDAwMDAwMDAxIiwidCI6MTc5NTU5NzIwMCwibiI6IkFBRUNBd1FGQmdjSSIsImEiOnRydWV9' +
  '.5O3D9Z2scrymCXSf8O8I21UzQN1BfX-mQl2MhZo3lv0Cp9YYydjZZaQtKzFVwNJk-OMm3cT40frprcRg5k4DDQ';

const key = checkpointKeyPair(RFC8032_SECRET);
const forged = expect.objectContaining({ name: 'ProtocolError', code: 'invalid_checkpoint_token' });
const expired = expect.objectContaining({ name: 'ProtocolError', code: 'checkpoint_token_expired' });
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** An Ed25519 PKCS#8 key for node:crypto from a 32-byte seed (RFC 8410 §7 prefix). */
function nodePrivateKey(seed: Uint8Array) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
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

describe('checkpoint token', () => {
  it('is the pinned string for a fixed seed and claims, payload keys in the order i, t, n, a', () => {
    const token = signCheckpointToken(RFC8032_SECRET, CLAIMS);
    expect(token).toBe(PINNED_TOKEN);
    expect(token.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)).toBe(true);
    const payload = new TextDecoder().decode(encodeCheckpointPayload(CLAIMS));
    expect(payload).toBe('{"i":"app-install-000000001","t":1795597200,"n":"AAECAwQFBgcI","a":true}');
    expect(token.split('.')[1]).toBe(b64url(payload));
  });

  it('carries the signature node:crypto makes over the payload bytes', () => {
    const [, payload, signature] = PINNED_TOKEN.split('.');
    const nodeSignature = sign(null, Buffer.from(payload ?? '', 'base64url'), nodePrivateKey(RFC8032_SECRET));
    expect(nodeSignature.toString('base64url')).toBe(signature);
  });

  it('verifies with its claims intact, and parses without a key', () => {
    expect(verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW + 5_000)).toEqual(CLAIMS);
    const parsed = parseCheckpointToken(` ${PINNED_TOKEN}\n`);
    expect(parsed.claims).toEqual(CLAIMS);
    expect(parsed.signature.length).toBe(64);
  });

  it('verifies a token node:crypto signed in the same format', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x as string;
    const payload = Buffer.from(JSON.stringify({ i: CLAIMS.installId, t: NOW / 1000, n: 'abc', a: false }));
    const tok = `BZC1.${payload.toString('base64url')}.${sign(null, payload, privateKey).toString('base64url')}`;
    expect(verifyCheckpointToken(tok, x, NOW).tracingActive).toBe(false);
  });

  it('is valid from TOKEN_SKEW_S before issue until TOKEN_LIFETIME_S after', () => {
    expect(CHECKPOINT_TOKEN_LIFETIME_S).toBe(120);
    expect(CHECKPOINT_TOKEN_SKEW_S).toBe(30);
    expect(verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW + 120_000).installId).toBe(CLAIMS.installId);
    expect(verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW - 30_000).installId).toBe(CLAIMS.installId);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW + 121_000)).toThrow(expired);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW + 121_000)).toThrow('ask for a fresh QR');
    expect(() => verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW - 31_000)).toThrow(forged);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, key.publicKey, NOW - 31_000)).toThrow('future');
  });

  it('is refused under another install key, without a key, or under a key that is not one', () => {
    const other = checkpointKeyPair(new Uint8Array(32).fill(7));
    expect(() => verifyCheckpointToken(PINNED_TOKEN, other.publicKey, NOW)).toThrow(forged);
    expect(() => verifyCheckpointToken(PINNED_TOKEN, other.publicKey, NOW)).toThrow('signature does not match');
    expect(() => verifyCheckpointToken(PINNED_TOKEN, null, NOW)).toThrow('no checkpoint key');
    for (const bad of ['', 'AAAA', 'not base64url!', key.publicKey.slice(1)]) {
      expect(() => verifyCheckpointToken(PINNED_TOKEN, bad, NOW)).toThrow(forged);
    }
  });

  it('is refused when tampered: any claim changed, or the signature altered', () => {
    const [prefix, payload, sig] = PINNED_TOKEN.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    for (const change of [{ a: false }, { t: 1 }, { i: 'someone-else' }, { n: 'AAAAAAAAAAAA' }]) {
      const tampered = `${prefix}.${b64url(JSON.stringify({ ...claims, ...change }))}.${sig}`;
      expect(() => verifyCheckpointToken(tampered, key.publicKey, NOW)).toThrow(forged);
    }
    const flipped = Uint8Array.from(fromBase64url(sig ?? ''));
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => verifyCheckpointToken(`${prefix}.${payload}.${toBase64url(flipped)}`, key.publicKey, NOW)).toThrow(
      forged,
    );
  });

  it('refuses what is not a token, each with its reason', () => {
    const [, payload, sig] = PINNED_TOKEN.split('.');
    const cases: [string, string][] = [
      ['hello', 'not a Bluezone'],
      [`BZC2.${payload}.${sig}`, 'not a Bluezone'],
      [`BZC1.${payload}`, 'not a Bluezone'],
      [`BZC1.${payload}.${sig}.x`, 'not a Bluezone'],
      [`BZC1.${payload}=.${sig}`, 'not readable'],
      [`BZC1.${b64url('{"i":')}.${sig}`, 'not readable'],
      [`BZC1.${toBase64url(Uint8Array.of(0xff, 0xfe))}.${sig}`, 'not readable'],
      [`BZC1.${payload}.${sig?.slice(0, 40)}`, 'wrong length'],
    ];
    for (const [token, reason] of cases) {
      expect(() => parseCheckpointToken(token), token).toThrow(forged);
      expect(() => parseCheckpointToken(token), token).toThrow(reason);
    }
    expect(() => parseCheckpointToken(undefined as unknown as string)).toThrow(forged);
  });

  it('refuses a payload that is JSON null, an array, a number, a string, or lacks a field (not a TypeError)', () => {
    const sig = PINNED_TOKEN.split('.')[2];
    const payloads = [
      'null',
      '[]',
      '[1,2,3,4]',
      '42',
      '"BZC1"',
      'true',
      '{}',
      '{"i":"a","t":1,"n":"x"}',
      '{"i":"a","t":"1","n":"x","a":true}',
      '{"i":1,"t":1,"n":"x","a":true}',
      '{"i":"a","t":1,"n":null,"a":true}',
      '{"i":"a","t":1,"n":"x","a":"yes"}',
      '{"i":"a","t":1e999,"n":"x","a":true}',
    ];
    for (const json of payloads) {
      const token = `BZC1.${b64url(json)}.${sig}`;
      expect(() => verifyCheckpointToken(token, key.publicKey, NOW), json).toThrow(forged);
      expect(() => verifyCheckpointToken(token, key.publicKey, NOW), json).toThrow('lacks its fields');
    }
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
