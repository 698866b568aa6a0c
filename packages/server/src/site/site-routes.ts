/**
 * The site's HTTP API (@bluezone/protocol/api site.ts): the resident app's configuration for any
 * caller, and the public address for administrators.
 */
import { siteApi as api } from '@bluezone/protocol/api';
import type { Context, Hono } from 'hono';
import { rateLimitByIp } from '../apikeys/api-key-auth';
import { publishedSigningKeys } from '../export/signing-keys';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { type UserPrincipal, userOf } from '../http/request-principal';
import { ServerError } from '../http/server-error';
import { type PublicAddress, publicAddress, requestOrigin, savePublicAddress } from './public-address';
import { servedDeviceKey } from './served-device-key';

/** Site settings are the administrator's (the session's role; an API key is not enough). */
function requireAdmin(c: Context): UserPrincipal {
  const user = userOf(c);
  if (!user) throw new ServerError('unauthorized', 401, 'log in first');
  if (user.role !== 'admin') throw new ServerError('forbidden', 403, 'site settings need the admin role');
  return user;
}

const settingsOf = (address: PublicAddress): api.SiteSettings => ({
  publicBaseUrl: address.url,
  publicBaseUrlSource: address.source,
});

export function siteRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const origin = (c: Context) => requestOrigin(c, ctx.config.trustProxy);

  app.get(api.getAppConfig.path, rateLimitByIp(ctx), async (c) => {
    const address = await publicAddress(ctx, origin(c));
    const [apiKey, exportKeys] = await Promise.all([servedDeviceKey(ctx), publishedSigningKeys(ctx)]);
    c.header('cache-control', 'no-cache');
    return reply(c, api.getAppConfig, {
      apiKey,
      region: ctx.config.exportRegion,
      healthAuthorityID: ctx.config.healthAuthorityId,
      publicBaseUrl: address.url,
      exportBaseUrl: `${address.url}/exports/`,
      installBaseUrl: `${address.url}/app/`,
      exportKeys,
    });
  });

  app.get(api.getSiteSettings.path, async (c) => {
    requireAdmin(c);
    return reply(c, api.getSiteSettings, settingsOf(await publicAddress(ctx, origin(c))));
  });

  app.patch(api.updateSiteSettings.path, async (c) => {
    const admin = requireAdmin(c);
    const body = await parseBody(c, api.updateSiteSettings.request);
    if (ctx.config.publicBaseUrl !== '') {
      throw new ServerError('conflict', 409, 'PUBLIC_BASE_URL is set in the server environment, which wins');
    }
    await savePublicAddress(ctx, body.publicBaseUrl);
    ctx.logger.info('public address saved', { by: admin.userId });
    return reply(c, api.updateSiteSettings, settingsOf(await publicAddress(ctx, origin(c))));
  });
}
