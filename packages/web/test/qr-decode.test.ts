// What the gatekeeper page takes from a scanned QR: the pass itself, or the pass a link carries
// in `t` or `token`; then the token alone to send, after checking the radio part opens the
// token's commitment (a browser cannot listen for the RPI, but it must not pass on an altered
// pass, nor ever send the RPI and salt to the server).
import { checkpointKeyPair, formatCheckpointPass, radioCommitment, signCheckpointToken } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { extractToken, readPass } from '../src/qr/qr-decode';

const opening = { rpi: new Uint8Array(16).fill(7), salt: new Uint8Array(16).fill(9) };
const token = signCheckpointToken(checkpointKeyPair(new Uint8Array(32).fill(1)).secretKey, {
  radioCommitment: radioCommitment(opening),
  issuedAt: 1_795_597_200,
  nonce: 'AAECAwQFBgcI',
  tracingActive: true,
});
const pass = formatCheckpointPass(token, opening);

describe('extractToken', () => {
  it('takes a pass or token as it is, without surrounding whitespace', () => {
    expect(extractToken(`  ${token}\n`)).toBe(token);
    expect(extractToken(`  ${pass}\n`)).toBe(pass);
  });

  it('takes the pass a link carries', () => {
    expect(extractToken(`https://bluezone.example/c?t=${token}`)).toBe(token);
    expect(extractToken(`https://bluezone.example/c?token=${encodeURIComponent(pass)}`)).toBe(pass);
  });

  it('passes anything else on unchanged', () => {
    expect(extractToken('hello')).toBe('hello');
    expect(extractToken('https://bluezone.example/c')).toBe('https://bluezone.example/c');
  });
});

describe('readPass', () => {
  it('sends the token alone: the RPI and salt stay in the page', () => {
    const read = readPass(pass);
    expect(read).toEqual({ kind: 'token', token });
    expect(JSON.stringify(read)).not.toContain('~');
  });

  it('refuses a pass whose radio part is not the one its token committed to', () => {
    const other = formatCheckpointPass(token, { ...opening, rpi: new Uint8Array(16).fill(8) });
    expect(readPass(other)).toEqual({ kind: 'refused', code: 'radio_mismatch' });
    expect(readPass(`${token}~AAAA`)).toEqual({ kind: 'refused', code: 'radio_mismatch' });
  });

  it('leaves a bare token, or what is not a pass, for the server to judge', () => {
    expect(readPass(token)).toEqual({ kind: 'token', token });
    expect(readPass('hello')).toEqual({ kind: 'token', token: 'hello' });
    expect(readPass(`BZC1.abc.def~${pass.split('~')[1]}`)).toEqual({ kind: 'token', token: 'BZC1.abc.def' });
  });
});
