/**
 * An install id is bound to its checkpoint key at first registration. The pass hijack (issue
 * 14 §1): the install id is readable in every pass QR; re-attesting it with an attacker's key
 * answered 200, the attacker's passes then scanned `active` and the owner's `token_forged`.
 */
import { randomBytes } from 'node:crypto';
import { checkpointKeyPair, radioCommitment, signCheckpointRekey, signCheckpointToken } from '@bluezone/protocol';
import { createLogger } from '@bluezone/server';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

describe.each(DIALECTS)('install key binding on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: DistrictApi['app'];
  let device: string;
  let gatekeeper: string;
  let checkpointId: number;
  let logLines: string[];
  const installId = 'owner-install-0001';
  const owner = checkpointKeyPair(new Uint8Array(randomBytes(32)));
  const attacker = checkpointKeyPair(new Uint8Array(randomBytes(32)));

  async function setUp(env: Record<string, string> = {}) {
    t = await createRolloutTestContext(dialect, env);
    logLines = [];
    t.ctx.logger = createLogger('debug', (line) => logLines.push(line));
    ({ app, device } = await districtApi(t));
    gatekeeper = (await createRolloutKey(t.db, t.clock, { unitCode: '483-UBND', name: 'Bảo vệ UBND huyện' })).key;
    const res = await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng chính' }, gatekeeper);
    checkpointId = ((await res.json()) as { id: number }).id;
  }
  beforeEach(() => setUp({ TRUST_PROXY: 'true' }));
  afterEach(() => t.cleanup());

  // With the forwarded address the limits count by: the test's own requests.
  function post(path: string, body: object, key: string, headers: Record<string, string> = {}) {
    return app.request(path, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }
  const attest = (body: object, headers: Record<string, string> = {}) =>
    post(
      '/api/rollout/attest',
      { unitCode: '20164-01', installId, appVersion: '1.0', tracingActive: true, ...body },
      device,
      headers,
    );
  const pass = (secretKey: Uint8Array) =>
    signCheckpointToken(secretKey, {
      radioCommitment: radioCommitment({ rpi: new Uint8Array(16), salt: new Uint8Array(16) }),
      issuedAt: Math.floor(t.clock.now() / 1000),
      nonce: randomBytes(9).toString('base64url'),
      tracingActive: true,
    });
  const scan = async (token: string) => {
    const res = await post(`/api/rollout/checkpoints/${checkpointId}/scan`, { token, direction: 'entry' }, gatekeeper);
    const body = (await res.json()) as { result?: string; code?: string };
    return body.result ?? body.code;
  };
  const storedKey = async () =>
    (
      await t.db
        .selectFrom('rollout_install')
        .select('checkpoint_key')
        .where('install_id', '=', installId)
        .executeTakeFirstOrThrow()
    ).checkpoint_key;

  it('refuses re-attesting an install with another key (409), and the owner’s passes keep scanning active', async () => {
    expect((await attest({ checkpointKey: owner.publicKey })).status).toBe(201);
    expect(await scan(pass(owner.secretKey))).toBe('active');

    const hijack = await attest({ checkpointKey: attacker.publicKey, unitCode: '20167-02' });
    expect(hijack.status).toBe(409);
    expect(hijack.headers.get('content-type')).toBe('application/problem+json');
    expect(await hijack.json()).toMatchObject({ code: 'install_key_mismatch' });
    // Nothing stored: the key, the unit and the day's row are the owner's.
    expect(await storedKey()).toBe(owner.publicKey);
    const row = await t.db
      .selectFrom('rollout_install')
      .select('unit_code')
      .where('install_id', '=', installId)
      .executeTakeFirstOrThrow();
    expect(row.unit_code).toBe('20164-01');

    expect(await scan(pass(attacker.secretKey))).toBe('token_forged');
    expect(await scan(pass(owner.secretKey))).toBe('active');
  });

  it('refuses a bound install’s attestation without its key, and a forged re-key proof', async () => {
    await attest({ checkpointKey: owner.publicKey });
    const bare = await attest({ tracingActive: true });
    expect(bare.status).toBe(409);
    expect(await bare.json()).toMatchObject({ code: 'install_key_mismatch' });
    const selfSigned = signCheckpointRekey(attacker.secretKey, installId, attacker.publicKey);
    const forged = await attest({ checkpointKey: attacker.publicKey, rekeySignature: selfSigned });
    expect(forged.status).toBe(409);
    expect(await storedKey()).toBe(owner.publicKey);
    // The same key again is an ordinary repeat.
    expect((await attest({ checkpointKey: owner.publicKey })).status).toBe(200);
  });

  it('re-keys with the old key’s signature over the new one', async () => {
    await attest({ checkpointKey: owner.publicKey });
    const next = checkpointKeyPair(new Uint8Array(randomBytes(32)));
    const rekeySignature = signCheckpointRekey(owner.secretKey, installId, next.publicKey);
    expect((await attest({ checkpointKey: next.publicKey, rekeySignature })).status).toBe(200);
    expect(await storedKey()).toBe(next.publicKey);
    expect(await scan(pass(next.secretKey))).toBe('active');
    expect(await scan(pass(owner.secretKey))).toBe('token_forged');
  });

  it('takes the first key of an install that had none, then binds it', async () => {
    expect((await attest({})).status).toBe(201);
    expect((await attest({ checkpointKey: owner.publicKey })).status).toBe(200);
    expect((await attest({ checkpointKey: attacker.publicKey })).status).toBe(409);
  });

  it('logs refusals with the reason, never the install id or the address', async () => {
    await attest({ checkpointKey: owner.publicKey }, { 'x-forwarded-for': '203.0.113.9' });
    await attest({ checkpointKey: attacker.publicKey }, { 'x-forwarded-for': '203.0.113.9' });
    const refusals = logLines.filter((l) => l.includes('install attestation refused'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0] as string)).toMatchObject({ reason: 'key_changed_without_proof' });
    for (const line of logLines) {
      expect(line).not.toContain(installId);
      expect(line).not.toContain('203.0.113.9');
      expect(line).not.toContain(owner.publicKey);
      expect(line).not.toContain(attacker.publicKey);
    }
  });

  it('limits attestations per address and new installs per unit, and logs the refusals', async () => {
    await t.cleanup();
    await setUp({
      TRUST_PROXY: 'true',
      ROLLOUT_ATTESTATIONS_PER_ADDRESS_PER_HOUR: '4',
      ROLLOUT_NEW_INSTALLS_PER_UNIT_PER_HOUR: '2',
    });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const install = (n: number) => `unit-limit-install-${n}`;
    // Two new installs at 20164-01 pass; the third is refused, from any address.
    expect((await attest({ installId: install(1) }, from('198.51.100.1'))).status).toBe(201);
    expect((await attest({ installId: install(2) }, from('198.51.100.2'))).status).toBe(201);
    const third = await attest({ installId: install(3) }, from('198.51.100.3'));
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ code: 'rate_limited' });
    // Repeats of installs already counted are not new installs; another unit has its own count.
    expect((await attest({ installId: install(1) }, from('198.51.100.1'))).status).toBe(200);
    expect((await attest({ installId: install(4), unitCode: '20164-02' }, from('198.51.100.4'))).status).toBe(201);
    // One address: its fifth attestation this hour is refused; the next hour it may attest again.
    for (let i = 0; i < 2; i++) await attest({ installId: install(1) }, from('198.51.100.1'));
    const fifth = await attest({ installId: install(1) }, from('198.51.100.1'));
    expect(fifth.status).toBe(429);
    t.clock.advance(3_600_000);
    expect((await attest({ installId: install(1) }, from('198.51.100.1'))).status).toBe(200);
    const reasons = logLines
      .filter((l) => l.includes('install attestation refused'))
      .map((l) => JSON.parse(l) as { reason: string; unit?: string });
    expect(reasons).toEqual([
      expect.objectContaining({ reason: 'unit_rate_limited', unit: '20164-01' }),
      expect.objectContaining({ reason: 'address_rate_limited' }),
    ]);
    expect(logLines.join('\n')).not.toContain('198.51.100');
  });
});
