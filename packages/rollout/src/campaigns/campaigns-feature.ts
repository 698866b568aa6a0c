/**
 * Campaigns as a part of the rollout feature: their approval columns (migration 0005; the
 * table came with 0004), routes, and what the outbox timer needs of them — the step that
 * expands due runs into messages, and each campaign's quiet hours and cap.
 */
import { installBaseUrl } from '../install-base-url';
import type { OutboxJobHooks } from '../messaging/outbox-job';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { runDueCampaigns } from './campaign';
import { campaignsMigrations } from './campaigns-migrations';
import { campaignSendPolicy } from './campaigns-repository';
import { campaignsRoutes } from './campaigns-routes';

export function campaignsFeature(config: RolloutConfig): RolloutSubFeature {
  return {
    name: 'campaigns',
    migrations: campaignsMigrations,
    routes: (app, ctx) => campaignsRoutes(app, ctx, config),
  };
}

/** What the outbox timer (messaging/) runs for campaigns. */
export function campaignOutboxHooks(config: RolloutConfig): OutboxJobHooks {
  return {
    beforePass: async (ctx) =>
      runDueCampaigns(rolloutDb(ctx.database), ctx.clock, { installBaseUrl: await installBaseUrl(ctx, config) }),
    sendPolicy: campaignSendPolicy,
  };
}
