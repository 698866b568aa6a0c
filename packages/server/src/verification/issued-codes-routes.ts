/**
 * The health console's list of issued codes (@bluezone/protocol/api key-server.ts): search by
 * code or phone digits, filter by status, revoke with who did it. Health staff, district and admin
 * sessions (as on /api/issue), or an admin API key for its realm.
 */
import { keyServerApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireApiKey } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseQuery } from '../http/parse-query';
import { reply } from '../http/reply';
import { DEFAULT_LIST_LIMIT, listIssuedCodes, parseIssuedCodeQuery, revokeIssuedCode } from './issued-codes';

export function issuedCodesRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const admin = requireApiKey(ctx, 'admin');

  app.get(api.listIssuedCodes.path, admin, async (c) => {
    const query = parseQuery(c, api.listIssuedCodes.query);
    const limit = Math.min(200, Math.max(1, Number(query.limit ?? DEFAULT_LIST_LIMIT)));
    const codes = await listIssuedCodes(ctx, c.get('apiKey').realm, parseIssuedCodeQuery(query.q), query.status, limit);
    c.header('cache-control', 'no-store');
    return reply(c, api.listIssuedCodes, { codes, retentionDays: ctx.config.issuedCodesRetentionDays });
  });

  app.post(api.revokeIssuedCode.path, admin, async (c) => {
    const code = await revokeIssuedCode(ctx, c, c.get('apiKey').realm, c.req.param('uuid'));
    ctx.logger.info('issued code revoked', { realm: c.get('apiKey').realm });
    return reply(c, api.revokeIssuedCode, { code });
  });
}
