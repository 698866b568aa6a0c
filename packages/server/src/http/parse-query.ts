/**
 * Validates a request's query parameters with its endpoint's query schema (@bluezone/protocol/api);
 * a failure is a 400 problem naming the parameter, as parseBody does for bodies.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { ServerError } from './server-error';

export function parseQuery<S extends z.core.$ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = z.safeParse(schema, c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : undefined;
    throw new ServerError('invalid_request', 400, `${field ?? 'query'}: ${issue?.message ?? 'invalid'}`, {
      ...(field !== undefined ? { field } : {}),
    });
  }
  return parsed.data;
}
