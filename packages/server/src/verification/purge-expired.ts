/**
 * Deletes verification data that can no longer be used: tokens and burned certificate ids
 * after their expiry (an expired one is refused on its `exp` alone), unsent SMS after the code
 * expired, and codes after the retention period (kept until then for the daily statistics).
 */
import type { ServerContext } from '../feature';

const DAY_MS = 86_400_000;

export interface PurgeResult {
  codes: number;
  tokens: number;
  certificates: number;
  sms: number;
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
  const sms = await db
    .withTables<{ sms_outbox: { expires_at: number } }>()
    .deleteFrom('sms_outbox')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return {
    codes: Number(codes.numDeletedRows),
    tokens: Number(tokens.numDeletedRows),
    certificates: Number(certificates.numDeletedRows),
    sms: Number(sms.numDeletedRows),
  };
}
