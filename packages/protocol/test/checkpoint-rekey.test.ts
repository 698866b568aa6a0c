import { describe, expect, it } from 'vitest';
import { checkpointKeyPair, signCheckpointRekey, verifyCheckpointRekey } from '../src/index';

const seed = (b: number) => new Uint8Array(32).fill(b);

describe('checkpoint re-key proof', () => {
  const old = checkpointKeyPair(seed(1));
  const next = checkpointKeyPair(seed(2));
  const installId = 'install-aaaaaaaaaaaa';

  it('verifies the old key signing the new one for this install only', () => {
    const sig = signCheckpointRekey(old.secretKey, installId, next.publicKey);
    expect(verifyCheckpointRekey(old.publicKey, installId, next.publicKey, sig)).toBe(true);
    expect(verifyCheckpointRekey(old.publicKey, 'install-bbbbbbbbbbbb', next.publicKey, sig)).toBe(false);
    expect(verifyCheckpointRekey(old.publicKey, installId, old.publicKey, sig)).toBe(false);
    expect(verifyCheckpointRekey(next.publicKey, installId, next.publicKey, sig)).toBe(false);
  });

  it('is not a proof when signed by the new key or unreadable', () => {
    const selfSigned = signCheckpointRekey(next.secretKey, installId, next.publicKey);
    expect(verifyCheckpointRekey(old.publicKey, installId, next.publicKey, selfSigned)).toBe(false);
    expect(verifyCheckpointRekey(old.publicKey, installId, next.publicKey, 'not base64url!')).toBe(false);
    expect(verifyCheckpointRekey(old.publicKey, installId, next.publicKey, 'AAAA')).toBe(false);
    expect(verifyCheckpointRekey('AAAA', installId, next.publicKey, selfSigned)).toBe(false);
  });
});
