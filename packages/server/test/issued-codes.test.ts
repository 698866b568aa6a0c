// The health console's issued codes kept on the server: who issued each, the phone's last 3 digits
// only, status (issued, used, expired, revoked), search by code or phone digits, revoke by the next
// shift, and deletion after the retention period.
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import { createApiKey } from '../src/apikeys/api-key';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';
import type { SmsMessage } from '../src/sms/sms-sender';
import { purgeIssuedCodes } from '../src/verification/issued-codes';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'mật-khẩu-y-tế';
const DAY = 86_400_000;

interface Listed {
  uuid: string;
  status: string;
  issuedBy: string;
  phoneLast3: string | null;
  revokedBy: string | null;
  testType: string;
}

describe.each(DIALECTS)('issued codes on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  let device: string;
  const sent: SmsMessage[] = [];
  const sessions: Record<string, Record<string, string>> = {};

  const call = (path: string, init: { method?: string; body?: unknown; as?: string } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(init.as ? sessions[init.as] : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const issue = async (as: string, phone?: string) => {
    const res = await call('/api/issue', {
      method: 'POST',
      as,
      body: { testType: 'confirmed', ...(phone ? { phone } : {}) },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { uuid: string; code: string; longCode: string };
  };
  const list = async (query = '', as = 'yte') => {
    const res = await call(`/api/issued-codes${query}`, { as });
    expect(res.status).toBe(200);
    return ((await res.json()) as { codes: Listed[] }).codes;
  };

  /** Sessions last 12 hours: the tests that move the clock further log in again. */
  async function logIn() {
    for (const username of ['yte', 'yte2', 'huyen']) {
      const res = await call('/api/auth/login', { method: 'POST', body: { username, password: PASSWORD } });
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      sessions[username] = {
        cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string,
        'x-csrf-token': csrfToken,
      };
    }
  }

  beforeEach(async () => {
    t = await createTestContext(dialect, { ISSUED_CODES_RETENTION_DAYS: '14' });
    t.ctx.sms = { send: async (m) => void sent.push(m) };
    app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const db = accountDb(t.ctx.database);
    for (const [username, displayName, role] of [
      ['yte', 'Cán bộ y tế Hoa', 'health_staff'],
      ['yte2', 'Cán bộ y tế Lan', 'health_staff'],
      ['huyen', 'Ban chỉ đạo', 'district'],
    ] as const) {
      await createUser(db, undefined, t.clock, { username, displayName, role, password: PASSWORD }, FAST);
    }
    await logIn();
    device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('keeps who issued each code and the last 3 digits of its phone, never the number', async () => {
    const a = await issue('yte', '0912345678');
    t.clock.advance(60_000);
    const b = await issue('yte2');
    const codes = await list('', 'huyen');
    expect(codes.map((c) => [c.uuid, c.issuedBy, c.phoneLast3, c.status])).toEqual([
      [b.uuid, 'Cán bộ y tế Lan', null, 'issued'],
      [a.uuid, 'Cán bộ y tế Hoa', '678', 'issued'],
    ]);
    expect(sent.map((m) => m.phone)).toEqual(['0912345678']);
    const rows = await t.ctx.database.db
      .selectFrom('issued_code_record' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toContain('0912345678');
    expect(JSON.stringify(rows)).not.toContain(a.code);
  });

  it('finds a code by the code itself or the phone digits, and filters by status', async () => {
    const a = await issue('yte', '0912345678');
    const b = await issue('yte', '+84987654321');
    const c = await issue('yte');
    expect((await list(`?q=${a.code}`)).map((x) => x.uuid)).toEqual([a.uuid]);
    expect((await list(`?q=${b.longCode}`)).map((x) => x.uuid)).toEqual([b.uuid]);
    expect((await list('?q=678')).map((x) => x.uuid)).toEqual([a.uuid]);
    expect((await list('?q=21')).map((x) => x.uuid)).toEqual([b.uuid]);
    expect(await list('?q=00000000')).toEqual([]);
    const bad = await call('/api/issued-codes?q=12345', { as: 'yte' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_request', field: 'q' });

    // A phone uses c: it is "used"; 25 hours later a is "expired".
    const verify = await app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': device },
      body: JSON.stringify({ code: c.code }),
    });
    expect(verify.status).toBe(200);
    expect((await list('?status=used')).map((x) => x.uuid)).toEqual([c.uuid]);
    t.clock.advance(25 * 3600_000);
    await logIn();
    expect((await list('?status=expired')).map((x) => x.uuid).sort()).toEqual([a.uuid, b.uuid].sort());
    expect(await list('?status=issued')).toEqual([]);
  });

  it('lets the next shift revoke a code, which then fails on a phone; a used code stays used', async () => {
    const a = await issue('yte', '0912345678');
    const revoke = (uuid: string, as = 'yte2') => call(`/api/issued-codes/${uuid}/revoke`, { method: 'POST', as });
    const res = await revoke(a.uuid);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: { uuid: a.uuid, status: 'revoked', revokedBy: 'Cán bộ y tế Lan' } });
    const verify = await app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': device },
      body: JSON.stringify({ code: a.code }),
    });
    expect(await verify.json()).toMatchObject({ code: 'code_invalid' });
    expect((await revoke(a.uuid)).status).toBe(200); // again: nothing changes

    const b = await issue('yte');
    await app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': device },
      body: JSON.stringify({ code: b.code }),
    });
    const used = await revoke(b.uuid);
    expect(used.status).toBe(409);
    expect(await used.json()).toMatchObject({ code: 'code_already_used' });
    expect((await revoke('no-such-uuid')).status).toBe(404);
    // Without the CSRF token a session cannot revoke.
    const forged = await app.request(`/api/issued-codes/${b.uuid}/revoke`, {
      method: 'POST',
      headers: { cookie: sessions.yte?.cookie as string },
    });
    expect(forged.status).toBe(403);
  });

  it('deletes records after the retention period', async () => {
    await issue('yte', '0912345678');
    t.clock.advance(13 * DAY);
    await logIn();
    const recent = await issue('yte');
    expect(await purgeIssuedCodes(t.ctx)).toBe(0);
    t.clock.advance(1 * DAY + 1);
    await logIn();
    expect(await purgeIssuedCodes(t.ctx)).toBe(1);
    expect((await list()).map((x) => x.uuid)).toEqual([recent.uuid]);
    const res = await call('/api/issued-codes', { as: 'yte' });
    expect(await res.json()).toMatchObject({ retentionDays: 14 });
  });
});
