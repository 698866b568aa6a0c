import { randomBytes } from 'node:crypto';
import { checkpointKeyPair, signCheckpointToken } from '@bluezone/protocol';
import { type AppEnv, createApiKey, createApp } from '@bluezone/server';
import { DIALECTS } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;

function keyPair(): { privateKey: Uint8Array; x: string } {
  const { secretKey, publicKey } = checkpointKeyPair(randomBytes(32));
  return { privateKey: secretKey, x: publicKey };
}

describe.each(DIALECTS)('office checkpoints on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;
  let device: string;
  let gatekeeper: string;
  let checkpointId: number;
  const visitor = keyPair();
  const installId = 'visitor-install-0001';

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    app = createApp(t.ctx, t.features);
    const db = t.db;
    await seedUnitsIfEmpty(db, t.clock);
    device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
    gatekeeper = (await createRolloutKey(db, t.clock, { unitCode: '483-UBND', name: 'Bảo vệ UBND huyện' })).key;
    const res = await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng chính' });
    expect(res.status).toBe(201);
    checkpointId = ((await res.json()) as { id: number }).id;
    await attest(installId, visitor.x, true);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  function post(path: string, body: object, key = gatekeeper) {
    return app.request(path, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  function attest(id: string, checkpointKey: string, tracingActive: boolean) {
    return post(
      '/api/rollout/attest',
      { unitCode: '20164-01', installId: id, appVersion: '1.0', tracingActive, checkpointKey },
      device,
    );
  }
  const token = (
    over: { privateKey?: Uint8Array; issuedAt?: number; tracingActive?: boolean; installId?: string } = {},
  ) =>
    signCheckpointToken(over.privateKey ?? visitor.privateKey, {
      installId: over.installId ?? installId,
      issuedAt: over.issuedAt ?? Math.floor(t.clock.now() / 1000),
      nonce: randomBytes(9).toString('base64url'),
      tracingActive: over.tracingActive ?? true,
    });
  const scan = (tok: string, direction = 'entry', key = gatekeeper) =>
    post(`/api/rollout/checkpoints/${checkpointId}/scan`, { token: tok, direction }, key);
  async function refused(res: Response, code: string, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe(code);
    return body.detail;
  }

  it('accepts a fresh token once and logs entry and exit', async () => {
    const tok = token();
    const ok = await scan(tok);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: 'active', reason: null });
    expect(await refused(await scan(tok), 'token_replayed', 409)).toContain('already used');
    t.clock.advance(3_600_000);
    expect(await (await scan(token(), 'exit')).json()).toMatchObject({ result: 'active' });
  });

  it('refuses expired, future-dated, forged and tampered tokens with their reason', async () => {
    const old = token();
    t.clock.advance(121_000);
    expect(await refused(await scan(old), 'token_expired', 400)).toContain('expired');
    expect(
      await refused(await scan(token({ issuedAt: Math.floor(t.clock.now() / 1000) + 600 })), 'token_forged', 400),
    ).toContain('future');
    const stranger = keyPair();
    expect(await refused(await scan(token({ privateKey: stranger.privateKey })), 'token_forged', 400)).toContain(
      'signature',
    );
    const [prefix, payload, sig] = token().split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), a: true, t: 1 }),
    ).toString('base64url');
    expect(await refused(await scan(`${prefix}.${altered}.${sig}`), 'token_forged', 400)).toContain('signature');
    expect(await refused(await scan('hello'), 'token_forged', 400)).toContain('not a Bluezone');
    // Payloads that are JSON but not the token's object (null made the verifier throw a TypeError, a 500).
    const noSignature = Buffer.alloc(64).toString('base64url');
    for (const json of ['null', '[]', '42', '"BZC1"', `{"i":"${installId}"}`]) {
      const tok = `BZC1.${Buffer.from(json).toString('base64url')}.${noSignature}`;
      expect(await refused(await scan(tok), 'token_forged', 400)).toContain('lacks its fields');
    }
    expect(await refused(await scan(token({ installId: 'unknown-install-0001' })), 'token_forged', 400)).toContain(
      'no checkpoint key',
    );
  });

  it('logs inactive apps with the reason, and "no app" visitors', async () => {
    expect(await (await scan(token({ tracingActive: false }))).json()).toMatchObject({
      result: 'inactive',
      reason: 'the app reports tracing switched off',
    });
    t.clock.advance(8 * DAY);
    expect(await (await scan(token())).json()).toMatchObject({ result: 'inactive' });
    const noApp = await post(`/api/rollout/checkpoints/${checkpointId}/no-app`, {
      direction: 'entry',
      reason: 'điện thoại không hỗ trợ Bluetooth LE',
      visitor: 'Khách 1',
    });
    expect(noApp.status).toBe(201);
    await attest(installId, visitor.x, true);
    expect(await (await scan(token())).json()).toMatchObject({ result: 'active' });
    expect(await (await scan(token(), 'exit')).json()).toMatchObject({ result: 'active' });

    const day = (await (
      await app.request(`/api/rollout/checkpoints/${checkpointId}/day?date=2026-11-28`, {
        headers: { 'x-api-key': gatekeeper },
      })
    ).json()) as {
      entries: number;
      exits: number;
      activeShare: number;
      log: { result: string; reason: string | null }[];
    };
    expect(day).toMatchObject({ entries: 3, exits: 1 });
    expect(day.activeShare).toBeCloseTo(1 / 3);
    expect(day.log.map((l) => l.result)).toEqual(['inactive', 'no_app', 'active', 'active']);
    const first = (await (
      await app.request(`/api/rollout/checkpoints/${checkpointId}/day?date=2026-11-20`, {
        headers: { 'x-api-key': gatekeeper },
      })
    ).json()) as { entries: number };
    expect(first.entries).toBe(1);
  });

  it('keeps gatekeepers to their own agency', async () => {
    const other = (await createRolloutKey(t.db, t.clock, { unitCode: '20164', name: 'Xã Hương Phú' })).key;
    expect((await scan(token(), 'entry', other)).status).toBe(403);
    expect((await post('/api/rollout/checkpoints', { unitCode: '20164-01', name: 'x' }, other)).status).toBe(400);
    expect((await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'x' }, other)).status).toBe(403);
  });
});
