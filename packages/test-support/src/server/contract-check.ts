/**
 * Holds the servers to the HTTP contract (@bluezone/protocol/api) in tests: every endpoint of
 * every area, the one a request names (method and path), and a check of an answer against it —
 * a 2xx JSON body must parse with the endpoint's response schema and carry no field the schema
 * does not declare; a problem+json body must be a problem. endpointCaller checks every answer it
 * gets, and `checkedApp` does the same for tests that call an app's `request` themselves, so a
 * server that drifts from the contract fails the tests that reach it. `contractDrift` compares a
 * server's routes with the contract's endpoints, both ways.
 */
import { isDeepStrictEqual } from 'node:util';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
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

/** A method and a path pattern, as Hono lists an app's routes (`app.routes`). */
export interface Route {
  method: string;
  path: string;
}

export interface ContractDrift {
  /** `METHOD /path` of each route the contract does not declare (nor `notApi` names). */
  undeclared: string[];
  /** `<area>Api.<name>: METHOD /path` of each endpoint no route serves. */
  unserved: string[];
  /** Entries of `notApi` that are no route (a route that went, or a misspelling). */
  stale: string[];
}

/**
 * Where a server's routes and the contract disagree. Middleware (`ALL`) is not a route. `notApi`
 * names the routes that are no HTTP API, as `METHOD /path` (the built pages, the export files).
 */
export function contractDrift(
  routes: readonly Route[],
  notApi: readonly string[] = [],
  endpoints: readonly { name: string; endpoint: api.Endpoint }[] = contractEndpoints(),
): ContractDrift {
  const served = new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
  const declared = new Set(endpoints.map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`));
  return {
    undeclared: [...served].filter((r) => !declared.has(r) && !notApi.includes(r)),
    unserved: endpoints
      .filter(({ endpoint }) => !served.has(`${endpoint.method} ${endpoint.path}`))
      .map(({ name, endpoint }) => `${name}: ${endpoint.method} ${endpoint.path}`),
    stale: notApi.filter((r) => !served.has(r)),
  };
}

const UNDO: Record<string, ((bytes: Buffer) => Buffer) | undefined> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * The body's text. An answer from `app.request` to a client that accepts compression is still
 * compressed; `fetch` has already undone it but leaves the header, so undoing fails there and the
 * bytes are the text.
 */
async function bodyText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.clone().arrayBuffer());
  const undo = UNDO[res.headers.get('content-encoding') ?? ''];
  try {
    return (undo ? undo(bytes) : bytes).toString('utf8');
  } catch {
    return bytes.toString('utf8');
  }
}

/** Throws when the answer to `method url` is not what the contract declares. */
export async function checkAnswer(method: string, url: string, res: Response): Promise<void> {
  const endpoint = endpointFor(method, url);
  const type = res.headers.get('content-type') ?? '';
  if (!endpoint || !/json/.test(type)) return;
  const text = await bodyText(res);
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

/** Hono's `app.request`: the URL, the request, then the environment (a socket's address) and more. */
type RequestFn = (input: string, init?: RequestInit, ...more: never[]) => Response | Promise<Response>;

/** An app whose `request` checks every answer against the contract (Hono's `app.request`). */
export function checkedApp<A extends { request: RequestFn }>(app: A): A {
  const request = async (input: string, init?: RequestInit, ...more: never[]) => {
    const res = await app.request(input, init, ...more);
    await checkAnswer(init?.method ?? 'GET', input, res);
    return res;
  };
  return new Proxy(app, {
    get: (target, key, receiver) => (key === 'request' ? request : Reflect.get(target, key, receiver)),
  });
}
