/**
 * Answers with an endpoint's JSON, typed by its contract (@bluezone/protocol/api): the body must
 * be the contract's response, and a field the contract does not declare, at any depth, fails
 * typecheck — plain assignability would let a spread or an object built in a `map` carry one
 * onto the wire unnoticed. The answer declares its length (`jsonHeaders`).
 */
import type { Endpoint, ResponseOf } from '@bluezone/protocol/api';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

type KeysOf<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/** `Actual` with every property its contract lacks typed `never`, at any depth. */
export type NoExtraFields<Contract, Actual> = Actual extends readonly (infer A)[]
  ? readonly NoExtraFields<ElementOf<Contract>, A>[]
  : Actual extends object
    ? { [K in keyof Actual]: K extends KeysOf<Contract> ? NoExtraFields<ValueAt<Contract, K>, Actual[K]> : never }
    : Actual;

export function reply<E extends Endpoint, B extends ResponseOf<E>>(
  c: Context,
  _endpoint: E,
  body: B & NoExtraFields<ResponseOf<E>, B>,
  status: ContentfulStatusCode = 200,
): Response {
  const text = JSON.stringify(body);
  return c.body(text, status, jsonHeaders(text));
}

/**
 * Headers of a JSON answer that declare its length: compressResponses then judges it by its
 * headers alone, without reading the body back (compression.ts says why that matters).
 */
export function jsonHeaders(text: string, contentType = 'application/json'): Record<string, string> {
  return { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) };
}
