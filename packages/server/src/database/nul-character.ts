/**
 * PostgreSQL refuses text holding the NUL character (U+0000): `invalid byte sequence for
 * encoding "UTF8": 0x00` (SQLSTATE 22021) in a text parameter, 22P05 in JSON. SQLite stores it.
 * A client that sends one (`"username": "\u0000"`, `/api/issued-codes/%00/revoke`) made a 500
 * on PostgreSQL only (found by the fuzz suite): it is the client's bad input, a 400, on both.
 * JSON bodies are refused before any query (http/parse-body.ts); this catches path and query
 * parameters and text bodies, whose statement failed and stored nothing.
 */
const NUL_SQLSTATES = new Set(['22021', '22P05']);

export function isNulCharacterError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NUL_SQLSTATES.has(code);
}

/** The dotted path of the first string in `value` that holds U+0000, or undefined. */
export function nulCharacterPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k].join('.');
    const found = nulCharacterPath(v, [...path, k]);
    if (found !== undefined) return found;
  }
  return undefined;
}
