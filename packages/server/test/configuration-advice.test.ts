// The health authority's advice in the signed configuration document: an optional text per
// language the resident app speaks (vi, en), saved and served signed with the rest; refused with
// configuration_invalid naming the field when it is not such a text, and nothing saved.
import {
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  MAX_ADVICE_LENGTH,
  parseConfigurationDocument,
  verifyConfiguration,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConfigurationApi, openConfigurationApi } from './support/configuration-api';

const ADVICE = {
  vi: 'Ở nhà 14 ngày và gọi Trạm Y tế xã để được hẹn xét nghiệm.',
  en: 'Stay at home for 14 days and call your commune health station for a test.',
};

describe.each(DIALECTS)('advice in /api/configuration on %s', (dialect) => {
  let api: ConfigurationApi;
  beforeEach(async () => {
    api = await openConfigurationApi(dialect);
  });
  afterEach(() => api.cleanup());
  const put = (advice: unknown, version = 1) =>
    api.put({ version, proximity: DEFAULT_PROXIMITY_PARAMETERS, risk: CWA_RISK_CONFIGURATION, advice });

  it('saves the advice and serves it signed; a version without it has none', async () => {
    expect((await put(ADVICE)).status).toBe(200);
    const doc = verifyConfiguration(nodeBackend, await api.get(), await api.keys(), {
      region: 'VN',
      appliedVersion: 0,
    });
    expect(doc.advice).toEqual(ADVICE);
    expect((await put({ en: 'x'.repeat(MAX_ADVICE_LENGTH) }, 2)).status).toBe(200);
    expect(parseConfigurationDocument((await api.get()).payload).advice).toEqual({ en: 'x'.repeat(MAX_ADVICE_LENGTH) });
    expect((await put(undefined, 3)).status).toBe(200);
    expect(parseConfigurationDocument((await api.get()).payload).advice).toBeUndefined();
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
    expect(parseConfigurationDocument((await api.get()).payload).version).toBe(0);
  });
});
