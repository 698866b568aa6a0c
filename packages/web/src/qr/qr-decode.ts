/**
 * The visitor's "Bluezone active" token in what their QR says. The token format
 * (`BZC1.<payload>.<signature>`) is the server's rollout/checkpoint-token.ts; reading the QR itself
 * (camera frames, photos) is @bluezone/ui-shared/browser's.
 */

export const TOKEN_PREFIX = 'BZC1.';

/** The checkpoint token inside what a QR says: the token itself, or a link carrying it. */
export function extractToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith(TOKEN_PREFIX)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('t') ?? url.searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}
