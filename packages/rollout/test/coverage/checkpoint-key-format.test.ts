/**
 * `checkpointKey` is an Ed25519 public key: 32 bytes, unpadded base64url, in its one canonical
 * text. Anything else is refused by the contract's schema (400 `invalid_request` naming the field)
 * before anything is stored (issue: `"+"*43` and `"A"*43+"!!"` were accepted and stored).
 */
import { checkpointKeyPair, toBase64url } from '@bluezone/protocol';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const GOOD = checkpointKeyPair(new Uint8Array(32).fill(7)).publicKey;

const BAD: Record<string, string> = {
  plusses: '+'.repeat(43),
  'trailing !!': `${'A'.repeat(43)}!!`,
  'standard alphabet': `${GOOD.slice(0, 20)}/${GOOD.slice(21)}`,
  padded: `${GOOD}=`,
  '42 characters': GOOD.slice(0, 42),
  '44 characters': `${GOOD}A`,
  '64 bytes': toBase64url(new Uint8Array(64).fill(1)),
  // 43 characters hold 258 bits: the last character's two low bits must be zero.
  'non-canonical last character': `${GOOD.slice(0, 42)}${GOOD.endsWith('B') ? 'C' : 'B'}`,
  empty: '',
  space: ` ${GOOD.slice(1)}`,
};

describe.each(DIALECTS)('checkpointKey format on %s', (dialect) => {
  let t: RolloutTestContext;
  let attestBody: DistrictApi['attest'];
  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ attest: attestBody } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const attest = (checkpointKey: string, installId = 'format-install-0001') =>
    attestBody({ unitCode: '20164-01', installId, appVersion: '1.0', checkpointKey });
  const installs = async () =>
    Number(
      (
        await t.db
          .selectFrom('rollout_install')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses every text that is not one canonical 32-byte key, storing nothing', async () => {
    for (const [what, key] of Object.entries(BAD)) {
      const res = await attest(key);
      expect(res.status, what).toBe(400);
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
      expect(await res.json(), what).toMatchObject({ status: 400, code: 'invalid_request', field: 'checkpointKey' });
    }
    expect(await installs()).toBe(0);
  });

  it('accepts the canonical text of a key', async () => {
    const res = await attest(GOOD);
    expect(res.status).toBe(201);
    expect(await installs()).toBe(1);
  });
});
