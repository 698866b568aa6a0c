// A recorded stand-in for the verification and key servers, for unit tests of the report flow.
// The end-to-end test runs the real server from packages/server instead.
import { type CryptoBackend, exposureKeyHmac, fromBase64, type PublishKey } from '@bluezone/protocol';
import { PROBLEM_CONTENT_TYPE, type Problem, type ProblemCode } from '@bluezone/protocol/api';

/** A refusal as the real servers answer it: a problem+json body with a code from problem-codes.ts. */
function refusal(status: number, code: ProblemCode, detail: string): Response {
  const body: Problem = {
    type: `https://bluezone.example/problems/${code}`,
    title: code.replaceAll('_', ' '),
    status,
    detail,
    code,
    error: detail,
  };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
}

/** The code the real server gives an injected failure's status. */
function injectedCode(status: number): ProblemCode {
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'internal';
  return 'invalid_request';
}

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
    if (failure !== undefined) return refusal(failure, injectedCode(failure), `injected HTTP ${failure}`);
    if (headers['x-chaff'] !== undefined) return Response.json({ padding: 'AAAA' });
    if (path === '/api/verify') {
      if (json.code === '00000000') return Response.json({ testtype: 'negative', token: 'token-1' });
      if (json.code !== '12345678') {
        return refusal(400, 'code_invalid', 'this code cannot be used; ask the health station for a new one');
      }
      return Response.json({ testtype: 'confirmed', symptomDate: '2026-11-25', token: 'token-1' });
    }
    if (path === '/api/certificate') {
      if (json.token !== 'token-1') return refusal(400, 'token_invalid', 'the token is not valid');
      tekmac = String(json.ekeyhmac);
      return Response.json({ certificate: 'cert-1' });
    }
    if (path === '/v1/publish') {
      const keys = json.temporaryExposureKeys as PublishKey[];
      // What the key server does: recompute the HMAC from the keys and the secret.
      const mac = exposureKeyHmac(backend, keys, fromBase64(String(json.hmacKey)));
      if (json.verificationPayload !== 'cert-1' || mac !== tekmac) {
        return refusal(400, 'hmac_mismatch', "the keys do not match the certificate's tekmac");
      }
      published.push(keys);
      return Response.json({ revisionToken: `rev-${published.length}`, insertedExposures: keys.length });
    }
    return refusal(404, 'not_found', `no route for ${path}`);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, published };
}
