/**
 * A reference client of the key server's JSON API, as a GAEN app speaks it, for the key server's
 * tests (in process through app.request, or over HTTP). Not part of the server's public API:
 * phones use the SDK's client (@bluezone/client).
 */
import { exposureKeyHmac, type PublishKey, toBase64 } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import type { TestType } from '@bluezone/server';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiResult<T> {
  status: number;
  body: T;
}

export interface IssueResponse {
  uuid: string;
  code: string;
  expiresAt: string;
  expiresAtTimestamp: number;
  longCode: string;
  longExpiresAt: string;
  longExpiresAtTimestamp: number;
}

export interface VerifyResponse {
  testtype: TestType;
  symptomDate: string;
  testDate: string;
  token: string;
}

export interface PublishResponse {
  revisionToken: string;
  insertedExposures: number;
  code?: string;
  error?: string;
  warnings?: string[];
  padding: string;
}

/** A problem body (any non-2xx). */
export interface Problem {
  code: string;
  error: string;
  status: number;
}

export class KeyServerClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = fetch,
  ) {}

  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const res = await this.fetchImpl(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetchImpl(`${this.baseUrl}${path}`, { method: 'GET', headers });
  }

  issue(adminKey: string, body: Record<string, unknown>) {
    return this.post<IssueResponse & Problem>('/api/issue', body, { 'x-api-key': adminKey });
  }

  verify(deviceKey: string, code: string, accept: TestType[] = ['confirmed', 'likely', 'negative'], chaff = false) {
    return this.post<VerifyResponse & Problem>('/api/verify', { code, accept }, headers(deviceKey, chaff));
  }

  certificate(deviceKey: string, token: string, ekeyhmac: string, chaff = false) {
    return this.post<{ certificate: string } & Problem>(
      '/api/certificate',
      { token, ekeyhmac },
      headers(deviceKey, chaff),
    );
  }

  publish(body: Record<string, unknown>, chaff = false) {
    return this.post<PublishResponse & Problem>('/v1/publish', body, chaff ? { 'x-chaff': '1' } : {});
  }
}

function headers(apiKey: string, chaff: boolean): Record<string, string> {
  return chaff ? { 'x-api-key': apiKey, 'x-chaff': '1' } : { 'x-api-key': apiKey };
}

export interface UploadOptions {
  client: KeyServerClient;
  deviceKey: string;
  code: string;
  keys: PublishKey[];
  hmacKey: Uint8Array;
  healthAuthorityID?: string;
  revisionToken?: string;
}

/** The phone's side after a positive test: verify the code, get a certificate, publish. */
export async function uploadKeys(options: UploadOptions): Promise<ApiResult<PublishResponse & Problem>> {
  const { client, deviceKey } = options;
  const verified = await client.verify(deviceKey, options.code);
  if (verified.status !== 200) return verified as unknown as ApiResult<PublishResponse & Problem>;
  const ekeyhmac = exposureKeyHmac(nodeBackend, options.keys, options.hmacKey);
  const cert = await client.certificate(deviceKey, verified.body.token, ekeyhmac);
  if (cert.status !== 200) return cert as unknown as ApiResult<PublishResponse & Problem>;
  return client.publish({
    temporaryExposureKeys: options.keys,
    healthAuthorityID: options.healthAuthorityID ?? 'vn.bluezone',
    verificationPayload: cert.body.certificate,
    hmacKey: toBase64(options.hmacKey),
    traveler: false,
    padding: '',
    ...(options.revisionToken ? { revisionToken: options.revisionToken } : {}),
  });
}
