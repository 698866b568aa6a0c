/**
 * The durable outbox every SMS and Zalo message goes through — campaigns, tourist welcomes and
 * the key server's verification codes — and what comes back about its messages (delivery
 * reports). Only the outbox worker (outbox-worker.ts) talks to the gateways; its claims are
 * compare-and-set updates, so several processes never send one row twice.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@bluezone/server';
import type { ExpressionBuilder } from 'kysely';
import type { RolloutDb, RolloutTables } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { ChannelName } from './message-channel';
import type { RolloutOutboxTable } from './messaging-tables';
import { channelReaches, normalizeRecipientPhone } from './recipient-phone';
import { kannelDlrStatus } from './sms-kannel';

export type OutboxKind = 'campaign' | 'verification' | 'welcome' | 'direct';

/**
 * Statuses a message leaves no more (a delivery report may still arrive for a sent one).
 * `sending` is not one: a worker that died mid-send may have to send the text again.
 */
export const SETTLED_STATUSES = ['sent', 'failed', 'expired', 'suppressed'] as const;

function isSettled(status: string | undefined): boolean {
  return status !== undefined && (SETTLED_STATUSES as readonly string[]).includes(status);
}

/** Written where a body was: empty rather than NULL, the column being NOT NULL since migration 0004. */
export const REDACTED = '';

/**
 * What a settled message no longer keeps: its text and Zalo template fields (a verification
 * code, a resident's name), and for a verification code the phone number too — nothing that
 * reads the outbox later needs it (delivery reports find the row by id; the frequency cap
 * counts only campaign and welcome messages, by phone). Campaign and welcome rows keep their
 * phone until the row is deleted (outbox-retention.ts), for the frequency cap.
 */
export function redactedColumns(eb: ExpressionBuilder<RolloutTables, 'rollout_outbox'>) {
  return {
    text: REDACTED,
    zalo_data: null,
    phone: eb.case().when('kind', '=', 'verification').then(REDACTED).else(eb.ref('phone')).end(),
  };
}

export interface EnqueueInput {
  kind: OutboxKind;
  channel: ChannelName;
  /** A Vietnamese mobile in any accepted form, or an international number (recipient-phone.ts); stored as E.164. */
  phone: string;
  text: string;
  zalo?: { templateId: string; templateData: Record<string, string> };
  /** Unique per logical message: the same key twice queues one message. */
  dedupeKey: string;
  campaignId?: number;
  notBefore?: number;
  expiresAt?: number;
}

