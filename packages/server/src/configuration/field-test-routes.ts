/**
 * `POST /api/configuration/field-test` (admin key or admin session, as `PUT /api/configuration`):
 * a field test's signed enrolments, one token per phone (@bluezone/protocol/api field-test.ts).
 * Enrolled phones export their keys and what they heard, so issuing them is the admin's alone.
 */
import { fieldTestApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireApiKey } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { userOf } from '../http/request-principal';
import { ServerError } from '../http/server-error';
import { issueFieldTest } from './field-test';

export function fieldTestRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const admin = requireApiKey(ctx, 'admin');
  app.post(
    api.issueFieldTest.path,
    async (c, next) => {
      // A district session passes as an admin key; enrolling phones that export is the admin's.
      const s = userOf(c);
      if (s && s.role !== 'admin') throw new ServerError('forbidden', 403, 'field test enrolment needs the admin role');
      return admin(c, next);
    },
    async (c) => {
      const body = await parseBody(c, api.issueFieldTest.request);
      const issued = await issueFieldTest(ctx, body);
      // The test id and a count: labels are not personal, but the line stays short.
      ctx.logger.info('field test enrolments issued', {
        testId: issued.testId,
        phoneCount: issued.enrolments.length,
        by: c.get('apiKey').id,
      });
      return reply(c, api.issueFieldTest, issued);
    },
  );
}
