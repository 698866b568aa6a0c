import { describe, expect, it } from 'vitest';
import { notModifiedSince } from '../src/http/if-none-match';

describe('notModifiedSince (If-None-Match, RFC 9110 §13.1.2)', () => {
  it('holds for the tag compared weakly, in a list, and for *', () => {
    for (const etag of ['"abc"', 'W/"abc"']) {
      expect(notModifiedSince('W/"abc"', etag)).toBe(true);
      expect(notModifiedSince('"abc"', etag)).toBe(true);
      expect(notModifiedSince('"x", W/"abc"', etag)).toBe(true);
      expect(notModifiedSince(' "x" ,"abc" ', etag)).toBe(true);
      expect(notModifiedSince('*', etag)).toBe(true);
      expect(notModifiedSince(' * ', etag)).toBe(true);
    }
  });

  it('does not hold for another tag, an empty field or none', () => {
    expect(notModifiedSince('W/"abd"', '"abc"')).toBe(false);
    expect(notModifiedSince('"abc-br"', '"abc"')).toBe(false);
    expect(notModifiedSince(undefined, '"abc"')).toBe(false);
    expect(notModifiedSince('', '"abc"')).toBe(false);
    expect(notModifiedSince('  ', '"abc"')).toBe(false);
  });
});
