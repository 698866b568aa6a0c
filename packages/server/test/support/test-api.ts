/**
 * An in-process app (Hono `app.request`, no port) with an admin and a device key, calls of its HTTP
 * contract (`call`), plus key helpers. Both `call` and `request` check every answer to an endpoint
 * of the contract against it (contract-check.ts).
 */
import { randomBytes } from 'node:crypto';
import { dayStartInterval, exposureKeyHmac, INTERVAL_SECONDS, type PublishKey, toBase64 } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { checkedApp, type EndpointCall, endpointCaller, type TestContext } from '@bluezone/test-support/server';
import { createApiKey } from '../../src/apikeys/api-key';
import type { TestType } from '../../src/certificates/test-type';
import { KEY_SERVER_FEATURES } from '../../src/features';
import { createApp } from '../../src/http/app';

export interface TestApi {
  /** The app's `request`: for what is not a contract call (a body that is not JSON, /exports). */
  request: (url: string, init?: RequestInit) => Promise<Response>;
  call: EndpointCall;
  admin: string;
  device: string;
}

/** The accept list apps send with /api/verify (the SDK's): every test type. */
export const ACCEPT_ALL: TestType[] = ['confirmed', 'likely', 'negative'];

export async function createTestApi(t: TestContext, realm = 'default'): Promise<TestApi> {
  const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
  const request = async (url: string, init?: RequestInit) => app.request(url, init);
  const call = endpointCaller('http://bluezone.test', request);
  const admin = await createApiKey(t.ctx.database, t.clock, 'admin', realm);
  const device = await createApiKey(t.ctx.database, t.clock, 'device', realm);
  return { request, call, admin: admin.key, device: device.key };
}

/** One 144-interval key per day for the `days` days up to and including today. */
export function dailyKeys(nowMs: number, days: number): PublishKey[] {
  const today = dayStartInterval(Math.floor(nowMs / 1000 / INTERVAL_SECONDS));
  return Array.from({ length: days }, (_, i) => ({
    key: toBase64(randomBytes(16)),
    rollingStartNumber: today - i * 144,
    rollingPeriod: 144,
    transmissionRisk: 4,
  }));
}

/** Issues a code, verifies it and returns a certificate bound to `keys`. */
export async function certify(
  api: TestApi,
  keys: readonly PublishKey[],
  testType: TestType = 'confirmed',
  symptomDate?: string,
): Promise<{ certificate: string; hmacKey: string }> {
  const issued = await api.call(
    keyServerApi.issue,
    { testType, ...(symptomDate ? { symptomDate } : {}) },
    { apiKey: api.admin },
  );
  if (issued.status !== 200) throw new Error(`issue failed: ${JSON.stringify(issued.body)}`);
  const verified = await api.call(
    keyServerApi.verify,
    { code: issued.body.code, accept: ACCEPT_ALL },
    { apiKey: api.device },
  );
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  const hmacKey = randomBytes(32);
  // There is no HMAC over no keys (Google's reference refuses it); a publish of none is refused
  // before its HMAC is checked, so any MAC serves for that test.
  const ekeyhmac = keys.length > 0 ? exposureKeyHmac(nodeBackend, keys, hmacKey) : toBase64(randomBytes(32));
  const cert = await api.call(
    keyServerApi.certificate,
    { token: verified.body.token, ekeyhmac },
    { apiKey: api.device },
  );
  if (cert.status !== 200) throw new Error(`certificate failed: ${JSON.stringify(cert.body)}`);
  return { certificate: cert.body.certificate, hmacKey: toBase64(hmacKey) };
}

export function publishBody(keys: readonly PublishKey[], cert: { certificate: string; hmacKey: string }) {
  return {
    temporaryExposureKeys: [...keys],
    healthAuthorityID: 'vn.bluezone',
    verificationPayload: cert.certificate,
    hmacKey: cert.hmacKey,
    traveler: false,
    padding: 'AAAA',
  };
}
