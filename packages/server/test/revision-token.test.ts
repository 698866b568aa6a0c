import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRevisionToken, openRevisionToken, REVISION_TOKEN_TTL_MS } from '../src/publish/revision-token';

describe.each(DIALECTS)('revision tokens on %s', (dialect) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** The server secret as jose used it before tokens were made with node:crypto. */
  const joseKey = () => t.ctx.secrets.cryptoKey('revision-token-a256gcm', 'AES-GCM', ['encrypt', 'decrypt']);
  const refusal = { code: 'invalid_revision_token', status: 400 };

  it('opens its own tokens until they expire, and names the keys sorted', async () => {
    const token = await createRevisionToken(t.ctx, ['b', 'a']);
    expect([...(await openRevisionToken(t.ctx, token))]).toEqual(['a', 'b']);
    t.clock.advance(REVISION_TOKEN_TTL_MS - 1000);
    expect((await openRevisionToken(t.ctx, token)).size).toBe(2);
    t.clock.advance(1000);
    await expect(openRevisionToken(t.ctx, token)).rejects.toMatchObject(refusal);
  });

  it('is the JWE jose made: tokens issued before open, and jose opens the new ones', async () => {
    const now = Math.floor(t.clock.now() / 1000);
    const issuedBefore = await new EncryptJWT({ keys: ['k1', 'k2'] })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .encrypt(await joseKey());
    expect([...(await openRevisionToken(t.ctx, issuedBefore))]).toEqual(['k1', 'k2']);
    const { payload, protectedHeader } = await jwtDecrypt(await createRevisionToken(t.ctx, ['k3']), await joseKey(), {
      currentDate: new Date(t.clock.now()),
    });
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(payload).toEqual({ keys: ['k3'], iat: now, exp: now + REVISION_TOKEN_TTL_MS / 1000 });
  });

  it('refuses tampered, foreign and malformed tokens', async () => {
    const token = await createRevisionToken(t.ctx, ['a']);
    const parts = token.split('.');
    const flip = (i: number) =>
      parts
        .map((p, j) => {
          if (j !== i) return p;
          const bytes = Buffer.from(p, 'base64url');
          bytes[0] = (bytes[0] ?? 0) ^ 1;
          return bytes.toString('base64url');
        })
        .join('.');
    const now = Math.floor(t.clock.now() / 1000);
    const otherServer = await new EncryptJWT({ keys: ['a'] })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(now + 3600)
      .encrypt(new Uint8Array(32));
    const noKeys = await new EncryptJWT({ other: 1 })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(now + 3600)
      .encrypt(await joseKey());
    const noExpiry = await new EncryptJWT({ keys: ['a'] })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(await joseKey());
    for (const bad of [flip(0), flip(2), flip(3), flip(4), otherServer, noKeys, noExpiry, 'abc.def', '', `${token}.`]) {
      await expect(openRevisionToken(t.ctx, bad)).rejects.toMatchObject(refusal);
    }
  });
});
