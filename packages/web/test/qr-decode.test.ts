// What the gatekeeper page takes from a scanned QR: the checkpoint token itself, or the token a
// link carries in `t` or `token`; anything else is passed on for the server to refuse.
import { checkpointKeyPair, radioCommitment, signCheckpointToken } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { extractToken } from '../src/qr/qr-decode';

const token = signCheckpointToken(checkpointKeyPair(new Uint8Array(32).fill(1)).secretKey, {
  radioCommitment: radioCommitment({ rpi: new Uint8Array(16), salt: new Uint8Array(16) }),
  issuedAt: 1_795_597_200,
  nonce: 'AAECAwQFBgcI',
  tracingActive: true,
});

describe('extractToken', () => {
  it('takes a token as it is, without surrounding whitespace', () => {
    expect(extractToken(`  ${token}\n`)).toBe(token);
  });

  it('takes the token a link carries', () => {
    expect(extractToken(`https://bluezone.example/c?t=${token}`)).toBe(token);
    expect(extractToken(`https://bluezone.example/c?token=${encodeURIComponent(token)}`)).toBe(token);
  });

  it('passes anything else on unchanged', () => {
    expect(extractToken('hello')).toBe('hello');
    expect(extractToken('https://bluezone.example/c')).toBe('https://bluezone.example/c');
  });
});
