/**
 * The `BZC2` checkpoint token: the signed half of the rotating "Bluezone active" pass a
 * visitor's app shows at an office checkpoint, and the key pair behind it. Bluezone's own
 * format, defined only here; the app signs it, the key server verifies it, the gatekeeper's app
 * verifies it too before it listens for the phone's radio (checkpoint-pass.ts).
 *
 * - Key: a per-install Ed25519 key pair (RFC 8032 §5.1.5). The 32-byte seed stays on the phone;
 *   the public key travels as unpadded base64url (RFC 4648 §5) of its 32 bytes, the JWK `x`
 *   form of RFC 8037 §2, in the install attestation's `checkpointKey`.
 * - Token: `BZC2.<payload>.<signature>`, both unpadded base64url. The payload is 78 bytes:
 *     public key (32) ‖ issued at, Unix seconds, uint32 big-endian (4) ‖ nonce (9) ‖
 *     flags (1: bit 0 = tracing on, the other bits zero) ‖ radio commitment (32, radio-commitment.ts)
 *   The signature is Ed25519 (RFC 8032 §5.1.6) over the ASCII text `BZC2.<payload>` exactly as
 *   sent (JWS's signing input, RFC 7515 §5.1), so the version is signed too and the verifier
 *   never re-encodes anything.
 * - Validity: issued at most CHECKPOINT_TOKEN_SKEW_S in the future and at most
 *   CHECKPOINT_TOKEN_LIFETIME_S ago. Each nonce is accepted once; that replay check needs
 *   storage and is the verifier's caller's.
 *
 * Why the token names the public key and not the install id (BZC1 did): whoever read a BZC1 QR
 * had the install id, and with it could attest that install with their own key. A public key
 * lets its holder do nothing; the install id now stays between the phone and the server.
 * Why BZC1 is refused (`checkpoint_token_outdated`) rather than still accepted: a token lives
 * 120 s and is never printed, so no pass needs to stay readable across an update, while
 * accepting BZC1 would let anyone skip the radio check by presenting the older format.
 *
 * Pure JS (@noble/curves), so the same code runs in React Native, browsers and the server.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { assertBytes, fromBase64url, toBase64url, utf8 } from '../bytes';
import { ProtocolError } from '../errors';
import { RADIO_COMMITMENT_BYTES } from './radio-commitment';

export const CHECKPOINT_TOKEN_PREFIX = 'BZC2';
/** Earlier formats, recognised only to say "update the app" instead of "forged". */
export const OUTDATED_CHECKPOINT_TOKEN_PREFIXES: readonly string[] = ['BZC1'];
/** Seconds a token stays valid after issue: long enough to scan a screen, short enough that a screenshot is useless tomorrow. */
export const CHECKPOINT_TOKEN_LIFETIME_S = 120;
/** Tolerated clock skew between phone and verifier, in seconds. */
export const CHECKPOINT_TOKEN_SKEW_S = 30;
/** Random bytes in a nonce (12 base64url characters). */
export const CHECKPOINT_NONCE_BYTES = 9;

const SEED_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
const FLAG_TRACING = 0x01;
/** Offsets in the payload. */
const AT_ISSUED = PUBLIC_KEY_BYTES;
const AT_NONCE = AT_ISSUED + 4;
const AT_FLAGS = AT_NONCE + CHECKPOINT_NONCE_BYTES;
const AT_COMMITMENT = AT_FLAGS + 1;
export const CHECKPOINT_PAYLOAD_BYTES = AT_COMMITMENT + RADIO_COMMITMENT_BYTES;

export interface CheckpointKeyPair {
  /** 32-byte Ed25519 seed; stays on the phone. */
  secretKey: Uint8Array;
  /** base64url of the 32-byte public key: the attestation's `checkpointKey`. */
  publicKey: string;
}

export interface CheckpointTokenClaims {
  /** The signer's public key (base64url): the server finds the install by it. */
  checkpointKey: string;
  /** Unix time in whole seconds. */
  issuedAt: number;
  /** Base64url of CHECKPOINT_NONCE_BYTES random bytes; accepted once per key. */
  nonce: string;
  tracingActive: boolean;
  /** radioCommitment(RPI, salt) of the identifier the phone advertised when it made the pass. */
  radioCommitment: Uint8Array;
}

/** The key pair of a 32-byte seed (RFC 8032 §5.1.5 key generation). */
export function checkpointKeyPair(secretKey: Uint8Array): CheckpointKeyPair {
  assertBytes(secretKey, 'checkpoint secret key', SEED_BYTES);
  return { secretKey: secretKey.slice(), publicKey: toBase64url(ed25519.getPublicKey(secretKey)) };
}

