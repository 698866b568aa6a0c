/**
 * The visitor's "Bluezone active" token in what their QR says. The token format
 * (`BZC1.<payload>.<signature>`) is @bluezone/protocol's checkpoint/checkpoint-token.ts, and the
 * server verifies it; reading the QR itself (camera frames, photos) is @bluezone/ui-shared/browser's.
 */
import { CHECKPOINT_TOKEN_PREFIX } from '@bluezone/protocol';

/** The checkpoint token inside what a QR says: the token itself, or a link carrying it. */
export function extractToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('t') ?? url.searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}
