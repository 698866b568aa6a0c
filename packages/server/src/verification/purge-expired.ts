/**
 * Deletes verification data that can no longer be used: tokens and burned certificate ids
 * after their expiry (an expired one is refused on its `exp` alone), and codes after the
 * retention period (kept until then for the daily statistics). Unsent SMS are the messaging
 * outbox's: it expires them with their code.
 */
import type { ServerContext } from '../feature';

const DAY_MS = 86_400_000;

export interface PurgeResult {
  codes: number;
  tokens: number;
  certificates: number;
}

export async function purgeExpiredVerification(ctx: ServerContext): Promise<PurgeResult> {
  const now = ctx.clock.now();
  const { db } = ctx.database;
  const codes = await db
    .deleteFrom('verification_code')
    .where('issued_at', '<', now - ctx.config.keyRetentionDays * DAY_MS)
    .executeTakeFirst();
  const tokens = await db.deleteFrom('token').where('expires_at', '<', now).executeTakeFirst();
  const certificates = await db.deleteFrom('used_certificate').where('expires_at', '<', now).executeTakeFirst();
  return {
    codes: Number(codes.numDeletedRows),
    tokens: Number(tokens.numDeletedRows),
    certificates: Number(certificates.numDeletedRows),
  };
}
