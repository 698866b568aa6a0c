/**
 * Sends what the outbox holds. Guarantees, with N workers in N processes on one database:
 * - A row is sent by one worker only: it is claimed with a compare-and-set update
 *   (status queued → sending) before the gateway is called.
 * - Never dropped: a failing channel puts the row back with exponential backoff (30 s, 1 min, …
 *   capped at 1 h) until MAX_ATTEMPTS; a worker that dies mid-send leaves the row "sending" with
 *   a lease, and after the lease a delivery report settles it as sent or it is queued again.
 * - Never sent twice across a crash as long as the gateway reports (Kannel's dlr-url, which
 *   the fake and real SMSCs answer within seconds; the lease is 10 minutes). Without any
 *   report the row is resent after the lease: at-least-once is preferred to a lost message.
 * Campaign and welcome messages respect quiet hours, opt-outs and the per-phone frequency cap;
 * verification codes skip quiet hours and caps (they are asked for) but expire with the code.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { DEFAULT_FREQUENCY_CAP, type FrequencyCap, nextSendUnderCap } from './frequency-cap';
import type { ChannelName, MessageChannel } from './message-channel';
import { DEFAULT_QUIET_HOURS, nextAllowedTime, type QuietHours } from './quiet-hours';
import { RolloutError } from './rollout-error';
import type { RolloutOutboxTable } from './rollout-tables';
import type { RolloutDb } from './unit-repository';

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;
export const CLAIM_LEASE_MS = 10 * 60_000;
/** When a channel is not configured, look again later instead of spinning. */
const UNCONFIGURED_RETRY_MS = 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxRunStats {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  deferred: number;
  expired: number;
  recovered: number;
}

export interface OutboxWorkerOptions {
  workerId?: string;
  quietHours?: QuietHours;
  frequencyCap?: FrequencyCap;
}

export class OutboxWorker {
  readonly workerId: string;
  constructor(
    private readonly db: RolloutDb,
    private readonly clock: Clock,
    private readonly channels: Partial<Record<ChannelName, MessageChannel>>,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.workerId = options.workerId ?? randomUUID();
  }

  /** Campaign rows carry their own quiet hours and cap; others use the worker's defaults. */
  private async policyFor(row: RolloutOutboxTable): Promise<{ quiet: QuietHours; cap: FrequencyCap }> {
    const quiet = this.options.quietHours ?? DEFAULT_QUIET_HOURS;
    const cap = this.options.frequencyCap ?? DEFAULT_FREQUENCY_CAP;
    if (row.campaign_id === null) return { quiet, cap };
    const c = await this.db
      .selectFrom('rollout_campaign')
      .select(['quiet_start', 'quiet_end', 'cap_max', 'cap_window_hours'])
      .where('id', '=', row.campaign_id)
      .executeTakeFirst();
    if (!c) return { quiet, cap };
    return {
      quiet: { start: c.quiet_start, end: c.quiet_end, timeZone: quiet.timeZone },
      cap: { max: Number(c.cap_max), windowHours: Number(c.cap_window_hours) },
    };
  }

  private async recoverInDoubt(now: number): Promise<number> {
    const stale = await this.db
      .selectFrom('rollout_outbox')
      .select(['id', 'claimed_by', 'delivery', 'attempts'])
      .where('status', '=', 'sending')
      .where('claim_until', '<', now)
      .execute();
    let n = 0;
    for (const row of stale) {
      const settled = row.delivery !== null;
      const res = await this.db
        .updateTable('rollout_outbox')
        .set(
          settled
            ? { status: 'sent', sent_at: now, claimed_by: null, claim_until: null }
            : {
                status: 'queued',
                not_before: now,
                claimed_by: null,
                claim_until: null,
                last_error: 'worker stopped mid-send; requeued after lease',
              },
        )
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('claimed_by', '=', row.claimed_by)
        .executeTakeFirst();
      n += Number(res.numUpdatedRows);
    }
    return n;
  }

  private async defer(id: string, until: number): Promise<void> {
    await this.db
      .updateTable('rollout_outbox')
      .set({ not_before: until })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
  }

  private async settle(id: string, set: Partial<RolloutOutboxTable>, fromStatus = 'queued'): Promise<void> {
    await this.db
      .updateTable('rollout_outbox')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', fromStatus)
      .execute();
  }

