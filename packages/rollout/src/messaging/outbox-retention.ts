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
import { deleteSettledMessages, expireOverdueMessages } from './outbox-repository';

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
  const expired = await expireOverdueMessages(db, now);
  const cutoff = now - retentionMs;
  let deleted = 0;
  for (;;) {
    const removed = await deleteSettledMessages(db, cutoff, PURGE_BATCH_ROWS);
    deleted += removed;
    if (removed < PURGE_BATCH_ROWS) break;
  }
  return { expired, deleted };
}
