/**
 * Putting messages into the durable outbox, and what comes back about them (delivery reports).
 * Everything that texts a phone — campaigns, tourist welcomes, the key server's verification
 * codes — goes through `enqueueMessage`; only the outbox worker talks to the gateways.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import type { SmsMessage, SmsOutbox, SmsOutboxTable } from '../verification/sms-outbox';
import type { ChannelName } from './message-channel';
import { RolloutError } from './rollout-error';
import { kannelDlrStatus } from './sms-kannel';
import { type RolloutDb, rolloutDb } from './unit-repository';
import { normalizeVnPhone } from './vn-phone';

export type OutboxKind = 'campaign' | 'verification' | 'welcome' | 'direct';

export interface EnqueueInput {
  kind: OutboxKind;
  channel: ChannelName;
  /** Any accepted Vietnamese form; stored as E.164. */
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
  const phone = normalizeVnPhone(input.phone);
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
 * The key server's SMS hook (ServerContext.sms): verification codes go straight into the
 * rollout outbox, ahead of quiet hours and frequency caps, and expire with the code.
 */
export class RolloutSmsOutbox implements SmsOutbox {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async enqueue(message: SmsMessage): Promise<void> {
    await enqueueMessage(rolloutDb(this.database), this.clock, {
      kind: 'verification',
      channel: 'sms',
      phone: message.phone,
      text: message.text,
      dedupeKey: `verification:${randomUUID()}`,
      expiresAt: message.expiresAt,
    });
  }
}

/**
 * Moves verification texts the key server queued in its own `sms_outbox` table (its default
 * SmsOutbox) into the rollout outbox, in one transaction per row, so none is lost or doubled.
 */
export async function adoptVerificationSms(database: Database, clock: Clock, limit = 100): Promise<number> {
  const db = database.db.withTables<{ sms_outbox: SmsOutboxTable }>();
  const rows = await db.selectFrom('sms_outbox').selectAll().where('sent_at', 'is', null).limit(limit).execute();
  let adopted = 0;
  for (const row of rows) {
    await database.db.transaction().execute(async (trx) => {
      const t = trx.withTables<{ sms_outbox: SmsOutboxTable }>();
      const gone = await t.deleteFrom('sms_outbox').where('id', '=', row.id).executeTakeFirst();
      if (Number(gone.numDeletedRows) !== 1) return; // another process took it
      try {
        await enqueueMessage(trx as unknown as RolloutDb, clock, {
          kind: 'verification',
          channel: 'sms',
          phone: row.phone,
          text: row.text,
          dedupeKey: `verification:${row.id}`,
          expiresAt: Number(row.expires_at),
        });
        adopted++;
      } catch (err) {
        // A number the SMS layer cannot reach is dropped from the queue, not retried forever.
        if (!(err instanceof RolloutError && err.code === 'invalid_phone')) throw err;
      }
    });
  }
  return adopted;
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
    .set({ status: 'sent', sent_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
  return true;
}

export async function optOut(db: RolloutDb, clock: Clock, phone: string): Promise<void> {
  await db
    .insertInto('rollout_opt_out')
    .values({ phone: normalizeVnPhone(phone), opted_out_at: clock.now() })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
}
