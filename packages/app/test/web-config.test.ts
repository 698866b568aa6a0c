// The browser build at /app/ starts from what the server that serves it says (/api/app-config):
// before, it failed after onboarding ("missing X-API-Key header") unless the device key was typed
// into the URL.
import type { Fetch } from '@bluezone/client';
import { describe, expect, it } from 'vitest';
import { loadWebConfig } from '../src/web/web-config';

const ORIGIN = 'http://bluezone.test:8080';
const key = (keyId: string, active: boolean) => ({
  keyId,
  keyVersion: 'v1',
  publicKeyPem: `PEM ${keyId}`,
  active,
  createdAt: '2026-12-01T00:00:00.000Z',
});

/** A server answering these paths with JSON (anything else 404), recording what was asked. */
function server(routes: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    const path = new URL(String(url)).pathname;
    asked.push(path);
    return path in routes ? Response.json(routes[path]) : new Response('not found', { status: 404 });
  };
  return { fetch, asked };
}

describe('the browser build’s configuration', () => {
  it('comes from /api/app-config: device key, region, authority, install address, active export keys', async () => {
    const s = server({
      '/api/app-config': {
        apiKey: 'served-device-key',
        region: 'VN',
        healthAuthorityID: 'vn.bluezone',
        publicBaseUrl: 'https://bluezone.example',
        exportBaseUrl: 'https://bluezone.example/exports/',
        installBaseUrl: 'https://bluezone.example/app/',
        exportKeys: [key('452', true), key('451', false)],
      },
    });
    const config = await loadWebConfig(ORIGIN, new URLSearchParams(''), s.fetch);
    expect(config).toEqual({
      apiKey: 'served-device-key',
      region: 'VN',
      healthAuthorityID: 'vn.bluezone',
      installBaseUrl: 'https://bluezone.example/app/',
      exportKeys: [{ pem: 'PEM 452', keyId: '452' }],
      served: true,
    });
    expect(s.asked).toEqual(['/api/app-config']);
    // A key in the URL still wins (development, a key made by hand).
    expect((await loadWebConfig(ORIGIN, new URLSearchParams('apiKey=typed'), s.fetch)).apiKey).toBe('typed');
  });

  it('falls back to the URL key and /api/export-keys on a server without the route or an answer off the contract', async () => {
    for (const appConfig of [undefined, { apiKey: 42 }]) {
      const s = server({
        ...(appConfig === undefined ? {} : { '/api/app-config': appConfig }),
        '/api/export-keys': { region: 'VN', keys: [key('452', true)] },
      });
      const config = await loadWebConfig(ORIGIN, new URLSearchParams('apiKey=typed'), s.fetch);
      expect(config).toMatchObject({
        apiKey: 'typed',
        installBaseUrl: `${ORIGIN}/app/`,
        exportKeys: [{ pem: 'PEM 452', keyId: '452' }],
        served: false,
      });
    }
  });
});
