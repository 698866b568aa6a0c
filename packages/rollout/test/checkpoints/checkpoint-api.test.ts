// Office checkpoints through the HTTP API on SQLite and PostgreSQL: BZC2 passes scanned by a
// gatekeeper (signature only, or with the radio check of the gatekeeper's app), the two holes
// found in the field (a pass without the app, a pass hijack), managers creating, renaming and
// retiring checkpoints within their subtree, and phones paired with one checkpoint by gate key.
import { randomBytes } from 'node:crypto';
import {
  type CheckpointKeyPair,
  checkpointKeyPair,
  formatCheckpointPass,
  radioCommitment,
  signCheckpointToken,
} from '@bluezone/protocol';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;

describe.each(DIALECTS)('office checkpoints on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: DistrictApi['app'];
  let admin: string;
  let device: string;
  /** Hương Phú's unit manager. */
  let manager: string;
  let gatekeeper: string;
  let checkpointId: number;
  let visitor: CheckpointKeyPair;
  const installId = 'visitor-install-0001';

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ app, admin, device, huongPhu: manager } = await districtApi(t));
    gatekeeper = (await createRolloutKey(t.db, t.clock, { unitCode: '483-UBND', name: 'Bảo vệ UBND huyện' })).key;
    const res = await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng chính' });
    expect(res.status).toBe(201);
    checkpointId = ((await res.json()) as { id: number }).id;
    visitor = checkpointKeyPair(randomBytes(32));
    expect((await attest(installId, visitor.publicKey, true)).status).toBe(201);
  });
  afterEach(() => t.cleanup());

  // Gate keys, or no key at all, as well as API keys: the test's own requests.
  function send(method: string, path: string, body?: object, headers: Record<string, string> = {}) {
    return app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  const post = (path: string, body: object, key = gatekeeper) => send('POST', path, body, { 'x-api-key': key });
  const get = (path: string, key = gatekeeper) => send('GET', path, undefined, { 'x-api-key': key });
  function attest(id: string, checkpointKey: string, tracingActive: boolean) {
    return post(
      '/api/rollout/attest',
      { unitCode: '20164-01', installId: id, appVersion: '1.0', tracingActive, checkpointKey },
      device,
    );
  }
  /** A pass as the app makes it: the token, and the QR text with its radio part. */
  function pass(over: { key?: CheckpointKeyPair; issuedAt?: number; tracingActive?: boolean } = {}): {
    token: string;
    text: string;
  } {
    const opening = { rpi: randomBytes(16), salt: randomBytes(16) };
    const token = signCheckpointToken((over.key ?? visitor).secretKey, {
      issuedAt: over.issuedAt ?? Math.floor(t.clock.now() / 1000),
      nonce: randomBytes(9).toString('base64url'),
      tracingActive: over.tracingActive ?? true,
      radioCommitment: radioCommitment(opening),
    });
    return { token, text: formatCheckpointPass(token, opening) };
  }
  const token = (over: Parameters<typeof pass>[0] = {}) => pass(over).token;
  const scan = (tok: string, direction = 'entry', key = gatekeeper, radio?: 'heard' | 'not_heard') =>
    post(`/api/rollout/checkpoints/${checkpointId}/scan`, { token: tok, direction, ...(radio ? { radio } : {}) }, key);
  async function refused(res: Response, code: string, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe(code);
    return body.detail;
  }
  async function logRows() {
    return t.db.selectFrom('rollout_checkpoint_log').selectAll().orderBy('id').execute();
  }
  const day = async (id = checkpointId, key = gatekeeper) =>
    (await (await get(`/api/rollout/checkpoints/${id}/day`, key)).json()) as {
      entries: number;
      exits: number;
      activeShare: number;
      heardShare: number;
      log: { result: string; reasonCode: string | null; radio: string | null }[];
    };

  describe('scanning a pass', () => {
    it('accepts a fresh token once and says what vouched for it: the radio heard, or only the signature', async () => {
      const heard = token();
      expect(await (await scan(heard, 'entry', gatekeeper, 'heard')).json()).toMatchObject({
        result: 'active',
        reason: null,
        reasonCode: null,
        radio: 'heard',
      });
      expect(await refused(await scan(heard, 'entry', gatekeeper, 'heard'), 'token_replayed', 409)).toContain(
        'already used',
      );
      t.clock.advance(60_000);
      expect(await (await scan(token())).json()).toMatchObject({ result: 'active', radio: 'not_checked' });
      t.clock.advance(3_600_000);
      expect(await (await scan(token(), 'exit', gatekeeper, 'heard')).json()).toMatchObject({ result: 'active' });
      expect(await day()).toMatchObject({ entries: 2, exits: 1, activeShare: 1, heardShare: 0.5 });
    });

    it('refuses expired, future-dated, forged, tampered, outdated and unregistered tokens with their reason', async () => {
      const old = token();
      t.clock.advance(121_000);
      expect(await refused(await scan(old), 'token_expired', 400)).toContain('expired');
      expect(
        await refused(await scan(token({ issuedAt: Math.floor(t.clock.now() / 1000) + 600 })), 'token_forged', 400),
      ).toContain('future');
      const [prefix, payload, sig] = token().split('.');
      const flipped = Buffer.from(payload ?? '', 'base64url');
      flipped[45] = 0; // tracing off
      expect(
        await refused(await scan(`${prefix}.${flipped.toString('base64url')}.${sig}`), 'token_forged', 400),
      ).toContain('signature');
      expect(await refused(await scan('hello'), 'token_forged', 400)).toContain('not a Bluezone');
      const bzc1 = `BZC1.${Buffer.from(`{"i":"${installId}","t":1,"n":"x","a":true}`).toString('base64url')}.${'A'.repeat(86)}`;
      expect(await refused(await scan(bzc1), 'token_outdated', 400)).toContain('update the app');
      const stranger = checkpointKeyPair(randomBytes(32));
      expect(await refused(await scan(token({ key: stranger })), 'token_forged', 400)).toContain('no install');
      expect(await refused(await scan(pass().text), 'token_forged', 400)).toContain('radio part');
      expect(await logRows()).toEqual([]);
    });

    it('logs inactive apps with the reason and its code, and "no app" visitors', async () => {
      expect(await (await scan(token({ tracingActive: false }))).json()).toMatchObject({
        result: 'inactive',
        reason: 'the app reports tracing switched off',
        reasonCode: 'tracing_off',
      });
      expect(await (await scan(token(), 'entry', gatekeeper, 'not_heard')).json()).toMatchObject({
        result: 'inactive',
        reasonCode: 'radio_not_heard',
        radio: 'not_heard',
      });
      t.clock.advance(8 * DAY);
      expect(await (await scan(token(), 'entry', gatekeeper, 'heard')).json()).toMatchObject({
        result: 'inactive',
        reasonCode: 'not_attested_recently',
      });
      const noApp = await post(`/api/rollout/checkpoints/${checkpointId}/no-app`, {
        direction: 'entry',
        reason: 'điện thoại không hỗ trợ Bluetooth LE',
        visitor: 'Khách 1',
      });
      expect(noApp.status).toBe(201);
      await attest(installId, visitor.publicKey, true);
      expect(await (await scan(token(), 'entry', gatekeeper, 'heard')).json()).toMatchObject({ result: 'active' });
      const d = await day();
      expect(d).toMatchObject({ entries: 3, exits: 0, activeShare: 1 / 3, heardShare: 1 / 3 });
      expect(d.log.map((l) => [l.result, l.reasonCode, l.radio])).toEqual([
        ['inactive', 'not_attested_recently', 'heard'],
        ['no_app', null, null],
        ['active', null, 'heard'],
      ]);
    });
  });

  describe('the holes found in the field', () => {
    it('a pass without the app: a script-made install is at most "signature valid, radio not checked", never heard', async () => {
      // With the device key every app ships, a script attests a made-up install with its own key.
      const script = checkpointKeyPair(randomBytes(32));
      expect((await attest('made-up-install-0001', script.publicKey, true)).status).toBe(201);
      // A page that cannot listen: the signature is all that vouches, and the answer says so.
      expect(await (await scan(token({ key: script }))).json()).toMatchObject({
        result: 'active',
        radio: 'not_checked',
      });
      // The gatekeeper's app listened and no phone advertised the committed identifier.
      expect(await (await scan(token({ key: script }), 'entry', gatekeeper, 'not_heard')).json()).toMatchObject({
        result: 'inactive',
        reasonCode: 'radio_not_heard',
      });
      expect((await day()).heardShare).toBe(0);
    });

    it('a pass hijack: the pass shows no install id, and re-attesting the id with another key changes nothing', async () => {
      const shown = pass().text;
      expect(shown).not.toContain(installId);
      expect(shown).not.toContain(Buffer.from(installId).toString('base64url'));
      // The id leaked anyway (an old BZC1 pass showed it): the attack as it was run, with an attacker's key.
      const attacker = checkpointKeyPair(randomBytes(32));
      const hijack = await attest(installId, attacker.publicKey, true);
      expect(hijack.status).toBe(409);
      expect(((await hijack.json()) as { code: string }).code).toBe('install_key_mismatch');
      expect(await refused(await scan(token({ key: attacker })), 'token_forged', 400)).toContain('no install');
      expect(await (await scan(token(), 'entry', gatekeeper, 'heard')).json()).toMatchObject({ result: 'active' });
      // The key a pass does show: registered for another made-up install, it still belongs to its owner.
      // (Seen in a pass, so registered after its owner: the first registration of a key counts.)
      t.clock.advance(60_000);
      await attest('made-up-install-0002', visitor.publicKey, false);
      t.clock.advance(8 * DAY);
      await attest(installId, visitor.publicKey, true);
      expect(await (await scan(token(), 'entry', gatekeeper, 'heard')).json()).toMatchObject({ result: 'active' });
    });
  });

  describe('managing checkpoints', () => {
    const checkpointRows = () => t.db.selectFrom('rollout_checkpoint').selectAll().orderBy('id').execute();

    it('creates, renames and retires within the subtree; a retired checkpoint keeps its log and refuses scans', async () => {
      const created = await post(
        '/api/rollout/checkpoints',
        { unitCode: '20164-THCS', name: '  Cổng trường ' },
        manager,
      );
      expect(created.status).toBe(201);
      const cp = (await created.json()) as { id: number; name: string; retiredAt: string | null; createdAt: string };
      expect(cp).toMatchObject({
        name: 'Cổng trường',
        retiredAt: null,
        createdAt: new Date(t.clock.now()).toISOString(),
      });
      const renamed = await send(
        'PATCH',
        `/api/rollout/checkpoints/${cp.id}`,
        { name: 'Cổng phụ' },
        { 'x-api-key': manager },
      );
      expect(await renamed.json()).toMatchObject({ id: cp.id, name: 'Cổng phụ' });
      const before = checkpointId;
      checkpointId = cp.id;
      expect((await scan(token(), 'entry', manager, 'heard')).status).toBe(200);
      const retired = await post(`/api/rollout/checkpoints/${cp.id}/retire`, {}, manager);
      expect(await retired.json()).toMatchObject({ retiredAt: new Date(t.clock.now()).toISOString() });
      expect(await refused(await scan(token(), 'entry', manager), 'checkpoint_retired', 409)).toContain('retired');
      expect(
        await refused(
          await post(`/api/rollout/checkpoints/${cp.id}/no-app`, { direction: 'entry', reason: 'x' }, manager),
          'checkpoint_retired',
          409,
        ),
      ).toContain('retired');
      await refused(
        await send('PATCH', `/api/rollout/checkpoints/${cp.id}`, { name: 'y' }, { 'x-api-key': manager }),
        'checkpoint_retired',
        409,
      );
      await refused(await post(`/api/rollout/checkpoints/${cp.id}/retire`, {}, manager), 'checkpoint_retired', 409);
      expect((await day(cp.id, manager)).entries).toBe(1);
      // Listed only when asked for, and then with its retirement date.
      const list = async (q: string) =>
        ((await (await get(`/api/rollout/checkpoints${q}`, manager)).json()) as { checkpoints: { id: number }[] })
          .checkpoints;
      expect(await list('')).toEqual([]);
      expect((await list('?retired=include')).map((c) => c.id)).toEqual([cp.id]);
      // Its name is free again for a new checkpoint of the school.
      expect(
        (await post('/api/rollout/checkpoints', { unitCode: '20164-THCS', name: 'Cổng phụ' }, manager)).status,
      ).toBe(201);
      checkpointId = before;
    });

    it('lists each manager only their subtree, or one unit of it', async () => {
      await post('/api/rollout/checkpoints', { unitCode: '20164-THCS', name: 'Cổng trường' }, manager);
      await post('/api/rollout/checkpoints', { unitCode: '20164-UBND', name: 'Cổng UBND xã' }, manager);
      const names = async (q: string, key: string) =>
        (
          (await (await get(`/api/rollout/checkpoints${q}`, key)).json()) as { checkpoints: { name: string }[] }
        ).checkpoints.map((c) => c.name);
      expect(await names('', manager)).toEqual(['Cổng trường', 'Cổng UBND xã']);
      expect(await names('?unit=20164-UBND', manager)).toEqual(['Cổng UBND xã']);
      expect(await names('', gatekeeper)).toEqual(['Cổng chính']);
      expect(await names('?unit=20164', admin)).toEqual(['Cổng trường', 'Cổng UBND xã']);
      expect(await names('', admin)).toHaveLength(3);
      await refused(await get('/api/rollout/checkpoints?unit=483-UBND', manager), 'forbidden', 403);
      await refused(await get('/api/rollout/checkpoints?unit=NOPE', manager), 'unknown_unit', 404);
      await refused(await get('/api/rollout/checkpoints?retired=maybe', manager), 'invalid_input', 400);
    });

    it('keeps other units out: no scan, log, rename or retire of a checkpoint outside the subtree', async () => {
      expect((await scan(token(), 'entry', manager)).status).toBe(403);
      expect((await get(`/api/rollout/checkpoints/${checkpointId}/day`, manager)).status).toBe(403);
      const rename = await send(
        'PATCH',
        `/api/rollout/checkpoints/${checkpointId}`,
        { name: 'x' },
        { 'x-api-key': manager },
      );
      expect(rename.status).toBe(403);
      expect((await post(`/api/rollout/checkpoints/${checkpointId}/retire`, {}, manager)).status).toBe(403);
      expect((await post(`/api/rollout/checkpoints/${checkpointId}/gate-keys`, { label: 'x' }, manager)).status).toBe(
        403,
      );
      expect((await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'x' }, manager)).status).toBe(403);
      expect((await checkpointRows()).map((r) => r.name)).toEqual(['Cổng chính']);
    });

    it('answers bad input with a coded problem and stores nothing', async () => {
      const cases: [object, string, number][] = [
        [{ unitCode: '20164-01', name: 'Cổng thôn' }, 'not_an_organisation', 400],
        [{ unitCode: '20164-THCS', name: '   ' }, 'invalid_request', 400],
        [{ unitCode: '20164-THCS', name: 'x'.repeat(201) }, 'invalid_request', 400],
        [{ unitCode: '20164-THCS' }, 'invalid_request', 400],
        [{ unitCode: 'NOPE', name: 'x' }, 'unknown_unit', 404],
      ];
      for (const [body, code, status] of cases) {
        await refused(await post('/api/rollout/checkpoints', body, manager), code, status);
      }
      await post('/api/rollout/checkpoints', { unitCode: '20164-THCS', name: 'Cổng trường' }, manager);
      await refused(
        await post('/api/rollout/checkpoints', { unitCode: '20164-THCS', name: ' Cổng trường' }, manager),
        'checkpoint_name_taken',
        409,
      );
      const [, school] = await checkpointRows();
      const patch = (id: number | string, body: object) =>
        send('PATCH', `/api/rollout/checkpoints/${id}`, body, { 'x-api-key': manager });
      await post('/api/rollout/checkpoints', { unitCode: '20164-THCS', name: 'Cổng sau' }, manager);
      await refused(await patch(Number(school?.id), { name: 'Cổng sau' }), 'checkpoint_name_taken', 409);
      await refused(await patch(Number(school?.id), { name: '' }), 'invalid_request', 400);
      await refused(await patch(999, { name: 'x' }), 'not_found', 404);
      await refused(await patch('abc', { name: 'x' }), 'not_found', 404);
      expect((await checkpointRows()).map((r) => r.name)).toEqual(['Cổng chính', 'Cổng trường', 'Cổng sau']);
      await refused(
        await post(`/api/rollout/checkpoints/${checkpointId}/scan`, { token: token(), direction: 'up' }),
        'invalid_request',
        400,
      );
      await refused(
        await post(`/api/rollout/checkpoints/${checkpointId}/scan`, {
          token: token(),
          direction: 'entry',
          radio: 'yes',
        }),
        'invalid_request',
        400,
      );
      expect(await logRows()).toEqual([]);
    });
  });

  describe('gate keys', () => {
    async function pairPhone(id = checkpointId, key = gatekeeper) {
      const res = await post(`/api/rollout/checkpoints/${id}/gate-keys`, { label: 'Điện thoại anh Hùng' }, key);
      expect(res.status).toBe(201);
      return ((await res.json()) as { gateKey: string }).gateKey;
    }
    const viaGate = (gateKey: string, path: string, body?: object) =>
      send(body ? 'POST' : 'GET', path, body, { 'x-gate-key': gateKey });

    it("open only their own checkpoint's scan, no-app and day log, and are stored hashed", async () => {
      const gateKey = await pairPhone();
      expect(gateKey).toMatch(/^bzg_[A-Za-z0-9_-]{43}$/);
      const stored = await t.db.selectFrom('rollout_checkpoint_gate_key').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(gateKey);
      expect(stored[0]).toMatchObject({ label: 'Điện thoại anh Hùng', revoked_at: null });
      expect(await (await viaGate(gateKey, '/api/rollout/gate')).json()).toMatchObject({
        checkpoint: { id: checkpointId, name: 'Cổng chính' },
      });
      const scanned = await viaGate(gateKey, `/api/rollout/checkpoints/${checkpointId}/scan`, {
        token: token(),
        direction: 'entry',
        radio: 'heard',
      });
      expect(await scanned.json()).toMatchObject({ result: 'active', radio: 'heard' });
      const noApp = await viaGate(gateKey, `/api/rollout/checkpoints/${checkpointId}/no-app`, {
        direction: 'exit',
        reason: 'quên điện thoại',
      });
      expect(noApp.status).toBe(201);
      expect((await viaGate(gateKey, `/api/rollout/checkpoints/${checkpointId}/day`)).status).toBe(200);
      expect((await logRows()).map((r) => r.recorded_by)).toEqual([
        `gate "Điện thoại anh Hùng" (#${stored[0]?.id})`,
        `gate "Điện thoại anh Hùng" (#${stored[0]?.id})`,
      ]);
      // Nothing else: another checkpoint, the checkpoint list, units, coverage.
      const other = (await (
        await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng sau' })
      ).json()) as { id: number };
      await refused(
        await viaGate(gateKey, `/api/rollout/checkpoints/${other.id}/scan`, { token: token(), direction: 'entry' }),
        'forbidden',
        403,
      );
      for (const path of ['/api/rollout/checkpoints', '/api/rollout/units', '/api/rollout/coverage']) {
        expect((await viaGate(gateKey, path)).status, path).toBe(401);
      }
      await refused(await viaGate('bzg_nope', '/api/rollout/gate'), 'unauthorized', 401);
    });

    it('stop working when revoked or when the checkpoint is retired', async () => {
      const a = await pairPhone();
      const b = await pairPhone();
      expect(await (await post(`/api/rollout/checkpoints/${checkpointId}/gate-keys/revoke`, {})).json()).toEqual({
        revoked: 2,
      });
      await refused(await viaGate(a, '/api/rollout/gate'), 'unauthorized', 401);
      await refused(await viaGate(b, '/api/rollout/gate'), 'unauthorized', 401);
      const c = await pairPhone();
      await post(`/api/rollout/checkpoints/${checkpointId}/retire`, {});
      await refused(
        await viaGate(c, `/api/rollout/checkpoints/${checkpointId}/scan`, { token: token(), direction: 'entry' }),
        'unauthorized',
        401,
      );
      await refused(
        await post(`/api/rollout/checkpoints/${checkpointId}/gate-keys`, { label: 'x' }),
        'checkpoint_retired',
        409,
      );
    });
  });
});
