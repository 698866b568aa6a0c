// The app's checkpoint pass: a BZC2 token the one verifier accepts (@bluezone/protocol, whose own
// tests pin the format), committing to the RPI the phone advertises now under a fresh salt,
// with that RPI and salt in the QR for the gatekeeper's phone only.
import {
  BluezoneClient,
  buildCheckpointPass,
  MemoryRadio,
  MemoryStore,
  newCheckpointKeyPair,
  seededRandom,
} from '@bluezone/client';
import {
  CHECKPOINT_TOKEN_PREFIX,
  checkpointKeyPair,
  ManualClock,
  openCheckpointPass,
  toBase64url,
  verifyCheckpointToken,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { MIDNIGHT } from './backends';
import { TEST_SERVER } from './test-server';

const NOW = MIDNIGHT + 9 * 3_600_000;

describe('checkpoint pass', () => {
  const random = seededRandom(7);
  const key = newCheckpointKeyPair(random);
  const advertisement = { rpi: Uint8Array.from({ length: 16 }, (_, i) => i + 1), rotateAtMs: NOW + 600_000 };

  it('makes a key pair from 32 bytes of the random source', () => {
    expect(key).toEqual(checkpointKeyPair(seededRandom(7).bytes(32)));
  });

  it("is a token the verifier accepts, with the phone's key, whole seconds and a 9-byte nonce", () => {
    const pass = buildCheckpointPass(key, { issuedAtMs: NOW + 999, tracingActive: true, advertisement }, random);
    expect(pass.token.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)).toBe(true);
    expect(pass.text.startsWith(`${pass.token}~`)).toBe(true);
    const claims = verifyCheckpointToken(pass.token, NOW + 5_000);
    expect(claims).toMatchObject({ checkpointKey: key.publicKey, issuedAt: NOW / 1000, tracingActive: true });
    expect(claims.nonce).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('commits to the advertised RPI, which only the radio part (not the token) carries', () => {
    const pass = buildCheckpointPass(key, { issuedAtMs: NOW, tracingActive: true, advertisement }, random);
    expect(openCheckpointPass(pass.text, NOW).radio.rpi).toEqual(advertisement.rpi);
    expect(pass.token).not.toContain(toBase64url(advertisement.rpi));
  });

  it('gives a new nonce and salt every time, and carries tracing off', () => {
    const a = buildCheckpointPass(key, { issuedAtMs: NOW, tracingActive: false, advertisement }, random);
    const b = buildCheckpointPass(key, { issuedAtMs: NOW, tracingActive: false, advertisement }, random);
    const [oa, ob] = [openCheckpointPass(a.text, NOW), openCheckpointPass(b.text, NOW)];
    expect(oa.claims.nonce).not.toBe(ob.claims.nonce);
    expect(oa.radio.salt).not.toEqual(ob.radio.salt);
    expect(oa.claims.radioCommitment).not.toEqual(ob.claims.radioCommitment);
    expect(oa.claims.tracingActive).toBe(false);
  });

  it('is refreshed every 30 s, or when the RPI rotates, whichever comes first', () => {
    const soon = { ...advertisement, rotateAtMs: NOW + 10_000 };
    expect(buildCheckpointPass(key, { issuedAtMs: NOW, tracingActive: true, advertisement }, random).refreshAtMs).toBe(
      NOW + 30_000,
    );
    expect(
      buildCheckpointPass(key, { issuedAtMs: NOW, tracingActive: true, advertisement: soon }, random).refreshAtMs,
    ).toBe(NOW + 10_000);
  });

  it("commits to exactly what the SDK's key schedule is advertising", async () => {
    const clock = new ManualClock(NOW);
    const radio = new MemoryRadio({ clock, random: seededRandom(2) });
    const phone = new BluezoneClient({
      store: new MemoryStore(),
      transport: radio.transport('visitor'),
      server: TEST_SERVER,
      clock,
      random: seededRandom(3),
      decoys: false,
    });
    await phone.start();
    const pass = buildCheckpointPass(
      key,
      { issuedAtMs: clock.now(), tracingActive: true, advertisement: await phone.keySchedule.advertisement() },
      random,
    );
    expect(radio.transport('visitor').serviceData?.subarray(0, 16)).toEqual(
      openCheckpointPass(pass.text, NOW).radio.rpi,
    );
  });
});
