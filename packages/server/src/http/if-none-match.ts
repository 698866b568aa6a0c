/**
 * A conditional GET's If-None-Match (RFC 9110 §13.1.2), for the routes that validate with their
 * own ETag (export files, the web apps' pages, the calibration list): the answer is a 304 when
 * the field is `*` (the route has a current representation) or lists `etag`, compared weakly —
 * a CDN may hand on a tag it weakened, and `W/"x"` names the same bytes as `"x"`.
 */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

export function notModifiedSince(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch.trim() === '') return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
}
