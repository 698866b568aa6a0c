// The HTTP contract (@bluezone/protocol/api) and the product agree: every endpoint it declares is a
// route of the server `bluezone server` runs (the key server's features and the rollout toolkit)
// with that method and path, every /api and /v1 route the server has is declared, and every error
// code the server can answer with is one the web and the app can word. Answers are checked against
// the contract in the API tests themselves (endpointCaller, checkedApp).
import { PROBLEM_CODES, type ProblemCode } from '@bluezone/protocol/api';
import { createApp, type ServerErrorCode } from '@bluezone/server';
import { contractEndpoints, createTestContext, endpointFor, type TestContext } from '@bluezone/test-support/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { districtServerFeatures } from '../src/district-server';
import '../src/rollout-error'; // the toolkit's codes, merged into ServerErrorCode

describe('the HTTP contract', () => {
  let t: TestContext;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    const features = districtServerFeatures({});
    t = await createTestContext('sqlite', {}, { features });
    routes = createApp(t.ctx, features)
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path }));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('is served: each endpoint is a route of the composed server with its method and path', () => {
    const endpoints = contractEndpoints();
    expect(endpoints.length).toBeGreaterThan(50);
    const missing = endpoints
      .filter(({ endpoint }) => !routes.some((r) => r.method === endpoint.method && r.path === endpoint.path))
      .map(({ name, endpoint }) => `${name}: ${endpoint.method} ${endpoint.path}`);
    expect(missing).toEqual([]);
  });

  it('is complete: each /api and /v1 route of the server is declared', () => {
    const undeclared = routes
      .filter((r) => /^\/(api|v1)\//.test(r.path))
      .filter(
        (r) => !contractEndpoints().some(({ endpoint }) => endpoint.method === r.method && endpoint.path === r.path),
      )
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('finds the endpoint a request names, a literal path before a parameter', () => {
    expect(endpointFor('POST', '/api/rollout/units/import')?.path).toBe('/api/rollout/units/import');
    expect(endpointFor('GET', '/api/rollout/units/20164?x=1')?.path).toBe('/api/rollout/units/:code');
    expect(endpointFor('GET', '/api/rollout/units/20164/roster')?.path).toBe('/api/rollout/units/:code/roster');
    expect(endpointFor('GET', '/health')).toBeUndefined();
  });

  it('lists every error code the key server and the toolkit answer with', () => {
    // Checked by the compiler (npm run typecheck): a code added to a feature's errors without
    // adding it to problem-codes.ts fails here.
    expectTypeOf<ServerErrorCode>().toExtend<ProblemCode>();
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });
});
