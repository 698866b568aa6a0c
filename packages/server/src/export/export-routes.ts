/**
 * `GET /api/export-keys`: the public keys apps verify exports with (also `/exports/<region>/public-key.pem`).
 * `POST /api/export-keys/rotate` (admin key or admin session): the same rotation as
 * `bluezone signing-key rotate`; the old version keeps signing for ROTATION_OVERLAP_MS.
 */
import { keyServerApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireAdminRole } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { reply } from '../http/reply';
import { publishedSigningKeys, rotateSigningKey } from './signing-keys';

export function exportRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get(api.exportKeys.path, async (c) =>
    reply(c, api.exportKeys, { region: ctx.config.exportRegion, keys: await publishedSigningKeys(ctx) }),
  );

  app.post(api.rotateExportKey.path, requireAdminRole(ctx, 'rotating the signing key'), async (c) => {
    const key = await rotateSigningKey(ctx);
    ctx.logger.info('export signing key rotated', {
      keyId: key.keyId,
      keyVersion: key.keyVersion,
      by: c.get('apiKey').id,
    });
    return reply(
      c,
      api.rotateExportKey,
      {
        keyId: key.keyId,
        keyVersion: key.keyVersion,
        publicKeyPem: key.publicKeyPem,
        createdAt: new Date(key.createdAt).toISOString(),
      },
      201,
    );
  });
}
