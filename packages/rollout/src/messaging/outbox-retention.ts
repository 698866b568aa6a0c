/**
 * How long the outbox keeps what it sent. A message's body (a verification code, a resident's
 * name) is blanked when the message settles (outbox-repository.ts `redactedColumns`); what is
 * left — kind, campaign, status, delivery, times, segments, and for campaign and welcome
 * messages the phone, which the frequency cap counts by — is kept ROLLOUT_OUTBOX_RETENTION_DAYS
 * (default 31: the longest frequency-cap window a campaign may set is 30 days) and then the
 * row is deleted. A campaign's figures outlive its rows: each deleted row is added to
 * `rollout_outbox_tally` (campaign, status, delivery → count) in the same transaction.
 */
import type { RolloutDb } from '../rollout-db';
import { redactedColumns, SETTLED_STATUSES } from './outbox-repository';

/** Rows deleted per statement, so one purge never holds a long transaction. */
const PURGE_BATCH_ROWS = 1000;

export interface OutboxPurge {
  /** Queued rows past their expiry (a code nobody sent in time), now expired and redacted. */
  expired: number;
  deleted: number;
}

/**
 * Expires queued messages past their expiry and deletes settled messages older than
 * `retentionMs` (by when they were queued and, if sent, when they were sent).
 */
export async function purgeOutbox(db: RolloutDb, now: number, retentionMs: number): Promise<OutboxPurge> {
  const expired = await db
    .updateTable('rollout_outbox')
    .set((eb) => ({ status: 'expired', ...redactedColumns(eb) }))
    .where('status', '=', 'queued')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  const cutoff = now - retentionMs;
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .deleteFrom('rollout_outbox')
        .where(
          'id',
          'in',
          trx
            .selectFrom('rollout_outbox')
            .select('id')
            .where('status', 'in', SETTLED_STATUSES)
            .where('created_at', '<', cutoff)
            .where((eb) => eb.or([eb('sent_at', 'is', null), eb('sent_at', '<', cutoff)]))
            .limit(PURGE_BATCH_ROWS),
        )
        .returning(['campaign_id', 'status', 'delivery'])
        .execute();
      // Only what this statement deleted is counted: two processes purging at once never
      // count a row twice.
      const tally = new Map<string, { campaign_id: number; status: string; delivery: string; count: number }>();
      for (const r of rows) {
        if (r.campaign_id === null) continue;
        const key = `${r.campaign_id}\n${r.status}\n${r.delivery ?? ''}`;
        let entry = tally.get(key);
        if (!entry) {
          entry = { campaign_id: Number(r.campaign_id), status: r.status, delivery: r.delivery ?? '', count: 0 };
          tally.set(key, entry);
        }
        entry.count++;
      }
      for (const t of tally.values()) {
        await trx
          .insertInto('rollout_outbox_tally')
          .values(t)
          .onConflict((oc) =>
            oc
              .columns(['campaign_id', 'status', 'delivery'])
              .doUpdateSet((eb) => ({ count: eb('rollout_outbox_tally.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }
      return rows.length;
    });
    deleted += removed;
    if (removed < PURGE_BATCH_ROWS) break;
  }
  return { expired: Number(expired.numUpdatedRows), deleted };
}
