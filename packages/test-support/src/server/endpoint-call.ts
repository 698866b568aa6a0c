/**
 * Calls one endpoint of the HTTP contract (@bluezone/protocol/api) and returns its status and
 * body as they came, for the tests that need what a phone never sends or never shows: a request
 * without a key, a decoy, an accept list of its own, the problem a refusal answers with. The body
 * is typed as the endpoint's answer or a problem, whichever came. A phone's report goes through the
 * SDK's KeyServerClient (phone-report.ts); a body that is not even JSON goes through
 * `app.request()` or `fetch` directly. Every answer is checked against the contract
 * (contract-check.ts): a server that drifts from it fails the test.
 */
import {
  type Endpoint,
  endpointPath,
  type PathParams,
  type Problem,
  type RequestOf,
  type ResponseOf,
} from '@bluezone/protocol/api';
import { checkAnswer } from './contract-check';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface EndpointResult<E extends Endpoint> {
  status: number;
  body: ResponseOf<E> & Problem;
}

export interface CallOptions<E extends Endpoint> {
  /** Sent as X-API-Key. */
  apiKey?: string;
  /** Sent as X-Chaff: a decoy. */
  chaff?: boolean;
  params?: PathParams<E>;
  headers?: Record<string, string>;
}

const MALFORMED = Symbol('malformed');

/** A body that deliberately breaks the endpoint's request schema (made by `malformed`). */
export interface Malformed {
  readonly [MALFORMED]: unknown;
}

/** Marks a body a test sends to see it refused: it need not fit the endpoint's request. */
export function malformed(body: unknown): Malformed {
  return { [MALFORMED]: body };
}

export type EndpointCall = <E extends Endpoint>(
  endpoint: E,
  body?: RequestOf<E> | Malformed,
  options?: CallOptions<E>,
) => Promise<EndpointResult<E>>;

/** Calls endpoints of the server at `baseUrl` through `fetchImpl` (an app's `request`, or `fetch`). */
export function endpointCaller(baseUrl: string, fetchImpl: FetchLike = fetch): EndpointCall {
  return async (endpoint, request, options = {}) => {
    const body: unknown =
      typeof request === 'object' && request !== null && MALFORMED in request ? request[MALFORMED] : request;
    const path = options.params ? endpointPath(endpoint, options.params) : endpoint.path;
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    if (options.chaff) headers['x-chaff'] = '1';
    const res = await fetchImpl(`${baseUrl}${path}`, {
      method: endpoint.method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    await checkAnswer(endpoint.method, path, res);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as ResponseOf<typeof endpoint> & Problem };
  };
}
