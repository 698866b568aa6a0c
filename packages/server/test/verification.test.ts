import { createSecretKey, randomBytes } from 'node:crypto';
import { keyServerApi } from '@bluezone/protocol/api';
import { createTestContext, DIALECTS, malformed, type TestContext } from '@bluezone/test-support/server';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmsMessage } from '../src/sms/sms-sender';
import { certificateKeys } from '../src/verification/certificate';
import { purgeExpiredVerification } from '../src/verification/purge-expired';
import { refuseInserts } from './support/refused-inserts';
import { ACCEPT_ALL, createTestApi, type TestApi } from './support/test-api';

const MIN = 60_000;
const ekeyhmac = () => randomBytes(32).toString('base64');

describe.each(DIALECTS)('verification on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('issues an 8-digit code for 15 minutes and a 16-character long code for 24 hours', async () => {
    const res = await api.call(
      keyServerApi.issue,
      { testType: 'confirmed', symptomDate: '2026-11-18', tzOffset: 420 },
      { apiKey: api.admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^\d{8}$/);
    expect(res.body.longCode).toMatch(/^[a-z0-9]{16}$/);
    expect(res.body.expiresAtTimestamp * 1000).toBe(t.clock.now() + 15 * MIN);
    expect(res.body.longExpiresAtTimestamp * 1000).toBe(t.clock.now() + 24 * 60 * MIN);
    const stored = await t.ctx.database.db.selectFrom('verification_code').selectAll().executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(res.body.code);
    expect(JSON.stringify(stored)).not.toContain(res.body.longCode);
  });

  it('refuses issue without an admin key', async () => {
    expect((await api.call(keyServerApi.issue, { testType: 'confirmed' })).status).toBe(401);
    expect((await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: 'bza_wrong' })).status).toBe(401);
    const asDevice = await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.device });
    expect(asDevice.status).toBe(403);
    expect(asDevice.body.code).toBe('forbidden');
  });

  it.each([
    [{ testType: 'positive' }, 'testType'],
    [{ testType: 'confirmed', symptomDate: '2026-11-21' }, 'future'],
    [{ testType: 'confirmed', symptomDate: '2026-11-01' }, '14 days'],
    [{ testType: 'confirmed', testDate: '2026-02-30' }, 'calendar date'],
    [{ testType: 'confirmed', tzOffset: 2000 }, 'tzOffset'],
    [{ testType: 'confirmed', phone: 'call me' }, 'phone'],
  ])('refuses issue %j', async (body, message) => {
    const res = await api.call(keyServerApi.issue, malformed(body), { apiKey: api.admin });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.error).toContain(message);
  });

  it('hands the code to the SMS sender a feature provides when a phone is given', async () => {
    const sent: SmsMessage[] = [];
    t.ctx.sms = {
      async send(message) {
        sent.push(message);
      },
    };
    const res = await api.call(
      keyServerApi.issue,
      { testType: 'likely', phone: '+84912345678' },
      { apiKey: api.admin },
    );
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.phone).toBe('+84912345678');
    expect(sent[0]?.text).toContain(res.body.code);
    expect(sent[0]).toMatchObject({ realm: 'default', expiresAt: res.body.longExpiresAtTimestamp * 1000 });
  });

  it('answers 503 sms_unavailable to a phone number when no feature sends SMS, and issues no code', async () => {
    expect(t.ctx.sms).toBeUndefined();
    const res = await api.call(
      keyServerApi.issue,
      { testType: 'likely', phone: '+84912345678' },
      { apiKey: api.admin },
    );
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('sms_unavailable');
    expect(await t.ctx.database.db.selectFrom('verification_code').selectAll().execute()).toHaveLength(0);
  });

  it('verifies a code once, within 15 minutes', async () => {
    const issued = (
      await api.call(keyServerApi.issue, { testType: 'likely', symptomDate: '2026-11-17' }, { apiKey: api.admin })
    ).body;
    t.clock.advance(15 * MIN - 1);
    const ok = await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ testtype: 'likely', symptomDate: '2026-11-17' });
    const again = await api.call(
      keyServerApi.verify,
      { code: issued.code, accept: ACCEPT_ALL },
      { apiKey: api.device },
    );
    expect(again.body.code).toBe('code_invalid');
    const viaLong = await api.call(
      keyServerApi.verify,
      { code: issued.longCode, accept: ACCEPT_ALL },
      { apiKey: api.device },
    );
    expect(viaLong.body.code).toBe('code_invalid');
  });

  it('leaves the code usable when its token could not be recorded, so the phone’s retry gets one', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    const verify = () =>
      api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device });
    // The token's row fails to be written, as a write does when the database fails mid-request.
    const lift = await refuseInserts(t.ctx.database.db, dialect, 'token', 'injected write failure');
    const failed = await verify();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const code = await t.ctx.database.db.selectFrom('verification_code').select('claimed_at').executeTakeFirstOrThrow();
    expect(code.claimed_at).toBeNull();
    await lift();

    const retried = await verify();
    expect(retried.status).toBe(200);
    const certificate = await api.call(
      keyServerApi.certificate,
      { token: retried.body.token, ekeyhmac: ekeyhmac() },
      { apiKey: api.device },
    );
    expect(certificate.status).toBe(200);
    expect((await verify()).body.code).toBe('code_invalid');
  });

  it('expires the short code after 15 minutes but keeps the long code for 24 hours', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    t.clock.advance(15 * MIN);
    expect(
      (await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device })).body
        .code,
    ).toBe('code_invalid');
    t.clock.advance(23 * 60 * MIN);
    expect(
      (await api.call(keyServerApi.verify, { code: issued.longCode, accept: ACCEPT_ALL }, { apiKey: api.device }))
        .status,
    ).toBe(200);
    const other = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    t.clock.advance(24 * 60 * MIN);
    expect(
      (await api.call(keyServerApi.verify, { code: other.longCode, accept: ACCEPT_ALL }, { apiKey: api.device })).body
        .code,
    ).toBe('code_invalid');
  });

  it('refuses unknown codes, other realms and test types the app does not accept', async () => {
    const other = await createTestApi(t, 'other-realm');
    const issued = (await api.call(keyServerApi.issue, { testType: 'likely' }, { apiKey: api.admin })).body;
    expect(
      (await api.call(keyServerApi.verify, { code: '12345678', accept: ACCEPT_ALL }, { apiKey: api.device })).body.code,
    ).toBe('code_invalid');
    expect(
      (await other.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: other.device })).body
        .code,
    ).toBe('code_other_realm');
    const res = await api.call(
      keyServerApi.verify,
      { code: issued.code, accept: ['confirmed'] },
      { apiKey: api.device },
    );
    expect(res.status).toBe(412);
    expect(res.body.code).toBe('unsupported_test_type');
  });

  it('looks codes up and expires them by uuid', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    const status = await api.call(keyServerApi.checkCodeStatus, { uuid: issued.uuid }, { apiKey: api.admin });
    expect(status.body.claimed).toBe(false);
    await api.call(keyServerApi.expireCode, { uuid: issued.uuid }, { apiKey: api.admin });
    expect(
      (await api.call(keyServerApi.verify, { code: issued.longCode, accept: ACCEPT_ALL }, { apiKey: api.device })).body
        .code,
    ).toBe('code_invalid');
    const missing = await api.call(keyServerApi.checkCodeStatus, { uuid: crypto.randomUUID() }, { apiKey: api.admin });
    expect(missing.status).toBe(404);
  });

  it('exchanges a token once for an ES256 certificate addressed to the key server', async () => {
    const issued = (
      await api.call(keyServerApi.issue, { testType: 'confirmed', symptomDate: '2026-11-19' }, { apiKey: api.admin })
    ).body;
    const token = (
      await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device })
    ).body.token;
    const hmac = ekeyhmac();
    const cert = await api.call(keyServerApi.certificate, { token, ekeyhmac: hmac }, { apiKey: api.device });
    expect(cert.status).toBe(200);
    expect(decodeProtectedHeader(cert.body.certificate).alg).toBe('ES256');
    const { payload } = await jwtVerify(cert.body.certificate, (await certificateKeys(t.ctx)).publicKey, {
      audience: 'bluezone-keyserver',
      currentDate: new Date(t.clock.now()),
    });
    expect(payload).toMatchObject({
      reportType: 'confirmed',
      tekmac: hmac,
      symptomOnsetInterval: Date.UTC(2026, 10, 19) / 600_000,
    });
    expect((payload.exp as number) * 1000).toBe(t.clock.now() + 15 * MIN);
    const replay = await api.call(keyServerApi.certificate, { token, ekeyhmac: hmac }, { apiKey: api.device });
    expect(replay.body.code).toBe('token_used');
  });

  it('refuses expired and forged tokens and a bad ekeyhmac', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    const token = (
      await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device })
    ).body.token;
    const forged = await new SignJWT(decodeJwt(token))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(createSecretKey(randomBytes(32)));
    expect(
      (await api.call(keyServerApi.certificate, { token: forged, ekeyhmac: ekeyhmac() }, { apiKey: api.device })).body
        .code,
    ).toBe('token_invalid');
    const [h, p] = token.split('.');
    expect(
      (await api.call(keyServerApi.certificate, { token: `${h}.${p}.`, ekeyhmac: ekeyhmac() }, { apiKey: api.device }))
        .body.code,
    ).toBe('token_invalid');
    expect(
      (await api.call(keyServerApi.certificate, { token, ekeyhmac: 'AAAA' }, { apiKey: api.device })).body.code,
    ).toBe('invalid_request');
    t.clock.advance(24 * 60 * MIN);
    expect(
      (await api.call(keyServerApi.certificate, { token, ekeyhmac: ekeyhmac() }, { apiKey: api.device })).body.code,
    ).toBe('token_expired');
  });

  it('answers decoys with the same shape and claims nothing', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    const decoy = await api.call(
      keyServerApi.verify,
      { code: issued.code, accept: ['confirmed'] },
      { apiKey: api.device, chaff: true },
    );
    expect(decoy.status).toBe(200);
    expect(Object.keys(decoy.body).sort()).toEqual(['symptomDate', 'testDate', 'testtype', 'token']);
    const decoyCert = await api.call(
      keyServerApi.certificate,
      { token: 'x', ekeyhmac: ekeyhmac() },
      { apiKey: api.device, chaff: true },
    );
    expect(Object.keys(decoyCert.body)).toEqual(['certificate']);
    expect(
      (await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device })).status,
    ).toBe(200);
    expect(await t.ctx.database.db.selectFrom('token').selectAll().execute()).toHaveLength(1);
  });

  it('purges expired tokens and certificates at once, codes after the retention', async () => {
    const issued = (await api.call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: api.admin })).body;
    const token = (
      await api.call(keyServerApi.verify, { code: issued.code, accept: ACCEPT_ALL }, { apiKey: api.device })
    ).body.token;
    await api.call(keyServerApi.certificate, { token, ekeyhmac: ekeyhmac() }, { apiKey: api.device });
    expect(await purgeExpiredVerification(t.ctx)).toEqual({ codes: 0, tokens: 0, certificates: 0 });
    t.clock.advance(24 * 60 * MIN + 1);
    expect(await purgeExpiredVerification(t.ctx)).toEqual({ codes: 0, tokens: 1, certificates: 0 });
    t.clock.advance(14 * 24 * 60 * MIN);
    expect((await purgeExpiredVerification(t.ctx)).codes).toBe(1);
  });
});
