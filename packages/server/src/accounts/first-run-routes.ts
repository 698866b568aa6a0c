/**
 * First run over HTTP (@bluezone/protocol/api first-run.ts): `GET /api/setup/status` for the
 * login page, and `POST /api/setup`, which creates the first administrator when no user exists
 * and the setup code printed at the server's start is given, then logs them in.
 */
import { firstRunApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { rateLimitByIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { ServerError } from '../http/server-error';
import { claimFirstRun, countUsers, createUser, getUserRow, releaseFirstRun, toUser } from './accounts-repository';
import './accounts-errors';
import { accountDb } from './accounts-tables';
import { setupStatus } from './first-run';
import { refuseCrossSiteForm } from './same-site-form';
import { writeSessionCookie } from './session-cookie';
import { createSession, SESSION_TTL_MS } from './session-store';
import { isSetupCode } from './setup-code';

const alreadySetUp = () => new ServerError('already_set_up', 409, 'this server already has users: log in instead');

export function firstRunRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = accountDb(ctx.database);

  app.get(api.setupStatus.path, rateLimitByIp(ctx), async (c) => {
    c.header('cache-control', 'no-store');
    return reply(c, api.setupStatus, await setupStatus(ctx));
  });

  app.post(api.setup.path, rateLimitByIp(ctx), async (c) => {
    refuseCrossSiteForm(c);
    const body = await parseBody(c, api.setup.request);
    if ((await countUsers(db)) > 0) throw alreadySetUp();
    if (!(await isSetupCode(ctx, body.setupCode))) {
      ctx.logger.warn('first-run setup refused: wrong setup code');
      throw new ServerError('setup_code_invalid', 403, 'wrong setup code: use the one the server printed at start', {
        field: 'setupCode',
      });
    }
    const now = ctx.clock.now();
    if (!(await claimFirstRun(ctx.database.db, now, ctx.secretBox.seal(String(now)))))
      throw new ServerError('conflict', 409, 'another setup is in progress');
    let userId: number;
    try {
      if ((await countUsers(db)) > 0) throw alreadySetUp();
      const user = await createUser(db, ctx.units, ctx.clock, {
        username: body.username,
        role: 'admin',
        password: body.password,
        ...(body.displayName ? { displayName: body.displayName } : {}),
      });
      userId = user.id;
    } finally {
      await releaseFirstRun(ctx.database.db);
    }
    const session = await createSession(db, ctx.clock, userId);
    writeSessionCookie(c, session.id, SESSION_TTL_MS, ctx.config.trustProxy);
    ctx.logger.info('first administrator created', { userId });
    return reply(
      c,
      api.setup,
      {
        user: toUser(await getUserRow(db, userId), ctx.clock.now()),
        csrfToken: session.csrfToken,
        expiresAt: new Date(session.expiresAt).toISOString(),
      },
      201,
    );
  });
}
