/**
 * Reads a JSON body and validates it with its endpoint's request schema (@bluezone/protocol/api,
 * zod/mini); any failure is a 400 problem naming the field.
 * Under @hono/node-server the body is read straight from Node's IncomingMessage: going through
 * `c.req.json()` first builds a Fetch Request and a web stream over the socket, which cost
 * more than parsing a publish's JSON. Elsewhere (app.request() in tests, a body another
 * middleware already read) it falls back to `c.req.json()`.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { nulCharacterPath } from '../database/nul-character';
import { MAX_REQUEST_BODY_BYTES } from './body-limit';
import { ServerError } from './server-error';

// zod/mini loads no messages ("Invalid input" for everything); the problem's detail names what is
// wrong in English, as it did with zod's classic API (which loads them).
z.config(en());

function unreadIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function') return undefined;
  return incoming.readableDidRead || incoming.readableEnded ? undefined : incoming;
}

function readIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(new ServerError('payload_too_large', 413, `request body exceeds ${MAX_REQUEST_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    incoming.once('error', reject);
    // A client gone before the end of its body: nothing to answer, but do not wait forever.
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('request aborted'));
    });
  });
}

/** The parsed body, and its text when it was read here. */
async function readJson(c: Context): Promise<{ value: unknown; text?: string }> {
  const incoming = unreadIncoming(c);
  if (!incoming) return { value: await c.req.json() };
  const text = await readIncoming(incoming);
  // The Fetch body's json() decodes UTF-8 dropping a byte order mark; so does this.
  return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), text };
}

/**
 * JSON can only write U+0000 as the escape `\u0000` (a raw control character is not JSON), so a
 * text without that escape needs no walk through every field of what it parsed to.
 */
function mayHoldNul(text: string | undefined): boolean {
  return text === undefined || text.includes('\\u0000');
}

export async function parseBody<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  let text: string | undefined;
  try {
    ({ value: raw, text } = await readJson(c));
  } catch (err) {
    if (err instanceof ServerError) throw err;
    throw new ServerError('invalid_request', 400, 'the body must be a JSON object');
  }
  // PostgreSQL cannot store U+0000 in text (database/nul-character.ts): refused alike on both databases.
  const nul = mayHoldNul(text) ? nulCharacterPath(raw) : undefined;
  if (nul !== undefined) {
    throw new ServerError('invalid_request', 400, `${nul || 'body'}: text must not contain the NUL character`, {
      ...(nul ? { field: nul } : {}),
    });
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : undefined;
    throw new ServerError('invalid_request', 400, `${field ?? 'body'}: ${issue?.message ?? 'invalid'}`, {
      ...(field !== undefined ? { field } : {}),
    });
  }
  return parsed.data;
}
