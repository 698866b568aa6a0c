/**
 * `POST /api/configuration/field-test` (admin key or admin session, as `PUT /api/configuration`):
 * a field test's signed enrolments, one token per phone (@bluezone/protocol/api field-test.ts).
 * Enrolled phones export their keys and what they heard, so issuing them is the admin's alone.
 */
import { fieldTestApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireAdminRole } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { issueFieldTest } from './field-test';

export function fieldTestRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post(api.issueFieldTest.path, requireAdminRole(ctx, 'field test enrolment'), async (c) => {
    const body = await parseBody(c, api.issueFieldTest.request);
    const issued = await issueFieldTest(ctx, body);
    // The test id and a count: labels are not personal, but the line stays short.
    ctx.logger.info('field test enrolments issued', {
      testId: issued.testId,
      phoneCount: issued.enrolments.length,
      by: c.get('apiKey').id,
    });
    return reply(c, api.issueFieldTest, issued);
  });
}
