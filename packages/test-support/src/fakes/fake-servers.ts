// A recorded stand-in for the verification and key servers, for unit tests of the report flow.
// The end-to-end test runs the real server from packages/server instead.
import { type CryptoBackend, exposureKeyHmac, fromBase64, type PublishKey } from '@bluezone/protocol';

export interface RecordedCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

export function fakeServers(backend: CryptoBackend, options: { failures?: Record<string, number[]> } = {}) {
  const calls: RecordedCall[] = [];
  const failures = new Map(Object.entries(options.failures ?? {}).map(([k, v]) => [k, [...v]]));
  let tekmac = '';
  const published: PublishKey[][] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const body = String(init?.body ?? '');
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const json = JSON.parse(body) as Record<string, unknown>;
    calls.push({ url, headers, body, json });
    const path = new URL(url).pathname;
    const failure = failures.get(path)?.shift();
    if (failure === 0) throw new TypeError('fetch failed');
    if (failure !== undefined) return Response.json({ error: 'injected', errorCode: 'injected' }, { status: failure });
    if (headers['x-chaff'] !== undefined) return Response.json({ padding: 'AAAA' });
    if (path === '/api/verify') {
      if (json.code === '00000000') return Response.json({ testtype: 'negative', token: 'token-1' });
      if (json.code !== '12345678')
        return Response.json({ error: 'bad code', errorCode: 'code_invalid' }, { status: 400 });
      return Response.json({ testtype: 'confirmed', symptomDate: '2026-11-25', token: 'token-1' });
    }
    if (path === '/api/certificate') {
      if (json.token !== 'token-1') return Response.json({ error: 'bad token' }, { status: 400 });
      tekmac = String(json.ekeyhmac);
      return Response.json({ certificate: 'cert-1' });
    }
    if (path === '/v1/publish') {
      const keys = json.temporaryExposureKeys as PublishKey[];
      // What the key server does: recompute the HMAC from the keys and the secret.
      const mac = exposureKeyHmac(backend, keys, fromBase64(String(json.hmacKey)));
      if (json.verificationPayload !== 'cert-1' || mac !== tekmac) {
        return Response.json({ error: 'hmac mismatch', code: 'hmac_invalid' }, { status: 400 });
      }
      published.push(keys);
      return Response.json({ revisionToken: `rev-${published.length}`, insertedExposures: keys.length });
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, published };
}
