/**
 * One HTTP endpoint's contract: its method, its path (Hono's pattern syntax: `:name` is a path
 * parameter), and zod/mini schemas of its JSON request body, its query parameters and its JSON
 * answer. The key server and the rollout toolkit parse requests and type their answers with
 * them, the SDK parses the answers it receives with them, and the web app imports the types
 * alone (type-only imports keep the schemas out of its bundle).
 *
 * zod/mini rather than zod's classic API: the same schemas and messages (both are zod v4's core),
 * but functions instead of methods, so a bundler keeps only what a phone or page uses.
 */
import type * as z from 'zod/mini';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
  /** The JSON body, when the request carries one. */
  readonly request?: z.ZodMiniType;
  /** Query parameters (strings on the wire). */
  readonly query?: z.ZodMiniType;
  /** The JSON body of a successful answer; absent when the answer is a file or plain text. */
  readonly response?: z.ZodMiniType;
  /** Media type of a request body that is not JSON (a CSV upload). */
  readonly consumes?: string;
  /** Media type of an answer that is not JSON (a PDF, a CSV, Kannel's plain text). */
  readonly produces?: string;
}

/** Declares an endpoint, keeping its method and path as literal types. */
export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

type SchemaOf<E extends Endpoint, K extends 'request' | 'query' | 'response'> = Exclude<E[K], undefined>;

/** What a caller sends (defaults may be left out). */
export type RequestOf<E extends Endpoint> = z.input<SchemaOf<E, 'request'>>;
/** What the server works with after parsing (defaults filled in). */
export type ParsedRequestOf<E extends Endpoint> = z.output<SchemaOf<E, 'request'>>;
export type QueryOf<E extends Endpoint> = z.input<SchemaOf<E, 'query'>>;
/** The JSON body of a successful answer. */
export type ResponseOf<E extends Endpoint> = z.output<SchemaOf<E, 'response'>>;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The values of an endpoint's `:name` path parameters. */
export type PathParams<E extends Endpoint> = { [K in ParamNames<E['path']>]: string | number };

type FilledPath<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${FilledPath<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;

/** A URL path (and query) that requests the endpoint: its pattern with each parameter filled in. */
export type UrlOf<E extends Endpoint> = FilledPath<E['path']> | `${FilledPath<E['path']>}?${string}`;

/** The endpoint's path with each `:name` replaced by its value, URL-encoded. */
export function endpointPath<E extends Endpoint>(e: E, params: PathParams<E>): string {
  return e.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = (params as Record<string, string | number | undefined>)[name];
    if (value === undefined) throw new TypeError(`endpointPath: no value for :${name} of ${e.path}`);
    return encodeURIComponent(String(value));
  });
}
