/**
 * The in-server timer that moves messages: adopt the key server's queued verification texts,
 * expand due campaign runs, then send what is due. One pass at a time per process; several
 * processes may run it together (claims are compare-and-set).
 */
import type { BackgroundJob, ServerContext } from '../feature';
import { runDueCampaigns } from './campaign';
import { adoptVerificationSms } from './outbox';
import { OutboxWorker } from './outbox-worker';
import { channelsFromConfig } from './rollout-channels';
import { rolloutDb } from './unit-repository';

export async function startOutboxJob(ctx: ServerContext): Promise<BackgroundJob | undefined> {
  const seconds = ctx.config.rollout.workerIntervalSeconds;
  if (seconds === 0) return undefined;
  const db = rolloutDb(ctx.database);
  const channels = await channelsFromConfig(ctx);
  const worker = new OutboxWorker(db, ctx.clock, channels);
  const log = ctx.logger.child({ job: 'rollout-outbox' });
  if (!channels.sms) log.warn('KANNEL_SENDSMS_URL is not set: SMS stays queued until it is');
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= (async () => {
      try {
        await adoptVerificationSms(ctx.database, ctx.clock);
        await runDueCampaigns(db, ctx.clock, { installBaseUrl: ctx.config.rollout.installBaseUrl });
        const stats = await worker.runOnce();
        if (stats.sent + stats.failed + stats.retried > 0) log.info('outbox pass', { ...stats });
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