/** Queues a message; returns its id and whether it is new (false: the dedupe key was seen). */
export async function enqueueMessage(
  db: RolloutDb,
  clock: Clock,
  input: EnqueueInput,
): Promise<{ id: string; created: boolean }> {
  const phone = normalizeRecipientPhone(input.phone);
  if (!channelReaches(input.channel, phone))
    throw new RolloutError('invalid_phone', `${input.channel} cannot reach an international number`);
  if (input.text.trim() === '') throw new RolloutError('invalid_input', 'message text is empty');
  if (input.channel === 'zalo' && !input.zalo)
    throw new RolloutError('invalid_input', 'a Zalo message needs a template');
  const now = clock.now();
  const id = randomUUID();
  const res = await db
    .insertInto('rollout_outbox')
    .values({
      id,
      kind: input.kind,
      campaign_id: input.campaignId ?? null,
      channel: input.channel,
      phone,
      text: input.text,
      zalo_template_id: input.zalo?.templateId ?? null,
      zalo_data: input.zalo ? JSON.stringify(input.zalo.templateData) : null,
      dedupe_key: input.dedupeKey,
      status: 'queued',
      attempts: 0,
      not_before: input.notBefore ?? now,
      expires_at: input.expiresAt ?? null,
      claimed_by: null,
      claim_until: null,
      sent_at: null,
      segments: null,
      provider_ref: null,
      delivery: null,
      delivery_at: null,
      last_error: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { id, created: true };
  const existing = await db
    .selectFrom('rollout_outbox')
    .select('id')
    .where('dedupe_key', '=', input.dedupeKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * A Kannel delivery report (dlr-url callback) for outbox message `id`. Kannel sends the SMSC's
 * acknowledgement and the final report within milliseconds of each other, so the two requests
 * run concurrently: each rule is one conditional UPDATE (no read-then-write that the other
 * report could slip between), and a final report is never overwritten by an intermediate one.
 */
export async function recordDeliveryReport(
  db: RolloutDb,
  clock: Clock,
  id: string,
  kannelType: number,
): Promise<boolean> {
  const delivery = kannelDlrStatus(kannelType);
  const now = clock.now();
  const known = await db.selectFrom('rollout_outbox').select('id').where('id', '=', id).executeTakeFirst();
  if (!known) return false;
  let record = db.updateTable('rollout_outbox').set({ delivery, delivery_at: now }).where('id', '=', id);
  if (delivery === 'pending') {
    record = record.where((eb) => eb.or([eb('delivery', 'is', null), eb('delivery', '=', 'pending')]));
  }
  await record.execute();
  // A report proves the gateway took the message: an in-doubt "sending" row is settled as sent.
  await db
    .updateTable('rollout_outbox')
    .set((eb) => ({ status: 'sent', sent_at: now, ...redactedColumns(eb) }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
  return true;
}

/** Per campaign: the outbox rows of each status and delivery, for the campaign list (an entry may repeat: add them). */
export async function campaignMessageCounts(
  db: RolloutDb,
): Promise<{ campaignId: number; status: string; delivery: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('rollout_outbox')
    .select(['campaign_id', 'status', 'delivery'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', 'is not', null)
    .groupBy(['campaign_id', 'status', 'delivery'])
    .execute();
  // Rows the retention deleted are counted in the tally (outbox-retention.ts).
  const tallied = await db.selectFrom('rollout_outbox_tally').selectAll().execute();
  return [
    ...rows.map((r) => ({
      campaignId: Number(r.campaign_id),
      status: r.status,
      delivery: r.delivery,
      count: Number(r.n),
    })),
    ...tallied.map((r) => ({
      campaignId: Number(r.campaign_id),
      status: r.status,
      delivery: r.delivery === '' ? null : r.delivery,
      count: Number(r.count),
    })),
  ];
}

// What the outbox worker does to rows; every change is conditional on the row's status (and
// claim), so a row another worker has moved on is left alone.

/** Rows left "sending" by a worker whose lease ended before `now`. */
export async function staleClaims(
  db: RolloutDb,
  now: number,
): Promise<{ id: string; claimedBy: string | null; settled: boolean }[]> {
  const rows = await db
    .selectFrom('rollout_outbox')
    .select(['id', 'claimed_by', 'delivery'])
    .where('status', '=', 'sending')
    .where('claim_until', '<', now)
    .execute();
  return rows.map((r) => ({ id: r.id, claimedBy: r.claimed_by, settled: r.delivery !== null }));
}

/**
 * Settles an in-doubt row: sent when a delivery report came, else queued again. Returns whether
 * this call did it (the claim was still the stale one).
 */
export async function settleStaleClaim(
  db: RolloutDb,
  stale: { id: string; claimedBy: string | null; settled: boolean },
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('rollout_outbox')
    .set((eb) =>
      stale.settled
        ? { status: 'sent', sent_at: now, claimed_by: null, claim_until: null, ...redactedColumns(eb) }
        : {
            status: 'queued',
            not_before: now,
            claimed_by: null,
            claim_until: null,
            last_error: 'worker stopped mid-send; requeued after lease',
          },
    )
    .where('id', '=', stale.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', stale.claimedBy)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Queued rows due at `now`, oldest first. */
export async function dueMessages(db: RolloutDb, now: number, limit: number): Promise<RolloutOutboxTable[]> {
  return db
    .selectFrom('rollout_outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('not_before', '<=', now)
    .orderBy('not_before')
    .limit(limit)
    .execute();
}

/** Moves a queued row's next attempt to `until`. */
export async function deferMessage(db: RolloutDb, id: string, until: number): Promise<void> {
  await db
    .updateTable('rollout_outbox')
    .set({ not_before: until })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** Sets a row's final or next state, if it is still in `fromStatus`; a final state redacts the row. */
export async function settleMessage(
  db: RolloutDb,
  id: string,
  set: Partial<RolloutOutboxTable>,
  fromStatus = 'queued',
): Promise<void> {
  await db
    .updateTable('rollout_outbox')
    .set((eb) => ({ ...set, ...(isSettled(set.status) ? redactedColumns(eb) : {}) }))
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .execute();
}

/** Claims a queued row for `workerId` until `claimUntil`; false when another worker has it. */
export async function claimMessage(
  db: RolloutDb,
  row: Pick<RolloutOutboxTable, 'id' | 'attempts'>,
  workerId: string,
  claimUntil: number,
): Promise<boolean> {
  const claim = await db
    .updateTable('rollout_outbox')
    .set({ status: 'sending', claimed_by: workerId, claim_until: claimUntil, attempts: Number(row.attempts) + 1 })
    .where('id', '=', row.id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(claim.numUpdatedRows) === 1;
}

/** Ends `workerId`'s claim on a row with `set` (sent or failed, redacted; or queued for a retry). */
export async function releaseClaim(
  db: RolloutDb,
  id: string,
  workerId: string,
  set: Partial<RolloutOutboxTable>,
): Promise<void> {
  await db
    .updateTable('rollout_outbox')
    .set((eb) => ({
      ...set,
      claimed_by: null,
      claim_until: null,
      ...(isSettled(set.status) ? redactedColumns(eb) : {}),
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', workerId)
    .execute();
}

/** When `phone` was sent non-verification messages after `since` (the frequency cap counts these). */
export async function recentSends(db: RolloutDb, phone: string, since: number): Promise<Date[]> {
  const rows = await db
    .selectFrom('rollout_outbox')
    .select('sent_at')
    .where('phone', '=', phone)
    .where('kind', '!=', 'verification')
    .where('sent_at', '>', since)
    .execute();
  return rows.map((r) => new Date(Number(r.sent_at)));
}

/**
 * Expires queued messages past their expiry (a code nobody sent in time) and redacts them;
 * returns how many. The outbox's retention (outbox-retention.ts) runs it.
 */
export async function expireOverdueMessages(db: RolloutDb, now: number): Promise<number> {
  const expired = await db
    .updateTable('rollout_outbox')
    .set((eb) => ({ status: 'expired', ...redactedColumns(eb) }))
    .where('status', '=', 'queued')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(expired.numUpdatedRows);
}

/**
 * Deletes up to `limit` settled messages queued, and if sent sent, before `cutoff`, adding each
 * campaign message to `rollout_outbox_tally` in the same transaction; returns how many it deleted.
 */
export async function deleteSettledMessages(db: RolloutDb, cutoff: number, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
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
          .limit(limit),
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
}
