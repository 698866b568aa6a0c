// Health authorities: publish accepts certificates only from a registered healthAuthorityID,
// verified with that authority's keys by kid, issuer and audience — ours (registered by
// default) and an external verification server's (a key pair generated here, signing the
// claims Google's verification server puts in its certificates).
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { exposureKeyHmac, type PublishKey, ReportType, toBase64 } from '@bluezone/protocol';
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
  type TestDatabase,
  testConfig,
} from '@bluezone/test-support/server';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import {
  addAuthority,
  addAuthorityKey,
  findAuthority,
  listAuthorities,
  revokeAuthorityKey,
} from '../src/authorities/authorities-repository';
import { AUTHORITY_CACHE_MS } from '../src/authorities/authority-cache';
import { ManualClock } from '../src/clock';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import { silentLogger } from '../src/logging';
import { type RunningServer, startServer } from '../src/server';
import { certificateKeys } from '../src/verification/certificate';
import { certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

const ISSUER = 'gov.example.verification';
const AUDIENCE = 'bluezone-keyserver-ext';
const EXTERNAL = 'ext.example';

interface ExternalKey {
  kid: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

function externalKey(kid: string): ExternalKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

interface CertificateOptions {
  issuer?: string;
  audience?: string;
  kid?: string;
  reportType?: string;
  symptomOnsetInterval?: number;
  testDateInterval?: number;
}

/** A certificate as google/exposure-notifications-verification-server signs it (ES256, kid, tekmac). */
async function externalCertificate(
  key: ExternalKey,
  keys: readonly PublishKey[],
  nowMs: number,
  o: CertificateOptions = {},
): Promise<{ certificate: string; hmacKey: string }> {
  const hmacKey = randomBytes(32);
  const claims: Record<string, unknown> = {
    reportType: o.reportType ?? 'confirmed',
    tekmac: exposureKeyHmac(nodeBackend, keys, hmacKey),
    trisk: [],
  };
  if (o.symptomOnsetInterval !== undefined) claims.symptomOnsetInterval = o.symptomOnsetInterval;
  if (o.testDateInterval !== undefined) claims.testDateInterval = o.testDateInterval;
  const certificate = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: o.kid ?? key.kid })
    .setIssuer(o.issuer ?? ISSUER)
    .setAudience(o.audience ?? AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + 900)
    .sign(key.privateKey);
  return { certificate, hmacKey: toBase64(hmacKey) };
}

