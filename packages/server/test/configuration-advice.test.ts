// The health authority's advice in the signed configuration document: an optional text per
// language the resident app speaks (vi, en), saved and served signed with the rest; refused with
// configuration_invalid naming the field when it is not such a text, and nothing saved.
import {
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  MAX_ADVICE_LENGTH,
  parseConfigurationDocument,
  type SignedConfiguration,
  verifyConfiguration,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { publishedSigningKeys } from '../src/export/signing-keys';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

const ADVICE = {
  vi: 'Ở nhà 14 ngày và gọi Trạm Y tế xã để được hẹn xét nghiệm.',
  en: 'Stay at home for 14 days and call your commune health station for a test.',
};

describe.each(DIALECTS)('advice in /api/configuration on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  let adminKey: string;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    app = createApp(t.ctx, KEY_SERVER_FEATURES);
    adminKey = (await createApiKey(t.ctx.database, t.clock, 'admin', 'default')).key;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const get = async () => {
    const res = await app.request('/api/configuration');
    expect(res.status).toBe(200);
    return (await res.json()) as SignedConfiguration;
  };
  const put = (advice: unknown, version = 1) =>
    app.request('/api/configuration', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: JSON.stringify({ version, proximity: DEFAULT_PROXIMITY_PARAMETERS, risk: CWA_RISK_CONFIGURATION, advice }),
    });

  it('saves the advice and serves it signed; a version without it has none', async () => {
    expect((await put(ADVICE)).status).toBe(200);
    const keys = (await publishedSigningKeys(t.ctx)).map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId }));
    const doc = verifyConfiguration(nodeBackend, await get(), keys, { region: 'VN', appliedVersion: 0 });
    expect(doc.advice).toEqual(ADVICE);
    expect((await put({ en: 'x'.repeat(MAX_ADVICE_LENGTH) }, 2)).status).toBe(200);
    expect(parseConfigurationDocument((await get()).payload).advice).toEqual({ en: 'x'.repeat(MAX_ADVICE_LENGTH) });
    expect((await put(undefined, 3)).status).toBe(200);
    expect(parseConfigurationDocument((await get()).payload).advice).toBeUndefined();
  });

  it('refuses advice that is not a bounded text per language, naming the field, and saves nothing', async () => {
    for (const [advice, field] of [
      [{ vi: 'x'.repeat(MAX_ADVICE_LENGTH + 1) }, 'advice.vi'],
      [{ vi: ADVICE.vi, en: '   ' }, 'advice.en'],
      [{ en: 42 }, 'advice.en'],
      [{ fr: 'Restez chez vous.' }, 'advice.fr'],
      ['Ở nhà 14 ngày', 'advice'],
      [null, 'advice'],
    ] as const) {
      const res = await put(advice);
      expect(res.status, JSON.stringify(advice)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'configuration_invalid', field });
    }
    expect(parseConfigurationDocument((await get()).payload).version).toBe(0);
  });
});
