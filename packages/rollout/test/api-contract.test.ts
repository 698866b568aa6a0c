// The HTTP contract (@bluezone/protocol/api) and the product agree: every endpoint it declares is a
// route of the server `bluezone server` runs (the key server's features and the rollout toolkit)
// with that method and path, every route that server registers is declared (but the few listed
// below that are no HTTP API), and every error code the server can answer with is one the web and
// the app can word. Answers are checked against the contract in the API tests themselves
// (endpointCaller, checkedApp).
import { PROBLEM_CODES, type ProblemCode, unitsApi } from '@bluezone/protocol/api';
import { createApp, KEY_SERVER_FEATURES, type ServerErrorCode } from '@bluezone/server';
import {
  contractDrift,
  contractEndpoints,
  createTestContext,
  endpointFor,
  type Route,
  type TestContext,
} from '@bluezone/test-support/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { districtServerFeatures } from '../src/district-server';
import '../src/rollout-error'; // the toolkit's codes, merged into ServerErrorCode

/** Routes that are no HTTP API, each with where its format is defined instead. */
const NOT_API = [
  // The load balancer's probe (docs/operations/deploying.md): a status even with the database gone.
  'GET /health',
  // The export files phones download: @bluezone/protocol's export index and export zip.
  'GET /exports/*',
  // The built resident app and web app (packages/app, packages/web).
  'GET /app',
  'GET /app/*',
  'GET /*',
];

describe('the HTTP contract', () => {
  let t: TestContext;
  let routes: Route[];
  let keyServerRoutes: Route[];

  beforeAll(async () => {
    const features = districtServerFeatures({});
    t = await createTestContext('sqlite', {}, { features });
    routes = createApp(t.ctx, features).routes;
    keyServerRoutes = createApp(t.ctx, KEY_SERVER_FEATURES).routes;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('is served and complete: each endpoint a route with its method and path, each route declared', () => {
    expect(contractEndpoints().length).toBeGreaterThan(50);
    expect(contractDrift(routes, NOT_API)).toEqual({ undeclared: [], unserved: [], stale: [] });
  });

  it('declares every route of the key server on its own', () => {
    expect(contractDrift(keyServerRoutes, NOT_API).undeclared).toEqual([]);
  });

  it('fails on a route without a contract, a contract without a route, and a stale exemption', () => {
    // Against whatever drift there is, exactly the one introduced here is found.
    const base = contractDrift(routes, NOT_API);
    const added = (found: string[], before: string[]) => found.filter((x) => !before.includes(x));
    const withoutRoster = contractEndpoints().filter(({ endpoint }) => endpoint !== unitsApi.listRoster);
    expect(added(contractDrift(routes, NOT_API, withoutRoster).undeclared, base.undeclared)).toEqual([
      'GET /api/rollout/units/:code/roster',
    ]);
    const notServed = routes.filter((r) => !(r.method === 'GET' && r.path === unitsApi.listRoster.path));
    expect(added(contractDrift(notServed, NOT_API).unserved, base.unserved)).toEqual([
      'unitsApi.listRoster: GET /api/rollout/units/:code/roster',
    ]);
    expect(contractDrift(routes, [...NOT_API, 'GET /metrics']).stale).toEqual(['GET /metrics']);
  });

  it('finds the endpoint a request names, a literal path before a parameter', () => {
    expect(endpointFor('POST', '/api/rollout/units/import')?.path).toBe('/api/rollout/units/import');
    expect(endpointFor('GET', '/api/rollout/units/20164?x=1')?.path).toBe('/api/rollout/units/:code');
    expect(endpointFor('GET', '/api/rollout/units/20164/roster')?.path).toBe('/api/rollout/units/:code/roster');
    expect(endpointFor('GET', '/health')).toBeUndefined();
    // Every endpoint's own path finds that endpoint, so each answer is held to its own schema.
    const misrouted = contractEndpoints()
      .filter(({ endpoint }) => endpointFor(endpoint.method, endpoint.path.replace(/:\w+/g, '20164')) !== endpoint)
      .map(({ name }) => name);
    expect(misrouted).toEqual([]);
  });

  it('lists every error code the key server and the toolkit answer with', () => {
    // Checked by the compiler (npm run typecheck): a code added to a feature's errors without
    // adding it to problem-codes.ts fails here.
    expectTypeOf<ServerErrorCode>().toExtend<ProblemCode>();
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });
});