describe.each(DIALECTS)('health authorities on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  let key1: ExternalKey;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    api = await createTestApi(t);
    key1 = externalKey('ext-v1');
    await addAuthority(t.ctx.database, t.clock.now(), {
      id: EXTERNAL,
      issuer: ISSUER,
      audience: AUDIENCE,
      name: 'Example health department',
    });
    await addAuthorityKey(t.ctx.database, t.clock.now(), {
      authorityId: EXTERNAL,
      kid: key1.kid,
      publicKeyPem: key1.publicKeyPem,
    });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const stored = async () => t.ctx.database.db.selectFrom('exposure').selectAll().execute();

  async function publishExternal(key: ExternalKey, o: CertificateOptions = {}, authority = EXTERNAL) {
    const keys = dailyKeys(t.clock.now(), 3);
    const cert = await externalCertificate(key, keys, t.clock.now(), o);
    return api.call(keyServerApi.publish, { ...publishBody(keys, cert), healthAuthorityID: authority });
  }

  it('refuses an unknown healthAuthorityID with a 401 problem body and stores nothing', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const body = { ...publishBody(keys, await certify(api, keys)), healthAuthorityID: 'xx.unknown' };
    const res = await checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES)).request('/v1/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 401, code: 'unknown_health_authority_id' });
    expect(problem.error).toContain('"xx.unknown"');
    expect(await stored()).toEqual([]);
  });

  it('registers our own verification server under HEALTH_AUTHORITY_ID with its issuer, audience and key', async () => {
    await certificateKeys(t.ctx);
    const own = await findAuthority(t.ctx.database, 'vn.bluezone');
    expect(own).toMatchObject({ issuer: 'bluezone-verification', audience: 'bluezone-keyserver' });
    expect(own?.keys.map((k) => [k.kid, k.version, k.validThru])).toEqual([['v1', 1, null]]);
    expect((await listAuthorities(t.ctx.database)).map((a) => a.id)).toEqual([EXTERNAL, 'vn.bluezone']);
    // Our certificate is not valid for the external authority's id: its issuer and key differ.
    const keys = dailyKeys(t.clock.now(), 2);
    const cert = await certify(api, keys);
    const res = await api.call(keyServerApi.publish, { ...publishBody(keys, cert), healthAuthorityID: EXTERNAL });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('certificate_invalid');
    expect((await api.call(keyServerApi.publish, publishBody(keys, cert))).status).toBe(200);
  });

  it("accepts an external verification server's certificate, with the claims it carries", async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const today = (keys[0] as PublishKey).rollingStartNumber;
    const cert = await externalCertificate(key1, keys, t.clock.now(), {
      reportType: 'likely',
      symptomOnsetInterval: today - 144,
      testDateInterval: today,
    });
    const res = await api.call(keyServerApi.publish, { ...publishBody(keys, cert), healthAuthorityID: EXTERNAL });
    expect(res.status).toBe(200);
    expect(res.body.insertedExposures).toBe(3);
    const rows = await t.ctx.database.db.selectFrom('exposure').selectAll().orderBy('rolling_start', 'desc').execute();
    expect(rows.map((r) => [r.health_authority_id, r.report_type, r.days_since_onset])).toEqual([
      [EXTERNAL, ReportType.ConfirmedClinicalDiagnosis, 1],
      [EXTERNAL, ReportType.ConfirmedClinicalDiagnosis, 0],
      [EXTERNAL, ReportType.ConfirmedClinicalDiagnosis, -1],
    ]);
  });

  it('refuses a certificate with the wrong issuer or audience', async () => {
    const wrongIssuer = await publishExternal(key1, { issuer: 'someone.else' });
    expect([wrongIssuer.status, wrongIssuer.body.code]).toEqual([401, 'certificate_invalid']);
    expect(wrongIssuer.body.error).toContain('iss');
    const wrongAudience = await publishExternal(key1, { audience: 'bluezone-keyserver' });
    expect([wrongAudience.status, wrongAudience.body.code]).toEqual([401, 'certificate_invalid']);
    expect(wrongAudience.body.error).toContain('aud');
    expect(await stored()).toEqual([]);
  });

  it('refuses an unknown kid, a missing kid and a key of another authority', async () => {
    const unknownKid = await publishExternal(key1, { kid: 'ext-v9' });
    expect([unknownKid.status, unknownKid.body.code]).toEqual([401, 'certificate_invalid']);
    expect(unknownKid.body.error).toContain('"ext-v9"');
    // A stranger's key under a registered kid: the signature does not verify.
    const stranger = await publishExternal(externalKey('ext-v1'));
    expect([stranger.status, stranger.body.code]).toEqual([401, 'certificate_invalid']);
    const keys = dailyKeys(t.clock.now(), 1);
    const noKid = await new SignJWT({
      reportType: 'confirmed',
      tekmac: exposureKeyHmac(nodeBackend, keys, randomBytes(32)),
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(t.clock.now() / 1000) + 600)
      .sign(key1.privateKey);
    const res = await api.call(keyServerApi.publish, {
      ...publishBody(keys, { certificate: noKid, hmacKey: toBase64(randomBytes(32)) }),
      healthAuthorityID: EXTERNAL,
    });
    expect([res.status, res.body.code]).toEqual([401, 'certificate_invalid']);
    expect(res.body.error).toContain('kid');
    expect(await stored()).toEqual([]);
  });

  it('refuses a revoked key at once and an expired or not yet valid key', async () => {
    expect((await publishExternal(key1)).status).toBe(200);
    await revokeAuthorityKey(t.ctx.database, t.clock.now(), EXTERNAL, key1.kid);
    const revoked = await publishExternal(key1);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'certificate_invalid']);

    const now = t.clock.now();
    const expiring = externalKey('ext-short');
    await addAuthorityKey(t.ctx.database, now, {
      authorityId: EXTERNAL,
      kid: expiring.kid,
      publicKeyPem: expiring.publicKeyPem,
      validThru: now + 60_000,
    });
    const future = externalKey('ext-future');
    await addAuthorityKey(t.ctx.database, now, {
      authorityId: EXTERNAL,
      kid: future.kid,
      publicKeyPem: future.publicKeyPem,
      validFrom: now + 3600_000,
    });
    expect((await publishExternal(expiring)).status).toBe(200);
    expect((await publishExternal(future)).body.code).toBe('certificate_invalid');
    t.clock.advance(60_000);
    const expired = await publishExternal(expiring);
    expect([expired.status, expired.body.code]).toEqual([401, 'certificate_invalid']);
    t.clock.advance(3600_000);
    expect((await publishExternal(future)).status).toBe(200);
  });

  it('accepts both keys during a rotation', async () => {
    const key2 = externalKey('ext-v2');
    const added = await addAuthorityKey(t.ctx.database, t.clock.now(), {
      authorityId: EXTERNAL,
      kid: key2.kid,
      publicKeyPem: key2.publicKeyPem,
    });
    expect(added.version).toBe(2);
    expect((await publishExternal(key1)).status).toBe(200);
    expect((await publishExternal(key2)).status).toBe(200);
    expect(await stored()).toHaveLength(6);
  });

  it('sees a change made by another process within the cache time', async () => {
    const other = t.testDb.reopen();
    try {
      await revokeAuthorityKey(other, t.clock.now(), EXTERNAL, key1.kid);
      // This process has the authority cached (beforeEach added it, the first publish loads it).
      t.clock.advance(AUTHORITY_CACHE_MS + 1);
      expect((await publishExternal(key1)).body.code).toBe('certificate_invalid');
      // Unknown ids are cached too: one asked for before it exists stays unknown until the cache lapses.
      expect((await publishExternal(key1, {}, 'late.added')).body.code).toBe('unknown_health_authority_id');
      await addAuthority(other, t.clock.now(), { id: 'late.added', issuer: ISSUER, audience: AUDIENCE, name: 'Late' });
      await addAuthorityKey(other, t.clock.now(), {
        authorityId: 'late.added',
        kid: 'k',
        publicKeyPem: key1.publicKeyPem,
      });
      expect((await publishExternal(key1, { kid: 'k' }, 'late.added')).body.code).toBe('unknown_health_authority_id');
      t.clock.advance(AUTHORITY_CACHE_MS);
      expect((await publishExternal(key1, { kid: 'k' }, 'late.added')).status).toBe(200);
    } finally {
      await other.destroy();
    }
  });

  it('refuses bad authorities and keys with a clear error', async () => {
    const db = t.ctx.database;
    const now = t.clock.now();
    const base = { id: 'a.b', issuer: 'i', audience: 'a', name: 'n' };
    await expect(addAuthority(db, now, { ...base, id: 'has space' })).rejects.toThrow('id must be');
    await expect(addAuthority(db, now, { ...base, issuer: ' ' })).rejects.toThrow('issuer must be');
    await expect(addAuthority(db, now, { ...base, id: EXTERNAL })).rejects.toThrow('already exists');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    const keyOf = (o: Partial<Parameters<typeof addAuthorityKey>[2]>) =>
      addAuthorityKey(db, now, { authorityId: EXTERNAL, kid: 'new', publicKeyPem: key1.publicKeyPem, ...o });
    await expect(keyOf({ publicKeyPem: rsa.toString() })).rejects.toThrow('P-256');
    await expect(keyOf({ publicKeyPem: 'not a key' })).rejects.toThrow('not a PEM public key');
    await expect(keyOf({ kid: key1.kid })).rejects.toThrow('already has a key');
    await expect(keyOf({ authorityId: 'nobody' })).rejects.toThrow('no health authority "nobody"');
    await expect(keyOf({ validFrom: now, validThru: now })).rejects.toThrow('valid thru must be after');
    await expect(revokeAuthorityKey(db, now, EXTERNAL, 'nope')).rejects.toThrow('has no key "nope"');
  });
});

