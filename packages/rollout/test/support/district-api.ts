/**
 * The toolkit's HTTP API as its API tests call it: a rollout test context with the Nam Đông demo
 * units seeded, its contract-checked app with an admin's and a device's key, a commune manager's
 * rollout key, and the request helpers those tests share.
 */
import { type KeyedApp, keyedApp } from '@bluezone/test-support/server';
import { expect } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';
import type { RolloutTestContext } from './rollout-test-context';

export interface DistrictApi extends KeyedApp {
  /** The rollout key of Xã Hương Phú (unit 20164), as its unit manager holds. */
  huongPhu: string;
  /**
   * `method path` as `key` (default the admin's). An object body goes as JSON; a string body as
   * is, with `type` (`text/csv` for an import).
   */
  send(method: string, path: string, body?: object | string, key?: string, type?: string): Promise<Response>;
  /** An install attested by the resident app (the device key unless `key`), version and tracing filled in. */
  attest(body: object, key?: string): Promise<Response>;
}

export async function districtApi(t: RolloutTestContext): Promise<DistrictApi> {
  await seedUnitsIfEmpty(t.db, t.clock);
  const keyed = await keyedApp(t.ctx, t.features);
  const huongPhu = (await createRolloutKey(t.db, t.clock, { unitCode: '20164', name: 'Cán bộ xã Hương Phú' })).key;
  const send: DistrictApi['send'] = async (method, path, body, key = keyed.admin, type = 'application/json') =>
    keyed.app.request(path, {
      method,
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const attest: DistrictApi['attest'] = (body, key = keyed.device) =>
    send('POST', '/api/rollout/attest', { appVersion: '1.0.0', tracingActive: true, ...body }, key);
  return { ...keyed, huongPhu, send, attest };
}

/** The answer's JSON, after checking its status. */
export async function json(res: Response, status = 200) {
  expect(res.status).toBe(status);
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON loosely
  return (await res.json()) as any;
}
