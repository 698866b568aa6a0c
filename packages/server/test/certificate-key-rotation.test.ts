// Rotating our own certificate signing key: the new key is registered at once, signs once every
// process's authority cache has seen it, and the old one stays valid only as long as the
// certificates it signed can still be used — on both dialects, with a second server context on
// the same database standing in for a second process.
import { randomBytes, randomUUID } from 'node:crypto';
import { exposureKeyHmac, toBase64 } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import {
  checkedApp,
  createTestContext,
  createTestDatabase,
  DIALECTS,
  endpointCaller,
  TEST_EPOCH,
  type TestContext,
  testConfig,
} from '@bluezone/test-support/server';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAuthority, revokeAuthorityKey } from '../src/authorities/authorities-repository';
import { ManualClock } from '../src/clock';
import type { ServerContext } from '../src/feature';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import { silentLogger } from '../src/logging';
import { openServerContext } from '../src/server';
import {
  CERTIFICATE_KEY_ACTIVATION_MS,
  CERTIFICATE_KEY_CACHE_MS,
  CERTIFICATE_KEY_OVERLAP_MS,
  CERTIFICATE_TTL_MS,
  certificateKeys,
  rotateCertificateKey,
} from '../src/verification/certificate';
import { ensureOwnAuthority } from '../src/verification/verification-feature';
import { ACCEPT_ALL, certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

/** Long enough for a rotated-in key to sign in every process. */
const UNTIL_ACTIVE = CERTIFICATE_KEY_ACTIVATION_MS + CERTIFICATE_KEY_CACHE_MS;
const MINUTE = 60_000;

const kidOf = (certificate: string) => decodeProtectedHeader(certificate).kid;

describe.each(DIALECTS)('certificate key rotation on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** A fresh certificate from `client`'s server and a publish of its keys through `publisher`. */
  async function certifyAndKeys(client: TestApi = api) {
    const keys = dailyKeys(t.clock.now(), 2);
    return { keys, cert: await certify(client, keys) };
  }

  const ownKeys = async () =>
    (await findAuthority(t.ctx.database, 'vn.bluezone'))?.keys.map((k) => [k.kid, k.version, k.validFrom, k.validThru]);

  it('registers the next kid, ends the old key after the overlap and signs with the new one once active', async () => {
    const before = await certifyAndKeys();
    expect(kidOf(before.cert.certificate)).toBe('v1');
    const start = t.clock.now();
    t.clock.advance(5_000);
    const rotatedAt = t.clock.now();
    const rotated = await rotateCertificateKey(t.ctx);
    expect(rotated).toMatchObject({
      kid: 'v2',
      signsFrom: rotatedAt + CERTIFICATE_KEY_ACTIVATION_MS,
      previousKids: ['v1'],
      previousValidThru: rotatedAt + CERTIFICATE_KEY_OVERLAP_MS,
    });
    expect(await ownKeys()).toEqual([
      ['v1', 1, start, rotatedAt + CERTIFICATE_KEY_OVERLAP_MS],
      ['v2', 2, rotatedAt, null],
    ]);
    // The overlap covers a whole certificate life plus the activation delay: nothing older.
    expect(CERTIFICATE_KEY_OVERLAP_MS).toBeGreaterThan(CERTIFICATE_TTL_MS + UNTIL_ACTIVE);
    expect(CERTIFICATE_KEY_OVERLAP_MS).toBeLessThanOrEqual(CERTIFICATE_TTL_MS + UNTIL_ACTIVE + 2 * MINUTE);

    // Until every process can verify v2, v1 keeps signing.
    const during = await certifyAndKeys();
    expect(kidOf(during.cert.certificate)).toBe('v1');
    expect((await api.call(keyServerApi.publish, publishBody(during.keys, during.cert))).status).toBe(200);

    t.clock.advance(UNTIL_ACTIVE);
    const after = await certifyAndKeys();
    expect(kidOf(after.cert.certificate)).toBe('v2');
    const published = await api.call(keyServerApi.publish, publishBody(after.keys, after.cert));
    expect([published.status, published.body.insertedExposures]).toEqual([200, 2]);

    // A second rotation: v3, v2 ends after the overlap, v1 keeps its earlier end.
    t.clock.advance(MINUTE);
    const third = await rotateCertificateKey(t.ctx);
    expect([third.kid, third.previousKids]).toEqual(['v3', ['v1', 'v2']]);
    expect((await ownKeys())?.map((k) => k[3])).toEqual([
      rotatedAt + CERTIFICATE_KEY_OVERLAP_MS,
      t.clock.now() + CERTIFICATE_KEY_OVERLAP_MS,
      null,
    ]);
  });

  it('publishes a certificate issued just before the rotation for its 15 minutes, and refuses the old key after its end', async () => {
    const oldKeys = await certificateKeys(t.ctx);
    expect(oldKeys.kid).toBe('v1');
    const issuedBefore = await certifyAndKeys();
    const rotated = await rotateCertificateKey(t.ctx);

    t.clock.advance(CERTIFICATE_TTL_MS - MINUTE);
    const late = await api.call(keyServerApi.publish, publishBody(issuedBefore.keys, issuedBefore.cert));
    expect([late.status, late.body.insertedExposures]).toEqual([200, 2]);

    // Past the old key's end, a certificate signed with it — however fresh its claims — is refused.
    t.clock.set(rotated.previousValidThru);
    const keys = dailyKeys(t.clock.now(), 2);
    const hmacKey = randomBytes(32);
    const now = Math.floor(t.clock.now() / 1000);
    const stale = await new SignJWT({
      reportType: 'confirmed',
      tekmac: exposureKeyHmac(nodeBackend, keys, hmacKey),
      trisk: [],
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'v1' })
      .setIssuer(t.config.certificateIssuer)
      .setAudience(t.config.certificateAudience)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + CERTIFICATE_TTL_MS / 1000)
      .sign(oldKeys.privateKey);
    const refused = await api.call(
      keyServerApi.publish,
      publishBody(keys, { certificate: stale, hmacKey: toBase64(hmacKey) }),
    );
    expect([refused.status, refused.body.code]).toEqual([401, 'certificate_invalid']);
    expect(refused.body.error).toContain('"v1"');

    // While the same claims signed with the current key publish.
    const fresh = await certifyAndKeys();
    expect(kidOf(fresh.cert.certificate)).toBe('v2');
    expect((await api.call(keyServerApi.publish, publishBody(fresh.keys, fresh.cert))).status).toBe(200);
  });

  it('a second server process on the same database signs with the new key, and both accept it', async () => {
    const secondDb = t.testDb.reopen();
    let second: ServerContext | undefined;
    try {
      second = await openServerContext(t.config, {
        features: KEY_SERVER_FEATURES,
        clock: t.clock,
        logger: silentLogger,
        database: secondDb,
      });
      const secondApp = checkedApp(createApp(second, KEY_SERVER_FEATURES));
      const request = async (url: string, init?: RequestInit) => secondApp.request(url, init);
      const secondApi: TestApi = { ...api, request, call: endpointCaller('http://bluezone.test', request) };
      // The second process has chosen v1 and cached the authority before the rotation.
      const early = await certifyAndKeys(secondApi);
      expect(kidOf(early.cert.certificate)).toBe('v1');
      expect((await secondApi.call(keyServerApi.publish, publishBody(early.keys, early.cert))).status).toBe(200);

      await rotateCertificateKey(t.ctx);
      t.clock.advance(UNTIL_ACTIVE);
      const issued = await certifyAndKeys(secondApi);
      expect(kidOf(issued.cert.certificate)).toBe('v2');
      const viaSecond = await secondApi.call(keyServerApi.publish, publishBody(issued.keys, issued.cert));
      expect([viaSecond.status, viaSecond.body.insertedExposures]).toEqual([200, 2]);
      const another = await certifyAndKeys(secondApi);
      expect((await api.call(keyServerApi.publish, publishBody(another.keys, another.cert))).status).toBe(200);
    } finally {
      await secondDb.destroy();
    }
  });

  it('replaces a revoked key: certificates fail with a clear 503 (the token kept for a retry) until a rotation, then use the new key at once', async () => {
    await certificateKeys(t.ctx);
    const revokedAt = t.clock.now();
    await revokeAuthorityKey(t.ctx.database, revokedAt, 'vn.bluezone', 'v1');
    t.clock.advance(CERTIFICATE_KEY_CACHE_MS);
    const keys = dailyKeys(t.clock.now(), 2);
    const issued = await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin });
    const verified = await api.call(
      keyServerApi.verify,
      { code: issued.body.code, accept: ACCEPT_ALL },
      { apiKey: api.device },
    );
    const refused = await api.call(
      keyServerApi.certificate,
      { token: verified.body.token, ekeyhmac: exposureKeyHmac(nodeBackend, keys, randomBytes(32)) },
      { apiKey: api.device },
    );
    expect([refused.status, refused.body.code]).toEqual([503, 'certificate_key_unavailable']);
    expect(refused.body.error).toContain('bluezone certificate-key rotate');
    // A process started now still starts (and `bluezone authority …` still works).
    const restarted = await openServerContext(t.config, {
      features: KEY_SERVER_FEATURES,
      clock: t.clock,
      logger: silentLogger,
      database: t.ctx.database,
    });
    await expect(ensureOwnAuthority(restarted)).resolves.toBeUndefined();

    const rotated = await rotateCertificateKey(t.ctx);
    expect(rotated.previousKids).toEqual(['v1']);
    // The revocation's earlier end stands.
    expect((await ownKeys())?.[0]?.[3]).toBe(revokedAt);
    // The refused request left its token unused: the phone's retry gets its certificate.
    const retried = await api.call(
      keyServerApi.certificate,
      { token: verified.body.token, ekeyhmac: exposureKeyHmac(nodeBackend, keys, randomBytes(32)) },
      { apiKey: api.device },
    );
    expect(retried.status).toBe(200);
    expect(kidOf(retried.body.certificate)).toBe('v2');
    const replaced = await certifyAndKeys();
    expect(kidOf(replaced.cert.certificate)).toBe('v2');
    expect((await api.call(keyServerApi.publish, publishBody(replaced.keys, replaced.cert))).status).toBe(200);
  });
});

describe.each(DIALECTS)('certificate keys of an existing deployment on %s', (dialect) => {
  it('keep v1 and its private key across restarts', async () => {
    const testDb = await createTestDatabase(dialect);
    try {
      const start = () =>
        openServerContext(testConfig(testDb.dataDir), {
          features: KEY_SERVER_FEATURES,
          clock: new ManualClock(TEST_EPOCH),
          logger: silentLogger,
          database: testDb.database,
        });
      const v1 = await certificateKeys(await start());
      const restarted = await start();
      const again = await certificateKeys(restarted);
      expect(again.kid).toBe('v1');
      const spki = async (k: CryptoKey) => Buffer.from(await crypto.subtle.exportKey('spki', k)).toString('base64');
      expect(await spki(again.publicKey)).toBe(await spki(v1.publicKey));
      const own = await findAuthority(testDb.database, 'vn.bluezone');
      expect(own?.keys.map((k) => [k.kid, k.validThru])).toEqual([['v1', null]]);
    } finally {
      await testDb.cleanup();
    }
  });
});
