/** `GET /api/export-keys`: the public keys apps verify exports with (also `/exports/<region>/public-key.pem`). */
import type { Hono } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { listSigningKeys } from './signing-keys';

export function exportRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/export-keys', async (c) => {
    const now = ctx.clock.now();
    const keys = await listSigningKeys(ctx);
    return c.json({
      region: ctx.config.exportRegion,
      keys: keys.map((k) => ({
        keyId: k.keyId,
        keyVersion: k.keyVersion,
        publicKeyPem: k.publicKeyPem,
        createdAt: new Date(k.createdAt).toISOString(),
        active: k.retiresAt === null || k.retiresAt > now,
        ...(k.retiresAt !== null ? { retiresAt: new Date(k.retiresAt).toISOString() } : {}),
      })),
    });
  });
}
