// reply() answers with an endpoint's JSON typed by its contract: a field the contract does not
// declare fails typecheck (npm run typecheck checks the @ts-expect-error lines below), at any
// depth and also when the object was built elsewhere, not only for an object literal.
import { coverageApi, keyServerApi } from '@bluezone/protocol/api';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { reply } from '../src/http/reply';

describe('reply', () => {
  it('answers the contract response as JSON with the status given', async () => {
    const app = new Hono();
    app.get('/', (c) => reply(c, keyServerApi.certificate, { certificate: 'x' }, 201));
    const res = await app.request('/');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ certificate: 'x' });
  });

  it('does not compile with a field the contract lacks', () => {
    const app = new Hono();
    const built = { certificate: 'x', kid: 'v1' };
    const keys = [
      { keyId: '1', keyVersion: 'v1', publicKeyPem: 'pem', createdAt: 'now', active: true, privateKeyPem: 'no' },
    ];
    const report = {} as coverageApi.CoverageReport & {
      units: (coverageApi.UnitCoverage & { installIds: string[] })[];
    };
    app.get('/', (c) => {
      // @ts-expect-error an object literal with an undeclared field
      reply(c, keyServerApi.certificate, { certificate: 'x', kid: 'v1' });
      // @ts-expect-error an object built before the call
      reply(c, keyServerApi.certificate, built);
      // @ts-expect-error an undeclared field inside an array built with map
      reply(c, keyServerApi.exportKeys, { region: 'VN', keys: keys.map((k) => ({ ...k })) });
      // @ts-expect-error an undeclared field deep in a domain object
      reply(c, coverageApi.coverage, report);
      return reply(c, keyServerApi.certificate, { certificate: 'x' });
    });
    expect(app.routes).toHaveLength(1);
  });
});
