/**
 * Messaging as a part of the rollout feature: its schema (migrations 0004 and 0006), routes,
 * the outbox timer, and the key server's SMS sender (verification codes go into the outbox).
 */

import type { RolloutConfig } from '../rollout-config';
import type { RolloutSubFeature } from '../rollout-sub-feature';
import { messagingMigrations } from './messaging-migrations';
import { messagingRoutes } from './messaging-routes';
import { type OutboxJobHooks, startOutboxJob } from './outbox-job';
import { OutboxSmsSender } from './outbox-sms-sender';

export function messagingFeature(config: RolloutConfig, hooks: OutboxJobHooks = {}): RolloutSubFeature {
  return {
    name: 'messaging',
    migrations: messagingMigrations,
    provides: (ctx) => ({ sms: new OutboxSmsSender(ctx.database, ctx.clock) }),
    routes: (app, ctx) => messagingRoutes(app, ctx, config),
    start: (ctx) => startOutboxJob(ctx, config, hooks),
  };
}
