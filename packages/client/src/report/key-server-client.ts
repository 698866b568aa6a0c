/**
 * HTTP calls to the verification and key servers, in the shapes of Google's reference servers:
 * google/exposure-notifications-verification-server docs/api.md (`/api/verify`,
 * `/api/certificate`, device API key in `X-API-Key`) and google/exposure-notifications-server
 * pkg/api/v1 (`/v1/publish`). `fetch` is injected (tests, React Native, browsers all have one).
 *
 * Decoys: the reference servers' chaff protocol ("Create a real request with a real request
 * body. Set the X-Chaff header. Receive and discard the response." — exposure-notifications-
 * server docs/getting-started/publishing-temporary-exposure-keys.md). Every body, real or
 * decoy, is padded to the same size per endpoint, so its length tells an observer nothing.
 *
 * Requests and answers are the contract's (@bluezone/protocol/api key-server.ts); every answer is
 * parsed with its schema before the phone uses it (the network is not trusted).
 */
import { keyServerApi as api, type Endpoint, type RequestOf, type ResponseOf } from '@bluezone/protocol/api';
import { ClientError } from '../client-error';
import type { RandomSource } from '../environment';

export type Fetch = typeof globalThis.fetch;

export interface KeyServerEndpoints {
  /** Base URL of the verification server (`…/api/verify`, `…/api/certificate` below it). */
  verificationUrl: string;
  /** Base URL of the key server (`…/v1/publish` below it). */
  keyServerUrl: string;
  /** The device API key of this app, sent as X-API-Key to the verification server. */
  apiKey: string;
}

export interface VerifyResult {
  testtype: string;
  /** `YYYY-MM-DD`, when the health authority entered one. */
  symptomDate?: string | undefined;
  testDate?: string | undefined;
  token: string;
}

/** What the phone publishes; padding is the client's. */
export type PublishRequest = Omit<RequestOf<typeof api.publish>, 'padding'>;

export interface PublishResult {
  revisionToken: string;
  insertedExposures: number;
  warnings: string[];
}

/** Every body is padded to at least this many bytes (then to a multiple of 1 KiB). */
export const PADDED_BODY_BYTES = { verify: 1024, certificate: 2048, publish: 4096 } as const;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * JSON with a random base64 `padding` field sized so the body is exactly `target` bytes (the
 * next 1 KiB multiple when larger); JSON allows trailing whitespace for the last 0–3 bytes.
 */
export function paddedJson(body: Record<string, unknown>, target: number, random: RandomSource): string {
  const bare = JSON.stringify({ ...body, padding: '' });
  const size = bare.length <= target ? target : Math.ceil(bare.length / 1024) * 1024;
  const room = size - bare.length;
  const chars = room - (room % 4);
  const bytes = random.bytes(chars);
  let padding = '';
  for (let i = 0; i < chars; i++) padding += BASE64.charAt((bytes[i] as number) & 63);
  return JSON.stringify({ ...body, padding }) + ' '.repeat(room - chars);
}

export class KeyServerClient {
  constructor(
    private readonly endpoints: KeyServerEndpoints,
    private readonly deps: { fetch: Fetch; random: RandomSource },
  ) {}

  async verify(code: string, options: { chaff?: boolean } = {}): Promise<VerifyResult> {
    const answer = await this.#post(
      this.endpoints.verificationUrl,
      api.verify,
      { code, accept: ['confirmed', 'likely', 'negative'] },
      PADDED_BODY_BYTES.verify,
      options.chaff ?? false,
      true,
    );
    if (answer === undefined) return { testtype: '', token: '' };
    return {
      testtype: answer.testtype,
      symptomDate: nonEmpty(answer.symptomDate),
      testDate: nonEmpty(answer.testDate),
      token: answer.token,
    };
  }

  async certificate(token: string, ekeyhmac: string, options: { chaff?: boolean } = {}): Promise<string> {
    const answer = await this.#post(
      this.endpoints.verificationUrl,
      api.certificate,
      { token, ekeyhmac },
      PADDED_BODY_BYTES.certificate,
      options.chaff ?? false,
      true,
    );
    return answer?.certificate ?? '';
  }

  async publish(request: PublishRequest, options: { chaff?: boolean } = {}): Promise<PublishResult> {
    const body: PublishRequest = { ...request };
    if (request.symptomOnsetInterval === undefined) delete body.symptomOnsetInterval;
    const answer = await this.#post(
      this.endpoints.keyServerUrl,
      api.publish,
      body,
      PADDED_BODY_BYTES.publish,
      options.chaff ?? false,
      false,
    );
    if (answer === undefined) return { revisionToken: '', insertedExposures: 0, warnings: [] };
    return {
      revisionToken: answer.revisionToken,
      insertedExposures: answer.insertedExposures,
      warnings: answer.warnings ?? [],
    };
  }

  /** The parsed answer, or undefined for a decoy (whose answer is discarded unread). */
  async #post<E extends Endpoint & { response: object }>(
    baseUrl: string,
    endpoint: E,
    body: RequestOf<E>,
    target: number,
    chaff: boolean,
    apiKey: boolean,
  ): Promise<ResponseOf<E> | undefined> {
    const url = `${trimSlash(baseUrl)}${endpoint.path}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (apiKey) headers['x-api-key'] = this.endpoints.apiKey;
    if (chaff) headers['x-chaff'] = '1';
    let response: Response;
    try {
      response = await this.deps.fetch(url, {
        method: endpoint.method,
        headers,
        body: paddedJson(body as Record<string, unknown>, target, this.deps.random),
      });
    } catch (err) {
      throw new ClientError('network', `POST ${url} failed: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text().catch(() => '');
    // A decoy's answer is discarded unread (chaff protocol); only the status says the call went through.
    if (chaff) {
      if (!response.ok) throw serverError(url, response.status, {});
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const obj =
      typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    // GAEN servers may answer 200 with an `error` field (publish) — that is a rejection too.
    if (!response.ok || (typeof obj.error === 'string' && obj.error !== ''))
      throw serverError(url, response.status, obj);
    if (json === undefined) {
      throw new ClientError('invalid_response', `POST ${url}: response is not JSON`, { status: response.status });
    }
    const parsed = (endpoint.response as E['response']).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ClientError(
        'invalid_response',
        `POST ${url}: response ${issue?.path.join('.') || 'body'} is not as the API defines it (${issue?.code ?? 'invalid'})`,
        { status: response.status },
      );
    }
    return parsed.data as ResponseOf<E>;
  }
}

function serverError(url: string, status: number, body: Record<string, unknown>): ClientError {
  const code = body.errorCode ?? body.code;
  const message = body.error ?? body.detail ?? body.title ?? `HTTP ${status}`;
  const problemCode = typeof code === 'string' && code !== '' ? code : undefined;
  return new ClientError(
    'server_rejected',
    `POST ${url}: ${String(message)}${problemCode !== undefined ? ` (${problemCode})` : ''}`,
    { status, ...(problemCode !== undefined ? { problemCode } : {}) },
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

export function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
