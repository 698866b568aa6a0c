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
 * Campaign and welcome messages respect quiet hours, opt-outs and the per-phone frequency cap
 * (a campaign's own, through `sendPolicy`), each within its validity (`expires_at`): one held
 * back past it is dropped as `expired` and counted in its campaign's figures. Verification codes
 * skip quiet hours and caps (they are asked for) but expire with the code. Its SQL is in
 * outbox-repository.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { DEFAULT_FREQUENCY_CAP, type FrequencyCap, nextSendUnderCap } from './frequency-cap';
import type { ChannelName, MessageChannel } from './message-channel';
import { isOptedOut } from './messaging-repository';
import type { RolloutOutboxTable } from './messaging-tables';
import {
  claimMessage,
  deferMessage,
  dueMessages,
  recentSends,
  releaseClaim,
  settleMessage,
  settleStaleClaim,
  staleClaims,
} from './outbox-repository';
import { DEFAULT_QUIET_HOURS, nextAllowedTime, type QuietHours } from './quiet-hours';

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

/** Quiet hours and frequency cap of a campaign's messages, set when it was made. */
export interface SendPolicy {
  quietHours: Pick<QuietHours, 'start' | 'end'>;
  frequencyCap: FrequencyCap;
}

/** Looks up a campaign's send policy (campaigns/campaigns-repository.ts); undefined: the defaults. */
export type SendPolicyLookup = (db: RolloutDb, campaignId: number) => Promise<SendPolicy | undefined>;

export interface OutboxWorkerOptions {
  workerId?: string;
  quietHours?: QuietHours;
  frequencyCap?: FrequencyCap;
  sendPolicy?: SendPolicyLookup;
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
    if (row.campaign_id === null || !this.options.sendPolicy) return { quiet, cap };
    const policy = await this.options.sendPolicy(this.db, Number(row.campaign_id));
    if (!policy) return { quiet, cap };
    return { quiet: { ...policy.quietHours, timeZone: quiet.timeZone }, cap: policy.frequencyCap };
  }

  private async recoverInDoubt(now: number): Promise<number> {
    let n = 0;
    for (const stale of await staleClaims(this.db, now)) {
      if (await settleStaleClaim(this.db, stale, now)) n++;
    }
    return n;
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
    for (const row of await dueMessages(this.db, now, limit)) {
      const t = this.clock.now();
      if (row.expires_at !== null && Number(row.expires_at) <= t) {
        await settleMessage(this.db, row.id, { status: 'expired' });
        stats.expired++;
        continue;
      }
      const urgent = row.kind === 'verification';
      if (!urgent) {
        if (await isOptedOut(this.db, row.phone)) {
          await settleMessage(this.db, row.id, { status: 'suppressed', last_error: 'opted out (TU CHOI)' });
          stats.suppressed++;
          continue;
        }
        const { quiet, cap } = await this.policyFor(row);
        const allowed = nextAllowedTime(quiet, new Date(t)).getTime();
        const recent = await recentSends(this.db, row.phone, t - cap.windowHours * 3_600_000);
        const next = Math.max(allowed, nextSendUnderCap(cap, recent, new Date(t)).getTime());
        if (next > t) {
          // Held back past its validity: drop it now (counted as expired) rather than postpone
          // it until it is stale — or, under a cap a phone never leaves, forever.
          if (row.expires_at !== null && next >= Number(row.expires_at)) {
            await settleMessage(this.db, row.id, { status: 'expired', last_error: 'held back past its validity' });
            stats.expired++;
          } else {
            await deferMessage(this.db, row.id, next);
            stats.deferred++;
          }
          continue;
        }
      }
      const channel = this.channels[row.channel as ChannelName];
      if (!channel) {
        await deferMessage(this.db, row.id, t + UNCONFIGURED_RETRY_MS);
        stats.deferred++;
        continue;
      }
      if (!(await claimMessage(this.db, row, this.workerId, t + CLAIM_LEASE_MS))) continue; // another worker has it
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
        await releaseClaim(this.db, row.id, this.workerId, {
          status: 'sent',
          sent_at: this.clock.now(),
          segments: receipt.segments ?? null,
          provider_ref: receipt.providerRef ?? null,
          last_error: null,
        });
        stats.sent++;
      } catch (err) {
        if (!(err instanceof RolloutError)) throw err; // unknown: leave it in doubt, the lease decides
        const attempts = Number(row.attempts) + 1;
        const permanent = err.code !== 'channel_failed' || attempts >= MAX_ATTEMPTS;
        await releaseClaim(
          this.db,
          row.id,
          this.workerId,
          permanent
            ? { status: 'failed', last_error: err.message }
            : { status: 'queued', not_before: this.clock.now() + backoffMs(attempts), last_error: err.message },
        );
        if (permanent) stats.failed++;
        else stats.retried++;
      }
    }
    return stats;
  }
}
