/**
 * Holds the servers to the HTTP contract (@bluezone/protocol/api) in tests: every endpoint of
 * every area, the one a request names (method and path), and a check of an answer against it —
 * a 2xx JSON body must parse with the endpoint's response schema and carry no field the schema
 * does not declare; a problem+json body must be a problem. endpointCaller checks every answer it
 * gets, and `checkedApp` does the same for tests that call an app's `request` themselves, so a
 * server that drifts from the contract fails the tests that reach it.
 */
import { isDeepStrictEqual } from 'node:util';
import * as api from '@bluezone/protocol/api';

/** The contract's areas: each `<area>Api` namespace of @bluezone/protocol/api. */
const AREAS = Object.entries(api).filter(([name]) => name.endsWith('Api')) as [string, Record<string, unknown>][];

function isEndpoint(value: unknown): value is api.Endpoint {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { method?: unknown }).method === 'string'
  );
}

/** Every endpoint the contract declares, named `<area>Api.<name>`. */
export function contractEndpoints(): { name: string; endpoint: api.Endpoint }[] {
  return AREAS.flatMap(([area, members]) =>
    Object.entries(members)
      .filter(([, v]) => isEndpoint(v))
      .map(([name, endpoint]) => ({ name: `${area}.${name}`, endpoint: endpoint as api.Endpoint })),
  );
}

function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

const ROUTES = contractEndpoints()
  .map(({ endpoint }) => ({
    endpoint,
    pattern: patternOf(endpoint.path),
    params: (endpoint.path.match(/:/g) ?? []).length,
  }))
  // A literal segment wins over a parameter (`/units/import` before `/units/:code`).
  .sort((a, b) => a.params - b.params);

/** The endpoint a request is for, or undefined when the contract has none (/health, /exports, pages). */
export function endpointFor(method: string, url: string): api.Endpoint | undefined {
  const path = new URL(url, 'http://contract.test').pathname;
  return ROUTES.find((r) => r.endpoint.method === method.toUpperCase() && r.pattern.test(path))?.endpoint;
}

/** Throws when the answer to `method url` is not what the contract declares. */
export async function checkAnswer(method: string, url: string, res: Response): Promise<void> {
  const endpoint = endpointFor(method, url);
  const type = res.headers.get('content-type') ?? '';
  if (!endpoint || !/json/.test(type)) return;
  const text = await res.clone().text();
  if (text === '') return;
  const body: unknown = JSON.parse(text);
  const ok = res.status >= 200 && res.status < 300;
  const schema = ok ? endpoint.response : api.problem;
  const what = `${method.toUpperCase()} ${endpoint.path} answered ${res.status}`;
  if (!schema) throw new Error(`${what} with JSON, but the contract declares no JSON answer`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`${what} with a body the contract does not allow: ${JSON.stringify(parsed.error.issues)}`);
  }
  // The schemas drop fields they do not declare: a difference is a field the contract lacks.
  if (!isDeepStrictEqual(parsed.data, body)) {
    throw new Error(`${what} with fields the contract does not declare: ${text.slice(0, 500)}`);
  }
}

type RequestFn = (input: string, init?: RequestInit) => Response | Promise<Response>;

/** An app whose `request` checks every answer against the contract (Hono's `app.request`). */
export function checkedApp<A extends { request: RequestFn }>(app: A): A {
  const request: RequestFn = async (input, init) => {
    const res = await app.request(input, init);
    await checkAnswer(init?.method ?? 'GET', input, res);
    return res;
  };
  return new Proxy(app, {
    get: (target, key, receiver) => (key === 'request' ? request : Reflect.get(target, key, receiver)),
  });
}
