// The signed configuration document on the key server: served signed by the export keys (the
// defaults as version 0 until an admin saves one), saved only by admins, only as the next
// version, and only when the protocol's validators accept it (problem bodies name the field).
import {
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  parseConfigurationDocument,
  verifyConfiguration,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { rotateSigningKey } from '../src/export/signing-keys';
import { type ConfigurationApi, openConfigurationApi } from './support/configuration-api';

describe.each(DIALECTS)('/api/configuration on %s', (dialect) => {
  let api: ConfigurationApi;
  beforeEach(async () => {
    api = await openConfigurationApi(dialect);
  });
  afterEach(() => api.cleanup());
  const edit = (version: number, notifyCloseMinutes = 20) => ({
    version,
    proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, notifyCloseMinutes },
    risk: CWA_RISK_CONFIGURATION,
  });

  it('serves the defaults as version 0, signed by the export key phones already trust', async () => {
    const signed = await api.get();
    const doc = verifyConfiguration(nodeBackend, signed, await api.keys(), { region: 'VN', appliedVersion: 0 });
    expect(doc.version).toBe(0);
    expect(doc.proximity).toEqual(DEFAULT_PROXIMITY_PARAMETERS);
  });

  it('saves an admin\u2019s edit as the next version and serves it signed', async () => {
    const res = await api.put(edit(1, 25));
    expect(res.status).toBe(200);
    const signed = await api.get();
    const doc = verifyConfiguration(nodeBackend, signed, await api.keys(), { region: 'VN', appliedVersion: 0 });
    expect(doc.version).toBe(1);
    expect(doc.proximity.notifyCloseMinutes).toBe(25);
    expect((await api.put(edit(2, 30))).status).toBe(200);
    expect(parseConfigurationDocument((await api.get()).payload).version).toBe(2);
    // The crowd rule's count is served as edited, and a document without it is served without it.
    const crowd = { ...edit(3), proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, crowdCloseCount: 3.5 } };
    expect((await api.put(crowd)).status).toBe(200);
    expect(parseConfigurationDocument((await api.get()).payload).proximity.crowdCloseCount).toBe(3.5);
    const { crowdCloseCount: _, ...withoutCrowd } = DEFAULT_PROXIMITY_PARAMETERS;
    expect((await api.put({ ...edit(4), proximity: withoutCrowd })).status).toBe(200);
    expect(parseConfigurationDocument((await api.get()).payload).proximity).not.toHaveProperty('crowdCloseCount');
  });

  it('signs only the risk configuration\u2019s own fields: a comment or other data beside them is left out', async () => {
    const cwa = CWA_RISK_CONFIGURATION;
    const risk = {
      ...cwa,
      comment: 'district file, edited by hand',
      transmission: { ...cwa.transmission, note: 'from the CWA repository' },
      minimumMinutesAtAttenuation: { ...cwa.minimumMinutesAtAttenuation, source: 'CWA' },
    };
    const res = await api.put({ ...edit(1), risk });
    expect(res.status).toBe(200);
    const signed = await api.get();
    expect(signed.payload).not.toMatch(/comment|note|source/);
    const doc = verifyConfiguration(nodeBackend, signed, await api.keys(), { region: 'VN', appliedVersion: 0 });
    expect(doc.version).toBe(1);
    expect(doc.risk).toStrictEqual(cwa);
    // The save's answer is the same signed document.
    expect(((await res.json()) as { payload: string }).payload).toBe(signed.payload);
    // A risk without a text for its name is refused naming it.
    const unnamed = await api.put({ ...edit(2), risk: { ...cwa, name: 7 } });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.json()).toMatchObject({ code: 'configuration_invalid', field: 'risk.name' });
  });

  it('refuses an edit of an older version with 409 and a problem body', async () => {
    expect((await api.put(edit(1))).status).toBe(200);
    const res = await api.put(edit(1, 40));
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'configuration_version_conflict', field: 'version' });
    expect((await api.put(edit(3))).status).toBe(409);
    expect(parseConfigurationDocument((await api.get()).payload).proximity.notifyCloseMinutes).toBe(20);
  });

  it('refuses parameters the validators refuse, naming the field, and saves nothing', async () => {
    const bad = { ...edit(1), proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, binSeconds: 7 } };
    const res = await api.put(bad);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'configuration_invalid', field: 'proximity.binSeconds' });
    const risk = await api.put({ ...edit(1), risk: { ...CWA_RISK_CONFIGURATION, attenuationOf: 'loudest' } });
    expect(await risk.json()).toMatchObject({ code: 'configuration_invalid', field: 'risk.attenuationOf' });
    const crowd = await api.put({ ...edit(1), proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, crowdCloseCount: 0 } });
    expect(await crowd.json()).toMatchObject({ code: 'configuration_invalid', field: 'proximity.crowdCloseCount' });
    // The carry is part of the receiver's offset: it cannot be the larger.
    const carry = await api.put({ ...edit(1), proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, receiverCarrySdDb: 6 } });
    expect(await carry.json()).toMatchObject({ code: 'configuration_invalid', field: 'proximity.receiverCarrySdDb' });
    const shape = await api.put({ version: 'one', proximity: 1, risk: {} });
    expect(shape.status).toBe(400);
    expect(parseConfigurationDocument((await api.get()).payload).version).toBe(0);
  });

  it('lets only admins save', async () => {
    const device = await createApiKey(api.t.ctx.database, api.t.clock, 'device', 'default');
    expect((await api.put(edit(1), device.key)).status).toBe(403);
    const none = await api.app.request('/api/configuration', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(edit(1)),
    });
    expect(none.status).toBe(401);
  });

  it('signs with both keys of a rotation\u2019s overlap', async () => {
    await api.get();
    await rotateSigningKey(api.t.ctx);
    const signed = await api.get();
    expect(signed.signatures).toHaveLength(2);
    const [oldKey, newKey] = await api.keys();
    for (const k of [oldKey, newKey])
      expect(
        verifyConfiguration(nodeBackend, signed, [k as { pem: string }], { region: 'VN', appliedVersion: 0 }).version,
      ).toBe(0);
  });
});
