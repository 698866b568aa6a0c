/**
 * /api/configuration of a fresh test context, as the configuration tests call it: the signed
 * document served (`get`), a document saved with the admin's API key or another (`put`), and the
 * export keys a phone checks its signatures with (`keys`).
 */
import type { SignedConfiguration } from '@bluezone/protocol';
import type { Dialect } from '@bluezone/server';
import { createTestContext, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { createApiKey } from '../../src/apikeys/api-key';
import { publishedSigningKeys } from '../../src/export/signing-keys';
import { KEY_SERVER_FEATURES } from '../../src/features';
import { createApp } from '../../src/http/app';
import type { AppEnv } from '../../src/http/app-env';

export interface ConfigurationApi {
  t: TestContext;
  app: Hono<AppEnv>;
  /** The served document; throws unless it is a 200. */
  get(): Promise<SignedConfiguration>;
  /** PUTs `body` as JSON with `key` (default an admin's). */
  put(body: unknown, key?: string): Promise<Response>;
  /** The published export signing keys, as verifyConfiguration takes them. */
  keys(): Promise<{ pem: string; keyId: string }[]>;
  cleanup(): Promise<void>;
}

export async function openConfigurationApi(dialect: Dialect): Promise<ConfigurationApi> {
  const t = await createTestContext(dialect);
  const app = createApp(t.ctx, KEY_SERVER_FEATURES);
  const adminKey = (await createApiKey(t.ctx.database, t.clock, 'admin', 'default')).key;
  return {
    t,
    app,
    async get() {
      const res = await app.request('/api/configuration');
      if (res.status !== 200) throw new Error(`GET /api/configuration: ${res.status} ${await res.text()}`);
      return (await res.json()) as SignedConfiguration;
    },
    put: async (body, key = adminKey) =>
      app.request('/api/configuration', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body),
      }),
    keys: async () => (await publishedSigningKeys(t.ctx)).map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId })),
    cleanup: () => t.cleanup(),
  };
}
