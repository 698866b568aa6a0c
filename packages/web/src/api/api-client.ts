/**
 * Calls the Bluezone server from the browser. The session cookie goes along automatically
 * (same origin); every state-changing request carries the session's CSRF token in
 * X-CSRF-Token, as the server's session middleware requires. Problem+json bodies become ApiError.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const problem = (await res.json()) as { code?: string; detail?: string };
    return new ApiError(res.status, problem.code ?? 'error', problem.detail ?? res.statusText);
  } catch {
    return new ApiError(res.status, res.status === 404 ? 'not_found' : 'error', res.statusText || `HTTP ${res.status}`);
  }
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
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

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await request(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
