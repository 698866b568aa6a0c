// The checkpoint pass: the QR text `<BZC2 token>~<RPI ‖ salt>`, the gatekeeper phone's check of
// it, and why the token alone (what the key server sees and logs) cannot be linked to the
// identifiers a later-published TEK yields (radio-commitment.ts).

import {
  checkpointKeyPair,
  concatBytes,
  formatCheckpointPass,
  fromHex,
  openCheckpointPass,
  PASS_RADIO_SEPARATOR,
  parseCheckpointToken,
  portableBackend,
  RADIO_SALT_BYTES,
  radioCommitment,
  radioCommitmentMatches,
  rollingProximityIdKey,
  rollingProximityIds,
  signCheckpointToken,
  splitCheckpointPass,
  toBase64url,
  toHex,
  utf8,
} from '@bluezone/protocol';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
// The GAEN v1.2 test vectors' TEK (testdata/gaen-vectors): its RPIs are public, as a reported key's are.
const TEK = fromHex('75c734c6dd1a782de7a965da5eb93125');
const FIRST_ENIN = 2642976;
const RPIS = rollingProximityIds(portableBackend, rollingProximityIdKey(portableBackend, TEK), FIRST_ENIN, 144);
const key = checkpointKeyPair(new Uint8Array(32).fill(9));
const rpiAt = (j: number) => RPIS.subarray(j * 16, j * 16 + 16).slice();

function pass(opening = { rpi: rpiAt(57), salt: new Uint8Array(RADIO_SALT_BYTES).fill(0xa5) }, issuedAt = NOW / 1000) {
  const token = signCheckpointToken(key.secretKey, {
    issuedAt,
    nonce: 'AAECAwQFBgcI',
    tracingActive: true,
    radioCommitment: radioCommitment(opening),
  });
  return { token, opening, text: formatCheckpointPass(token, opening) };
}

describe('radio commitment', () => {
  it('is SHA-256 of the domain string, the RPI and the salt', () => {
    const rpi = fromHex('8be6cd37ba4aa4a0ee7cac1f1f58e2ee');
    const salt = fromHex('000102030405060708090a0b0c0d0e0f');
    // Also computed with sha256sum over the same 63 bytes.
    expect(toHex(radioCommitment({ rpi, salt }))).toBe(
      'fc50c1fcea198b6ceb961623fcbe0146127a09c1ed4d592ef52f71268c781b4a',
    );
    expect(radioCommitment({ rpi, salt })).toEqual(
      sha256(concatBytes(utf8.encode('Bluezone BZC2 radio commitment\n'), rpi, salt)),
    );
  });

  it('opens only to the RPI and salt it was made from', () => {
    const { opening } = pass();
    const c = radioCommitment(opening);
    expect(radioCommitmentMatches(c, opening)).toBe(true);
    expect(radioCommitmentMatches(c, { ...opening, rpi: rpiAt(58) })).toBe(false);
    const salt = opening.salt.slice();
    salt[15] = (salt[15] as number) ^ 1;
    expect(radioCommitmentMatches(c, { ...opening, salt })).toBe(false);
    expect(radioCommitmentMatches(c.subarray(0, 31), opening)).toBe(false);
    expect(() => radioCommitment({ rpi: new Uint8Array(15), salt })).toThrow();
    expect(() => radioCommitment({ rpi: rpiAt(0), salt: new Uint8Array(8) })).toThrow();
  });
});

describe("the server's view cannot be linked to a published TEK", () => {
  it('holds no RPI of the TEK, and none of them (unsalted or with a guessable salt) reproduces its commitment', () => {
    const { token, opening } = pass();
    const { claims } = parseCheckpointToken(token);
    const tokenHex = toHex(concatBytes(...token.split('.').map((p) => utf8.encode(p))));
    const seen = toHex(concatBytes(utf8.encode(token)));
    for (let j = 0; j < 144; j++) {
      const rpi = rpiAt(j);
      // What someone holding the token and the published TEK can compute without the salt.
      const unsalted = sha256(rpi);
      for (const salt of [new Uint8Array(16), new Uint8Array(16).fill(0xff), rpi]) {
        expect(radioCommitmentMatches(claims.radioCommitment, { rpi, salt })).toBe(false);
      }
      expect(toHex(claims.radioCommitment)).not.toBe(toHex(unsalted));
      expect(token).not.toContain(toBase64url(rpi));
      expect(seen).not.toContain(toHex(rpi));
      expect(tokenHex).not.toContain(toHex(rpi));
    }
    // …while the gatekeeper, who holds the salt, opens it to RPI₅₇ of that same key.
    expect(radioCommitmentMatches(claims.radioCommitment, opening)).toBe(true);
  });

  it('an unsalted commitment would have been linkable: one of 144 hashes matches (the design this avoids)', () => {
    const heard = rpiAt(57);
    const naive = sha256(heard);
    const matches = Array.from({ length: 144 }, (_, j) => toHex(sha256(rpiAt(j)))).filter((h) => h === toHex(naive));
    expect(matches).toHaveLength(1);
  });
});

describe('checkpoint pass text', () => {
  it('is the token, "~", and base64url of RPI ‖ salt; split gives both halves back', () => {
    const { token, opening, text } = pass();
    expect(text).toBe(`${token}${PASS_RADIO_SEPARATOR}${toBase64url(concatBytes(opening.rpi, opening.salt))}`);
    expect(splitCheckpointPass(` ${text}\n`)).toEqual({ token, radio: opening });
    expect(splitCheckpointPass(token)).toEqual({ token, radio: null });
  });

  it('refuses a radio part that is unreadable or not 32 bytes', () => {
    const { token } = pass();
    for (const bad of [`${token}~`, `${token}~not base64`, `${token}~${toBase64url(new Uint8Array(31))}`]) {
      expect(() => splitCheckpointPass(bad), bad).toThrow(
        expect.objectContaining({ code: 'invalid_checkpoint_token' }),
      );
    }
  });

  it("opens on the gatekeeper's phone: signature, age, and the commitment to the RPI it will listen for", () => {
    const { token, opening, text } = pass();
    const opened = openCheckpointPass(text, NOW + 10_000);
    expect(opened.token).toBe(token);
    expect(opened.radio).toEqual(opening);
    expect(opened.claims.checkpointKey).toBe(key.publicKey);
  });

  it('refuses a pass whose radio part is not the committed one, a bare token, an old or a BZC1 pass', () => {
    const { token, opening } = pass();
    const swapped = formatCheckpointPass(token, { ...opening, rpi: rpiAt(58) });
    expect(() => openCheckpointPass(swapped, NOW)).toThrow(
      expect.objectContaining({ code: 'checkpoint_radio_mismatch' }),
    );
    expect(() => openCheckpointPass(token, NOW)).toThrow(expect.objectContaining({ code: 'invalid_checkpoint_token' }));
    expect(() => openCheckpointPass(pass().text, NOW + 121_000)).toThrow(
      expect.objectContaining({ code: 'checkpoint_token_expired' }),
    );
    const bzc1 = `BZC1.${toBase64url(utf8.encode('{"i":"x","t":1,"n":"a","a":true}'))}.${'A'.repeat(86)}`;
    expect(() => openCheckpointPass(bzc1, NOW)).toThrow(expect.objectContaining({ code: 'checkpoint_token_outdated' }));
  });
});
