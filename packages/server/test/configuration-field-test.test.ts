// A field test's enrolments on the key server (POST /api/configuration/field-test): one BZFT1
// token per phone label, signed by the export keys phones already trust (as GET /api/export-keys
// publishes them), for the server's region and the asked window; refused with a 400
// field_test_invalid problem naming the field for a bad or duplicate label, no phones or too many,
// an end before the start, a test longer than 14 days or one whose export time is over (and with
// invalid_request for a malformed body), nothing written; for admins only. One short log line.
import {
  decodeFieldTestToken,
  FIELD_TEST_EXPORT_DAYS,
  type FieldTestEnrolment,
  MAX_FIELD_TEST_DAYS,
  verifyFieldTestEnrolment,
} from '@bluezone/protocol';
import { fieldTestApi, type keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import {
  checkedApp,
  createTestContext,
  createTestUser,
  DIALECTS,
  logInAs,
  type TestContext,
} from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { rotateSigningKey } from '../src/export/signing-keys';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';
import { createLogger } from '../src/logging';

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
const PATH = fieldTestApi.issueFieldTest.path;

describe.each(DIALECTS)('POST /api/configuration/field-test on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  let adminKey: string;
  let logged: Record<string, unknown>[];
  beforeEach(async () => {
    logged = [];
    const logger = createLogger('info', (line) => logged.push(JSON.parse(line) as Record<string, unknown>));
    t = await createTestContext(dialect, {}, { logger });
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    adminKey = (await createApiKey(t.ctx.database, t.clock, 'admin', 'default')).key;
    await createTestUser(t, { username: 'admin', role: 'admin', unitCode: null, password: PASSWORD });
    await createTestUser(t, { username: 'huyen', role: 'district', unitCode: null, password: PASSWORD });
  });
  afterEach(() => t.cleanup());

  /** A week from tomorrow 08:00 in Vietnam (the test clock is at 2026-11-20T00:00Z). */
  const request = (over: Partial<fieldTestApi.IssueFieldTestRequest> = {}): fieldTestApi.IssueFieldTestRequest => ({
    testId: 'nam-dong-2026-11',
    phones: ['T01', 'T02', 'T03'],
    startsAt: '2026-11-21T08:00:00+07:00',
    endsAt: '2026-11-28T17:00:00+07:00',
    ...over,
  });
  const issue = (body: unknown, headers: Record<string, string> = { 'x-api-key': adminKey }) =>
    app.request(PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  async function publishedKeys() {
    const res = await app.request('/api/export-keys');
    const body = (await res.json()) as keyServerApi.ExportKeysResponse;
    return body.keys.map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId }));
  }
  const signingKeyRows = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('signing_key')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  async function expectRefused(body: unknown, field: string, code: 'field_test_invalid' | 'invalid_request') {
    const res = await issue(body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json(), JSON.stringify(body)).toMatchObject({ code, field });
  }

  it('issues one token per phone that verifies with the published export key, for this region and window', async () => {
    const res = await issue(request());
    expect(res.status).toBe(200);
    const body = (await res.json()) as fieldTestApi.IssueFieldTestResponse;
    const startsAtMs = Date.UTC(2026, 10, 21, 1);
    const endsAtMs = Date.UTC(2026, 10, 28, 10);
    expect(body).toMatchObject({ testId: 'nam-dong-2026-11', region: 'VN', startsAtMs, endsAtMs });
    expect(body.enrolments.map((e) => e.phone)).toEqual(['T01', 'T02', 'T03']);
    const keys = await publishedKeys();
    expect(keys).toHaveLength(1);
    const enrolled = body.enrolments.map((e) => {
      expect(e.token).toMatch(/^BZFT1\.[A-Za-z0-9_-]+$/);
      return verifyFieldTestEnrolment(nodeBackend, decodeFieldTestToken(e.token), keys, {
        region: 'VN',
        nowMs: t.clock.now(),
      });
    });
    expect(enrolled).toEqual(
      ['T01', 'T02', 'T03'].map(
        (phone): FieldTestEnrolment => ({
          kind: 'bluezone-field-test',
          region: 'VN',
          testId: 'nam-dong-2026-11',
          phone,
          startsAtMs,
          endsAtMs,
        }),
      ),
    );
    // Another region's phone refuses it; a token whose label was changed verifies with no key.
    expect(() =>
      verifyFieldTestEnrolment(nodeBackend, decodeFieldTestToken(body.enrolments[0]?.token ?? ''), keys, {
        region: 'LA',
        nowMs: t.clock.now(),
      }),
    ).toThrow(/region/);
    const signed = decodeFieldTestToken(body.enrolments[0]?.token ?? '');
    const forged = { ...signed, payload: signed.payload.replace('"T01"', '"T09"') };
    expect(() => verifyFieldTestEnrolment(nodeBackend, forged, keys, { region: 'VN', nowMs: t.clock.now() })).toThrow(
      /signature/,
    );
  });

  it('signs with both keys of a rotation’s overlap, each verifying alone', async () => {
    await issue(request());
    await rotateSigningKey(t.ctx);
    const res = await issue(request({ phones: ['T01'] }));
    const token = ((await res.json()) as fieldTestApi.IssueFieldTestResponse).enrolments[0]?.token ?? '';
    const signed = decodeFieldTestToken(token);
    expect(signed.signatures).toHaveLength(2);
    const keys = await publishedKeys();
    expect(keys).toHaveLength(2);
    for (const key of keys)
      expect(verifyFieldTestEnrolment(nodeBackend, signed, [key], { region: 'VN', nowMs: t.clock.now() }).phone).toBe(
        'T01',
      );
  });

  it('takes a test of exactly 14 days, 200 phones, and one that ended exactly 7 days ago', async () => {
    const start = Date.UTC(2026, 10, 21);
    const longest = await issue(
      request({
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + MAX_FIELD_TEST_DAYS * DAY).toISOString(),
      }),
    );
    expect(longest.status).toBe(200);
    const phones = Array.from({ length: 200 }, (_, i) => `T${String(i + 1).padStart(3, '0')}`);
    const many = await issue(request({ phones }));
    expect(many.status).toBe(200);
    expect(((await many.json()) as fieldTestApi.IssueFieldTestResponse).enrolments).toHaveLength(200);
    const ended = t.clock.now() - FIELD_TEST_EXPORT_DAYS * DAY;
    const justInTime = await issue(
      request({ startsAt: new Date(ended - 3 * DAY).toISOString(), endsAt: new Date(ended).toISOString() }),
    );
    expect(justInTime.status).toBe(200);
  });

  it('refuses each request the test cannot have with 400 field_test_invalid naming the field, and writes nothing', async () => {
    const start = Date.UTC(2026, 10, 21);
    const ended = t.clock.now() - FIELD_TEST_EXPORT_DAYS * DAY;
    const cases: [unknown, string][] = [
      // Duplicate labels, also when they differ only in case: the second one is named.
      [request({ phones: ['T01', 'T02', 'T01'] }), 'phones.2'],
      [request({ phones: ['T01', 't01'] }), 'phones.1'],
      // More than 200 phones, or none.
      [request({ phones: Array.from({ length: 201 }, (_, i) => `T${i}`) }), 'phones'],
      [request({ phones: [] }), 'phones'],
      // An end before (or at) the start.
      [request({ startsAt: '2026-11-28T17:00:00+07:00', endsAt: '2026-11-21T08:00:00+07:00' }), 'endsAt'],
      [request({ endsAt: '2026-11-21T08:00:00+07:00' }), 'endsAt'],
      // Longer than 14 days, by a millisecond.
      [
        request({
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + MAX_FIELD_TEST_DAYS * DAY + 1).toISOString(),
        }),
        'endsAt',
      ],
      // Ended more than FIELD_TEST_EXPORT_DAYS ago: its phones could no longer export.
      [
        request({ startsAt: new Date(ended - 3 * DAY).toISOString(), endsAt: new Date(ended - 1).toISOString() }),
        'endsAt',
      ],
      // What a truth file cannot name.
      [request({ phones: ['T01', 'Điện thoại 2'] }), 'phones.1'],
      [request({ testId: '' }), 'testId'],
      [request({ testId: 'x'.repeat(65) }), 'testId'],
    ];
    for (const [body, field] of cases) await expectRefused(body, field, 'field_test_invalid');
    // A body not of the contract's shape is the schema's refusal, as on every endpoint.
    const malformed: [unknown, string][] = [
      [request({ startsAt: '2026-11-21 08:00' }), 'startsAt'],
      [request({ endsAt: 1795000000000 as unknown as string }), 'endsAt'],
      [{ ...request(), phones: undefined }, 'phones'],
    ];
    for (const [body, field] of malformed) await expectRefused(body, field, 'invalid_request');
    // Not even the first export key was made: a refusal stops before the signing keys are read.
    expect(await signingKeyRows()).toBe(0);
    expect(logged.filter((l) => l.msg === 'field test enrolments issued')).toEqual([]);
  });

  it('is for admins: 401 without a key, 403 for a device key or a district session, or a session without CSRF', async () => {
    const device = await createApiKey(t.ctx.database, t.clock, 'device', 'default');
    const none = await issue(request(), {});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    for (const headers of [
      { 'x-api-key': 'bz_not_a_key' },
      { 'x-api-key': device.key },
      await logInAs(app.request, 'huyen', PASSWORD),
    ]) {
      const res = await issue(request(), headers);
      expect([401, 403], JSON.stringify(Object.keys(headers))).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await issue(request(), { 'x-api-key': device.key })).status).toBe(403);
    expect((await issue(request(), await logInAs(app.request, 'huyen', PASSWORD))).status).toBe(403);
    const admin = await logInAs(app.request, 'admin', PASSWORD);
    const { 'x-csrf-token': _, ...noCsrf } = admin;
    expect((await issue(request(), noCsrf)).status).toBe(403);
    expect(await signingKeyRows()).toBe(0);
    const session = await issue(request(), admin);
    expect(session.status).toBe(200);
    expect(((await session.json()) as fieldTestApi.IssueFieldTestResponse).enrolments).toHaveLength(3);
  });

  it('logs one short line: the test id and how many phones, no labels or tokens', async () => {
    const res = await issue(request());
    const { enrolments } = (await res.json()) as fieldTestApi.IssueFieldTestResponse;
    const lines = logged.filter((l) => l.msg === 'field test enrolments issued');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ testId: 'nam-dong-2026-11', phoneCount: 3 });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('T02');
    expect(text).not.toContain(enrolments[0]?.token.slice(6, 30));
  });
});