  /** One pass over due messages; returns what happened to them. */
  async runOnce(limit = 50): Promise<OutboxRunStats> {
    const stats: OutboxRunStats = {
      sent: 0,
      retried: 0,
      failed: 0,
      suppressed: 0,
      deferred: 0,
      expired: 0,
      recovered: 0,
    };
    const now = this.clock.now();
    stats.recovered = await this.recoverInDoubt(now);
    const due = await this.db
      .selectFrom('rollout_outbox')
      .selectAll()
      .where('status', '=', 'queued')
      .where('not_before', '<=', now)
      .orderBy('not_before')
      .limit(limit)
      .execute();
    for (const row of due) {
      const t = this.clock.now();
      if (row.expires_at !== null && Number(row.expires_at) <= t) {
        await this.settle(row.id, { status: 'expired' });
        stats.expired++;
        continue;
      }
      const urgent = row.kind === 'verification';
      if (!urgent) {
        const opted = await this.db
          .selectFrom('rollout_opt_out')
          .select('phone')
          .where('phone', '=', row.phone)
          .executeTakeFirst();
        if (opted) {
          await this.settle(row.id, { status: 'suppressed', last_error: 'opted out (TU CHOI)' });
          stats.suppressed++;
          continue;
        }
        const { quiet, cap } = await this.policyFor(row);
        const allowed = nextAllowedTime(quiet, new Date(t)).getTime();
        if (allowed > t) {
          await this.defer(row.id, allowed);
          stats.deferred++;
          continue;
        }
        const recent = await this.db
          .selectFrom('rollout_outbox')
          .select('sent_at')
          .where('phone', '=', row.phone)
          .where('kind', '!=', 'verification')
          .where('sent_at', '>', t - cap.windowHours * 3_600_000)
          .execute();
        const next = nextSendUnderCap(
          cap,
          recent.map((r) => new Date(Number(r.sent_at))),
          new Date(t),
        ).getTime();
        if (next > t) {
          await this.defer(row.id, next);
          stats.deferred++;
          continue;
        }
      }
      const channel = this.channels[row.channel as ChannelName];
      if (!channel) {
        await this.defer(row.id, t + UNCONFIGURED_RETRY_MS);
        stats.deferred++;
        continue;
      }
      const claim = await this.db
        .updateTable('rollout_outbox')
        .set({
          status: 'sending',
          claimed_by: this.workerId,
          claim_until: t + CLAIM_LEASE_MS,
          attempts: Number(row.attempts) + 1,
        })
        .where('id', '=', row.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue; // another worker has it
      try {
        const receipt = await channel.send({
          id: row.id,
          to: row.phone,
          text: row.text,
          ...(row.zalo_template_id
            ? {
                zalo: {
                  templateId: row.zalo_template_id,
                  templateData: JSON.parse(row.zalo_data ?? '{}') as Record<string, string>,
                },
              }
            : {}),
        });
        await this.db
          .updateTable('rollout_outbox')
          .set({
            status: 'sent',
            sent_at: this.clock.now(),
            claimed_by: null,
            claim_until: null,
            segments: receipt.segments ?? null,
            provider_ref: receipt.providerRef ?? null,
            last_error: null,
          })
          .where('id', '=', row.id)
          .where('claimed_by', '=', this.workerId)
          .execute();
        stats.sent++;
      } catch (err) {
        if (!(err instanceof RolloutError)) throw err; // unknown: leave it in doubt, the lease decides
        const attempts = Number(row.attempts) + 1;
        const permanent = err.code !== 'channel_failed' || attempts >= MAX_ATTEMPTS;
        await this.db
          .updateTable('rollout_outbox')
          .set(
            permanent
              ? { status: 'failed', claimed_by: null, claim_until: null, last_error: err.message }
              : {
                  status: 'queued',
                  not_before: this.clock.now() + backoffMs(attempts),
                  claimed_by: null,
                  claim_until: null,
                  last_error: err.message,
                },
          )
          .where('id', '=', row.id)
          .where('claimed_by', '=', this.workerId)
          .execute();
        if (permanent) stats.failed++;
        else stats.retried++;
      }
    }
    return stats;
  }
}
