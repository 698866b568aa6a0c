/**
 * The in-server timer that moves messages: whatever produces messages on a schedule runs first
 * (the composed feature passes the campaigns' step: expand due campaign runs), then the worker
 * sends what is due. One pass at a time per process; several processes may run it together
 * (claims are compare-and-set).
 */
import type { BackgroundJob, ServerContext } from '@bluezone/server';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { channelsFromConfig } from './message-channels';
import { purgeOutbox } from './outbox-retention';
import { OutboxWorker, type SendPolicyLookup } from './outbox-worker';

/** The retention purge runs at most this often per process. */
const PURGE_EVERY_MS = 3_600_000;

export interface OutboxJobHooks {
  /** Runs before each send pass, e.g. to queue due campaign runs. */
  beforePass?: (ctx: ServerContext) => Promise<unknown>;
  /** A campaign's quiet hours and frequency cap. */
  sendPolicy?: SendPolicyLookup;
}

export async function startOutboxJob(
  ctx: ServerContext,
  config: RolloutConfig,
  hooks: OutboxJobHooks = {},
): Promise<BackgroundJob | undefined> {
  const seconds = config.workerIntervalSeconds;
  if (seconds === 0) return undefined;
  const channels = await channelsFromConfig(ctx, config);
  const worker = new OutboxWorker(rolloutDb(ctx.database), ctx.clock, channels, {
    ...(hooks.sendPolicy ? { sendPolicy: hooks.sendPolicy } : {}),
  });
  const log = ctx.logger.child({ job: 'rollout-outbox' });
  if (!channels.sms) log.warn('KANNEL_SENDSMS_URL is not set: SMS stays queued until it is');
  let running: Promise<void> | undefined;
  let purgedAt = Number.NEGATIVE_INFINITY;
  const tick = () => {
    running ??= (async () => {
      try {
        await hooks.beforePass?.(ctx);
        const stats = await worker.runOnce();
        if (stats.sent + stats.failed + stats.retried > 0) log.info('outbox pass', { ...stats });
        const now = ctx.clock.now();
        if (now - purgedAt >= PURGE_EVERY_MS) {
          purgedAt = now;
          const purge = await purgeOutbox(rolloutDb(ctx.database), now, config.outboxRetentionDays * 86_400_000);
          if (purge.expired + purge.deleted > 0) log.info('outbox retention', { ...purge });
        }
      } catch (err) {
        log.error('outbox pass failed', { err });
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
