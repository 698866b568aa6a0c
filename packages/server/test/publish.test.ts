import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { exposureKeyHmac, type PublishKey, ReportType, toBase64 } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { decodeJwt, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupCommit } from '../src/database/group-commit';
import { certificateKeys } from '../src/verification/certificate';
import { certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

const MIN = 60_000;

function at(keys: PublishKey[], i: number): PublishKey {
  const key = keys[i];
  if (!key) throw new Error(`no key ${i}`);
  return key;
}

describe.each(DIALECTS)('publish on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const storedCount = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('exposure')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores 14 keys with report type, days since onset and an embargo on the current key', async () => {
    const keys = dailyKeys(t.clock.now(), 14);
    const cert = await certify(api, keys, 'confirmed', '2026-11-18');
    const res = await api.call(keyServerApi.publish, publishBody(keys, cert));
    expect(res.status).toBe(200);
    expect(res.body.insertedExposures).toBe(14);
    expect(res.body.revisionToken.length).toBeGreaterThan(20);
    expect(res.body.code).toBeUndefined();
    const rows = await t.ctx.database.db.selectFrom('exposure').selectAll().orderBy('rolling_start', 'desc').execute();
    expect(rows).toHaveLength(14);
    expect(rows.map((r) => r.report_type)).toEqual(Array(14).fill(ReportType.ConfirmedTest));
    // Onset 2026-11-18, keys from 2026-11-20 backwards.
    expect(rows.slice(0, 4).map((r) => r.days_since_onset)).toEqual([2, 1, 0, -1]);
    const todayKey = rows[0];
    expect(todayKey?.publishable_at).toBe(((todayKey?.rolling_start ?? 0) + 144) * 600_000);
    expect(rows[1]?.publishable_at).toBe(t.clock.now());
  });

  const invalid: [string, (keys: PublishKey[]) => PublishKey[], string][] = [
    [
      'more than 30 keys',
      (k) => [
        ...k,
        ...dailyKeys(0, 0),
        ...Array.from({ length: 17 }, () => ({
          ...at(k, 1),
          key: toBase64(randomBytes(16)),
          rollingStartNumber: at(k, 1).rollingStartNumber - 144 * 20,
        })),
      ],
      'too_many_keys',
    ],
    ['no keys', () => [], 'no_keys'],
    ['a 15-byte key', (k) => [{ ...at(k, 0), key: toBase64(randomBytes(15)) }], 'invalid_key'],
    ['a key that is not base64', (k) => [{ ...at(k, 0), key: '!!!!' }], 'invalid_key'],
    ['rolling period 0', (k) => [{ ...at(k, 1), rollingPeriod: 0 }], 'invalid_key'],
    ['rolling period 145', (k) => [{ ...at(k, 1), rollingPeriod: 145 }], 'invalid_key'],
    [
      'a key from 16 days ago',
      (k) => [{ ...at(k, 1), rollingStartNumber: at(k, 0).rollingStartNumber - 15 * 144 }],
      'key_too_old',
    ],
    [
      'a key starting in the future',
      (k) => [{ ...at(k, 0), rollingStartNumber: at(k, 0).rollingStartNumber + 144 }],
      'key_in_future',
    ],
    [
      '4 keys with one start',
      (k) => Array.from({ length: 4 }, () => ({ ...at(k, 1), key: toBase64(randomBytes(16)), rollingPeriod: 36 })),
      'too_many_same_start',
    ],
    ['the same key twice', (k) => [at(k, 1), at(k, 1)], 'duplicate_key'],
    ['transmission risk 9', (k) => [{ ...at(k, 1), transmissionRisk: 9 }], 'invalid_request'],
  ];

  it.each(invalid)('refuses %s and stores nothing', async (_name, mutate, code) => {
    const keys = mutate(dailyKeys(t.clock.now(), 14));
    const cert = await certify(api, keys);
    const res = await api.call(keyServerApi.publish, publishBody(keys, cert));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(await storedCount()).toBe(0);
  });

  it('accepts a key from 14 days ago (the 15th day)', async () => {
    const keys = dailyKeys(t.clock.now(), 15);
    const res = await api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys)));
    expect(res.status).toBe(200);
    expect(res.body.insertedExposures).toBe(15);
  });

  it('refuses keys that do not match the certificate tekmac', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const cert = await certify(api, keys);
    const other = [...keys.slice(0, 2), ...dailyKeys(t.clock.now() - 2 * 86_400_000, 1)];
    const res = await api.call(keyServerApi.publish, publishBody(other, cert));
    expect(res.body.code).toBe('hmac_mismatch');
    const wrongHmacKey = await api.call(keyServerApi.publish, {
      ...publishBody(keys, cert),
      hmacKey: toBase64(randomBytes(32)),
    });
    expect(wrongHmacKey.body.code).toBe('hmac_mismatch');
    expect(await storedCount()).toBe(0);
  });

  it('refuses a replayed certificate and keeps the first upload only', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const cert = await certify(api, keys);
    expect((await api.call(keyServerApi.publish, publishBody(keys, cert))).status).toBe(200);
    const replay = await api.call(keyServerApi.publish, publishBody(keys, cert));
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('certificate_used');
    expect(await storedCount()).toBe(3);
  });

  it('refuses an expired certificate', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const cert = await certify(api, keys);
    t.clock.advance(15 * MIN);
    const res = await api.call(keyServerApi.publish, publishBody(keys, cert));
    expect(res.body.code).toBe('certificate_expired');
    expect(await storedCount()).toBe(0);
  });

  it('refuses forged certificates and certificates for another audience', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const hmacKey = randomBytes(32);
    const claims = { reportType: 'confirmed', tekmac: exposureKeyHmac(nodeBackend, keys, hmacKey) };
    const sign = (key: Parameters<SignJWT['sign']>[0], audience: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'v1' })
        .setIssuer('bluezone-verification')
        .setAudience(audience)
        .setJti(crypto.randomUUID())
        .setExpirationTime(Math.floor(t.clock.now() / 1000) + 600)
        .sign(key);
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const real = (await certificateKeys(t.ctx)).privateKey;
    const body = (certificate: string) => publishBody(keys, { certificate, hmacKey: toBase64(hmacKey) });
    expect((await api.call(keyServerApi.publish, body(await sign(attacker, 'bluezone-keyserver')))).body.code).toBe(
      'certificate_invalid',
    );
    expect((await api.call(keyServerApi.publish, body(await sign(real, 'someone-else')))).body.code).toBe(
      'certificate_invalid',
    );
    const good = await sign(real, 'bluezone-keyserver');
    const [h, , s] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(good), reportType: 'likely' })).toString('base64url')}.${s}`;
    expect((await api.call(keyServerApi.publish, body(tampered))).body.code).toBe('certificate_invalid');
    expect(await storedCount()).toBe(0);
    expect((await api.call(keyServerApi.publish, body(good))).status).toBe(200);
  });

  it('upgrades likely to confirmed with the revision token, and revokes with a negative test', async () => {
    const keys = dailyKeys(t.clock.now(), 3);
    const first = await api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys, 'likely')));
    expect(first.body.insertedExposures).toBe(3);
    const withoutToken = await api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys, 'confirmed')));
    expect(withoutToken.body.code).toBe('nothing_to_revise');
    const upgrade = await api.call(keyServerApi.publish, {
      ...publishBody(keys, await certify(api, keys, 'confirmed')),
      revisionToken: first.body.revisionToken,
    });
    expect(upgrade.status).toBe(200);
    expect(upgrade.body.insertedExposures).toBe(3);
    const types = async () =>
      (await t.ctx.database.db.selectFrom('exposure').select('report_type').execute()).map((r) => r.report_type);
    expect(await types()).toEqual([1, 1, 1]);
    const downgrade = await api.call(keyServerApi.publish, {
      ...publishBody(keys, await certify(api, keys, 'likely')),
      revisionToken: upgrade.body.revisionToken,
    });
    expect(downgrade.body.code).toBe('nothing_to_revise');
    const revoke = await api.call(keyServerApi.publish, {
      ...publishBody(keys, await certify(api, keys, 'negative')),
      revisionToken: upgrade.body.revisionToken,
    });
    expect(revoke.status).toBe(200);
    expect(await types()).toEqual([5, 5, 5]);
  });

  it('stores the new keys and says partial_failure when some cannot be revised', async () => {
    const old = dailyKeys(t.clock.now(), 2);
    await api.call(keyServerApi.publish, publishBody(old, await certify(api, old, 'likely')));
    const mixed = [...old, ...dailyKeys(t.clock.now() - 3 * 86_400_000, 1)];
    const res = await api.call(keyServerApi.publish, publishBody(mixed, await certify(api, mixed, 'confirmed')));
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('partial_failure');
    expect(res.body.insertedExposures).toBe(1);
    expect(res.body.warnings).toHaveLength(2);
    expect(await storedCount()).toBe(3);
  });

  it('refuses a negative test without a revision token, and a forged revision token', async () => {
    const keys = dailyKeys(t.clock.now(), 2);
    const neg = await api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys, 'negative')));
    expect(neg.body.code).toBe('nothing_to_revise');
    const forged = await api.call(keyServerApi.publish, {
      ...publishBody(keys, await certify(api, keys)),
      revisionToken: 'abc.def',
    });
    expect(forged.body.code).toBe('invalid_revision_token');
    expect(await storedCount()).toBe(0);
  });

  describe('publishes grouped into one transaction', () => {
    /**
     * Holds the writer busy so the publishes started meanwhile all queue for one batch. A
     * publish must have run before: on SQLite's one connection the authority and secret reads
     * of a cold cache would wait for the held writer.
     */
    async function inOneBatch<T>(start: () => Promise<T>[], count: number): Promise<T[]> {
      const group = groupCommit(t.ctx.database);
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = group.run(() => gate);
      await vi.waitFor(() => expect(group.queued).toBe(0));
      const before = { ...group.stats };
      const responses = start();
      await vi.waitFor(() => expect(group.queued).toBe(count));
      release();
      await holder;
      const results = await Promise.all(responses);
      expect(group.stats.batches - before.batches).toBe(1);
      expect(group.stats.writes - before.writes).toBe(count);
      return results;
    }

    it('refuses a replayed certificate and a disallowed revision in the batch; the others are stored', async () => {
      const done = dailyKeys(t.clock.now(), 2);
      const doneCert = await certify(api, done, 'likely');
      const first = await api.call(keyServerApi.publish, publishBody(done, doneCert));
      expect(first.status).toBe(200);
      const a = dailyKeys(t.clock.now(), 3);
      const b = dailyKeys(t.clock.now(), 4);
      const certA = await certify(api, a);
      const certB = await certify(api, b);
      const downgradeCert = await certify(api, done, 'likely');
      const [okA, replayed, downgrade, okB] = await inOneBatch(
        () => [
          api.call(keyServerApi.publish, publishBody(a, certA)),
          // The certificate of the first publish again (its tekmac covers `done`).
          api.call(keyServerApi.publish, publishBody(done, doneCert)),
          // likely → likely is no revision: refused inside the write, after burning its certificate.
          api.call(keyServerApi.publish, {
            ...publishBody(done, downgradeCert),
            revisionToken: first.body.revisionToken,
          }),
          api.call(keyServerApi.publish, publishBody(b, certB)),
        ],
        4,
      );
      expect([okA?.status, okA?.body.insertedExposures]).toEqual([200, 3]);
      expect([okB?.status, okB?.body.insertedExposures]).toEqual([200, 4]);
      expect([replayed?.status, replayed?.body.code]).toEqual([401, 'certificate_used']);
      expect([downgrade?.status, downgrade?.body.code]).toEqual([400, 'nothing_to_revise']);
      expect(await storedCount()).toBe(2 + 3 + 4);
      expect(await t.ctx.database.db.selectFrom('publish_log').select('id').execute()).toHaveLength(3);
      // The refused revision burned nothing: its certificate is still unused.
      const jti = decodeJwt(downgradeCert.certificate).jti as string;
      const burned = await t.ctx.database.db
        .selectFrom('used_certificate')
        .select('jti')
        .where('jti', '=', jti)
        .execute();
      expect(burned).toEqual([]);
      // And the revision tokens of the grouped publishes work like any other.
      const revoke = await api.call(keyServerApi.publish, {
        ...publishBody(a, await certify(api, a, 'negative')),
        revisionToken: okA?.body.revisionToken,
      });
      expect([revoke.status, revoke.body.insertedExposures]).toEqual([200, 3]);
    });

    it('lets exactly one of two publishes with the same certificate in one batch win', async () => {
      const earlier = dailyKeys(t.clock.now(), 1);
      expect((await api.call(keyServerApi.publish, publishBody(earlier, await certify(api, earlier)))).status).toBe(
        200,
      );
      const keys = dailyKeys(t.clock.now(), 5);
      const cert = await certify(api, keys);
      const results = await inOneBatch(
        () => [
          api.call(keyServerApi.publish, publishBody(keys, cert)),
          api.call(keyServerApi.publish, publishBody(keys, cert)),
        ],
        2,
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(results.find((r) => r.status === 401)?.body.code).toBe('certificate_used');
      expect(await storedCount()).toBe(1 + 5);
      expect(await t.ctx.database.db.selectFrom('publish_log').select('id').execute()).toHaveLength(2);
    });
  });

  it('answers a decoy publish like a real one and stores nothing', async () => {
    const keys = dailyKeys(t.clock.now(), 14);
    const cert = await certify(api, keys);
    const real = await api.call(keyServerApi.publish, publishBody(keys, cert));
    const decoy = await api.call(keyServerApi.publish, publishBody(keys, cert), { chaff: true });
    expect(decoy.status).toBe(200);
    expect(Object.keys(decoy.body).sort()).toEqual(Object.keys(real.body).sort());
    expect(await storedCount()).toBe(14);
    expect(await t.ctx.database.db.selectFrom('publish_log').select('id').execute()).toHaveLength(1);
  });

  it('refuses a body that is not JSON with a problem body', async () => {
    const res = await api.request(keyServerApi.publish.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('not json'),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', status: 400 });
  });
});