/** The 78 payload bytes of `claims`. */
export function encodeCheckpointPayload(claims: CheckpointTokenClaims): Uint8Array {
  const key = fromBase64url(claims.checkpointKey, 'checkpoint key');
  assertBytes(key, 'checkpoint key', PUBLIC_KEY_BYTES);
  const nonce = fromBase64url(claims.nonce, 'nonce');
  assertBytes(nonce, 'nonce', CHECKPOINT_NONCE_BYTES);
  assertBytes(claims.radioCommitment, 'radio commitment', RADIO_COMMITMENT_BYTES);
  if (!Number.isInteger(claims.issuedAt) || claims.issuedAt < 0 || claims.issuedAt > 0xffffffff) {
    throw new ProtocolError('invalid_argument', `issuedAt must be whole Unix seconds, got ${claims.issuedAt}`);
  }
  const out = new Uint8Array(CHECKPOINT_PAYLOAD_BYTES);
  out.set(key, 0);
  new DataView(out.buffer).setUint32(AT_ISSUED, claims.issuedAt);
  out.set(nonce, AT_NONCE);
  out[AT_FLAGS] = claims.tracingActive ? FLAG_TRACING : 0;
  out.set(claims.radioCommitment, AT_COMMITMENT);
  return out;
}

/** A signed token for `claims` under the install's seed; the key in the payload is the seed's. */
export function signCheckpointToken(
  secretKey: Uint8Array,
  claims: Omit<CheckpointTokenClaims, 'checkpointKey'>,
): string {
  const { publicKey } = checkpointKeyPair(secretKey);
  const signingInput = `${CHECKPOINT_TOKEN_PREFIX}.${toBase64url(encodeCheckpointPayload({ ...claims, checkpointKey: publicKey }))}`;
  return `${signingInput}.${toBase64url(ed25519.sign(utf8.encode(signingInput), secretKey))}`;
}

const forged = (message: string, cause?: unknown) =>
  new ProtocolError('invalid_checkpoint_token', message, cause === undefined ? undefined : { cause });

export interface ParsedCheckpointToken {
  claims: CheckpointTokenClaims;
  /** The ASCII bytes the signature covers: `BZC2.<payload>`. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/**
 * Splits and decodes a token without trusting it. Throws `checkpoint_token_outdated` for a
 * token of an earlier format and `invalid_checkpoint_token` for anything else that is not a
 * `BZC2` token. Never echoes the token in a message.
 */
export function parseCheckpointToken(token: string): ParsedCheckpointToken {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length === 3 && OUTDATED_CHECKPOINT_TOKEN_PREFIXES.includes(parts[0] as string)) {
    throw new ProtocolError(
      'checkpoint_token_outdated',
      `a ${parts[0]} pass comes from an older Bluezone app, which this checkpoint no longer accepts; update the app`,
    );
  }
  if (parts.length !== 3 || parts[0] !== CHECKPOINT_TOKEN_PREFIX) throw forged('not a Bluezone checkpoint token');
  if ((parts[2] as string).includes('~')) {
    throw forged("the pass's radio part stays on the gatekeeper's phone: send only the token before '~'");
  }
  let payload: Uint8Array;
  let signature: Uint8Array;
  try {
    payload = fromBase64url(parts[1] as string, 'token payload');
    signature = fromBase64url(parts[2] as string, 'token signature');
  } catch (err) {
    throw forged('token is not readable', err);
  }
  if (payload.length !== CHECKPOINT_PAYLOAD_BYTES) throw forged('token payload has the wrong length');
  if (signature.length !== SIGNATURE_BYTES) throw forged('token signature has the wrong length');
  const flags = payload[AT_FLAGS] as number;
  if ((flags & ~FLAG_TRACING) !== 0) throw forged('token payload has unknown flags');
  return {
    claims: {
      checkpointKey: toBase64url(payload.subarray(0, PUBLIC_KEY_BYTES)),
      issuedAt: new DataView(payload.buffer, payload.byteOffset).getUint32(AT_ISSUED),
      nonce: toBase64url(payload.subarray(AT_NONCE, AT_FLAGS)),
      tracingActive: (flags & FLAG_TRACING) !== 0,
      radioCommitment: payload.slice(AT_COMMITMENT),
    },
    signingInput: utf8.encode(`${parts[0]}.${parts[1]}`),
    signature,
  };
}

/**
 * Checks the signature under the key the token names and the token's age at `nowMs`. Throws
 * `invalid_checkpoint_token` for a forged, malformed or future-dated token,
 * `checkpoint_token_expired` for an old one, `checkpoint_token_outdated` for a BZC1 token.
 * Whether that key belongs to a registered install, and replay, are the caller's checks.
 */
export function verifyCheckpointToken(token: string, nowMs: number): CheckpointTokenClaims {
  const { claims, signingInput, signature } = parseCheckpointToken(token);
  let valid: boolean;
  try {
    // zip215: false is RFC 8032's strict rule set (canonical encodings), as OpenSSL verifies.
    valid = ed25519.verify(signature, signingInput, fromBase64url(claims.checkpointKey), { zip215: false });
  } catch (err) {
    throw forged('the key in the token is not an Ed25519 public key', err);
  }
  if (!valid) throw forged('token signature does not match its key');
  const now = nowMs / 1000;
  if (claims.issuedAt > now + CHECKPOINT_TOKEN_SKEW_S) throw forged('token is issued in the future');
  if (now - claims.issuedAt > CHECKPOINT_TOKEN_LIFETIME_S) {
    throw new ProtocolError(
      'checkpoint_token_expired',
      `token expired ${Math.round(now - claims.issuedAt - CHECKPOINT_TOKEN_LIFETIME_S)} s ago; ask for a fresh QR`,
    );
  }
  return claims;
}