describe.each(DIALECTS)('an external verification server end to end over HTTP on %s', (dialect) => {
  let server: RunningServer | undefined;
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await testDb?.cleanup();
  });

  it('publishes with its certificate and with ours on one listening server', async () => {
    testDb = await createTestDatabase(dialect);
    const clock = new ManualClock(TEST_EPOCH + 10 * 3600_000);
    const config = testConfig(testDb.dataDir, { EXPORT_WORKER_INTERVAL_SECONDS: '0', HEALTH_AUTHORITY_ID: 'vn.hue' });
    server = await startServer(config, {
      features: KEY_SERVER_FEATURES,
      clock,
      logger: silentLogger,
      database: testDb.database,
    });
    const db = server.context.database;
    // Registered at start, before any certificate was issued.
    expect((await findAuthority(db, 'vn.hue'))?.keys.map((k) => k.kid)).toEqual(['v1']);
    const key = externalKey('2024-05');
    await addAuthority(db, clock.now(), { id: EXTERNAL, issuer: ISSUER, audience: AUDIENCE, name: 'Example' });
    await addAuthorityKey(db, clock.now(), { authorityId: EXTERNAL, kid: key.kid, publicKeyPem: key.publicKeyPem });

    const url = server.url;
    const call = endpointCaller(url);
    const keys = dailyKeys(clock.now(), 4);
    const external = await call(keyServerApi.publish, {
      ...publishBody(keys, await externalCertificate(key, keys, clock.now())),
      healthAuthorityID: EXTERNAL,
    });
    expect(external.status).toBe(200);
    expect(external.body.insertedExposures).toBe(4);

    const admin = (await createApiKey(db, clock, 'admin')).key;
    const device = (await createApiKey(db, clock, 'device')).key;
    const ours = dailyKeys(clock.now(), 2);
    const request = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
    const cert = await certify({ request, call, admin, device }, ours);
    const asDefault = await call(keyServerApi.publish, publishBody(ours, cert));
    expect(asDefault.body.code).toBe('unknown_health_authority_id'); // vn.bluezone is not this deployment's id
    expect((await call(keyServerApi.publish, { ...publishBody(ours, cert), healthAuthorityID: 'vn.hue' })).status).toBe(
      200,
    );
    const rows = await db.db.selectFrom('exposure').select('health_authority_id').execute();
    expect(rows.map((r) => r.health_authority_id).sort()).toEqual([...Array(4).fill(EXTERNAL), 'vn.hue', 'vn.hue']);
  });
});
