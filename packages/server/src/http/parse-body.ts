/** Reads a JSON body and validates it with a zod schema; any failure is a 400 problem. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ServerError } from './server-error';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ServerError('invalid_request', 400, 'the body must be a JSON object');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ServerError('invalid_request', 400, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
