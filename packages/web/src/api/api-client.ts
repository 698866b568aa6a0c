/**
 * Calls the Bluezone server from the browser. The session cookie goes along automatically
 * (same origin); every state-changing request carries the session's CSRF token in
 * X-CSRF-Token, as the server's session middleware requires. Problem+json bodies become ApiError.
 *
 * Every call names its endpoint's contract as a type (`api<typeof unitsApi.listRoster>(…)`,
 * @bluezone/protocol/api): the URL must fit the endpoint's path, the body its request and the
 * answer is typed as its response. Type-only: the page trusts its own server and ships no schemas.
 */
import type { Endpoint, Problem, RequestOf, ResponseOf, UrlOf } from '@bluezone/protocol/api';
import type { ProblemInfo } from '@bluezone/ui-shared';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** The problem's code (a ProblemCode from our server), `network` or `error`. */
    readonly code: string,
    message: string,
    /** What the problem body points at (field, bad lines) and the request id, for ErrorMessage. */
    readonly problem: Omit<ProblemInfo, 'status' | 'code'> = {},
  ) {
    super(message);
  }

  /** What ui-shared's problemText needs to say this in the user's language. */
  get info(): ProblemInfo {
    return { status: this.status, ...(this.code === 'error' ? {} : { code: this.code }), ...this.problem };
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type MethodOption<E extends Endpoint> = E['method'] extends 'GET' ? { method?: 'GET' } : { method: E['method'] };
type BodyOption<E extends Endpoint> = E extends { request: object } ? { body: RequestOf<E> } : { body?: undefined };

export type RequestOptions<E extends Endpoint> = MethodOption<E> & BodyOption<E> & { signal?: AbortSignal };

async function toError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  try {
    const problem = (await res.json()) as Partial<Problem>;
    return new ApiError(res.status, problem.code ?? 'error', problem.detail ?? res.statusText, {
      field: problem.field,
      entries: problem.details?.errors,
      requestId: problem.requestId ?? requestId,
    });
  } catch {
    // No problem body (a bare 500, a proxy's page): the generic message with the request id.
    return new ApiError(res.status, 'error', res.statusText || `HTTP ${res.status}`, { requestId });
  }
}

export async function request<E extends Endpoint>(url: UrlOf<E>, options: RequestOptions<E>): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!res.ok) throw await toError(res);
  return res;
}

/** The endpoint's JSON answer (undefined for a 204). */
export async function api<E extends Endpoint>(
  url: UrlOf<E>,
  ...[options]: E['method'] extends 'GET' ? [RequestOptions<E>?] : [RequestOptions<E>]
): Promise<ResponseOf<E>> {
  const res = await request<E>(url, options ?? ({} as RequestOptions<E>));
  if (res.status === 204) return undefined as ResponseOf<E>;
  return (await res.json()) as ResponseOf<E>;
}
