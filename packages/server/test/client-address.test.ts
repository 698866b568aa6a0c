// Whose requests a limit counts: behind proxies the client address is read from the right of
// X-Forwarded-For (the left is whatever the client wrote), and the device key every app shares
// is limited per address, so one client cannot use up every phone's share.

import { checkedApp, createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

describe.each(DIALECTS)('client addresses and limits on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  const start = async (env: Record<string, string>) => {
    t = await createTestContext(dialect, { RATE_LIMIT_PER_MINUTE: '3', ...env });
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
  };
  afterEach(async () => {
    await t.cleanup();
  });

  /** A decoy publish (stores nothing) arriving from the proxy at `peer` with this X-Forwarded-For. */
  const publish = async (forwardedFor: string, peer = '10.0.0.2') =>
    (
      await app.request(
        '/v1/publish',
        {
          method: 'POST',
          headers: { 'x-forwarded-for': forwardedFor, 'x-chaff': '1', 'content-type': 'application/json' },
          body: '{}',
        },
        { incoming: { socket: { remoteAddress: peer } } },
      )
    ).status;

  it('counts a client behind one proxy by the address the proxy appended, whatever it wrote before', async () => {
    await start({ TRUST_PROXY: 'true' });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await publish(`192.0.2.${i}, 198.51.100.7`));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await publish('198.51.100.8')).toBe(200);
  });

  it('with TRUST_PROXY_HOPS=2 reads the second entry from the right (a CDN in front of the balancer)', async () => {
    await start({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await publish(`192.0.2.${i}, 198.51.100.7, 203.0.113.50`));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await publish('192.0.2.1, 198.51.100.9, 203.0.113.50')).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    await start({});
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await publish(`198.51.100.${i}`, '198.51.100.200'));
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("limits the shared device key per address: one client's burst leaves other phones their share", async () => {
    await start({ TRUST_PROXY: 'true' });
    const device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
    const verify = async (from: string) =>
      (
        await app.request('/api/verify', {
          method: 'POST',
          headers: { 'x-api-key': device, 'x-forwarded-for': from, 'x-chaff': '1', 'content-type': 'application/json' },
          body: '{}',
        })
      ).status;
    const burst = [];
    for (let i = 0; i < 4; i++) burst.push(await verify('198.51.100.66'));
    expect(burst).toEqual([200, 200, 200, 429]);
    expect(await verify('198.51.100.67')).toBe(200);
    expect(await verify('203.0.113.5')).toBe(200);
  });

  it('keeps the per-key limit of an admin key whatever the address', async () => {
    await start({ TRUST_PROXY: 'true' });
    const admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.request('/api/checkcodestatus', {
        method: 'POST',
        headers: { 'x-api-key': admin, 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/json' },
        body: JSON.stringify({ uuid: '00000000-0000-4000-8000-000000000000' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
