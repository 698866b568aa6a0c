/**
 * `POST /v1/publish` in the shape of google/exposure-notifications-server: no API key (the
 * certificate is the authorisation), rate-limited per client IP; decoys via X-Chaff.
 */
import { keyServerApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { rateLimitByIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { isChaff, randomPadding } from '../http/chaff';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { publishKeys } from './publish';

export function publishRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post(api.publish.path, rateLimitByIp(ctx), async (c) => {
    if (isChaff(c)) {
      // Same fields, a revision-token-sized blob, random padding; nothing is read or stored.
      return reply(c, api.publish, {
        revisionToken: randomPadding(ctx.random, 400),
        insertedExposures: 14,
        padding: randomPadding(ctx.random),
      });
    }
    const result = await publishKeys(ctx, await parseBody(c, api.publish.request));
    return reply(c, api.publish, {
      revisionToken: result.revisionToken,
      insertedExposures: result.insertedExposures,
      ...(result.partial ? { code: 'partial_failure', error: 'some keys were not stored; see warnings' } : {}),
      ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
      padding: randomPadding(ctx.random),
    });
  });
}
