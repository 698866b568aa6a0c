/**
 * The district rollout toolkit as ONE server feature named `rollout`: the capabilities' parts
 * (`<capability>/<capability>-feature.ts`) composed — their migrations under one numbering
 * (`rollout/0001…`, the names existing databases have recorded), their routes in order, the
 * core services they implement (units for web users, SMS for verification codes), and their
 * start steps (demo data, the outbox timer).
 */
import type { BackgroundJob, Feature, MigrationSet } from '@bluezone/server';
import { accessFeature } from './access/access-feature';
import { announcementsFeature } from './announcements/announcements-feature';
import { businessesFeature } from './businesses/businesses-feature';
import { campaignOutboxHooks, campaignsFeature } from './campaigns/campaigns-feature';
import { checkpointsFeature } from './checkpoints/checkpoints-feature';
import { coverageFeature } from './coverage/coverage-feature';
import { demoFeature } from './demo/demo-feature';
import { drivesFeature } from './drives/drives-feature';
import { mapsFeature } from './maps/maps-feature';
import { mediaFeature } from './media/media-feature';
import { messagingFeature } from './messaging/messaging-feature';
import { postersFeature } from './posters/posters-feature';
import { loadRolloutConfig, type RolloutConfig } from './rollout-config';
import type { RolloutSubFeature } from './rollout-sub-feature';
import { unitsFeature } from './units/units-feature';

export const ROLLOUT_FEATURE_NAME = 'rollout';

/** The parts in the order their routes are added and their start steps run. */
export function rolloutSubFeatures(config: RolloutConfig): RolloutSubFeature[] {
  return [
    unitsFeature(config),
    accessFeature(config),
    coverageFeature(config),
    drivesFeature(config),
    businessesFeature(config),
    checkpointsFeature,
    messagingFeature(config, campaignOutboxHooks(config)),
    campaignsFeature(config),
    announcementsFeature(config),
    mediaFeature,
    postersFeature(config),
    mapsFeature,
    demoFeature,
  ];
}

/** Every part's migrations in one set; a number used twice is a programming error. */
export function composeMigrations(parts: readonly RolloutSubFeature[]): MigrationSet {
  const all: MigrationSet = {};
  for (const part of parts) {
    for (const [name, migration] of Object.entries(part.migrations ?? {})) {
      const number = name.slice(0, 4);
      const clash = Object.keys(all).find((n) => n.slice(0, 4) === number);
      if (clash) throw new Error(`rollout migration ${name} (${part.name}) reuses number ${number} of ${clash}`);
      all[name] = migration;
    }
  }
  return all;
}

export function createRolloutFeature(config: RolloutConfig = loadRolloutConfig({})): Feature {
  const parts = rolloutSubFeatures(config);
  return {
    name: ROLLOUT_FEATURE_NAME,
    migrations: composeMigrations(parts),
    provides: (ctx) => Object.assign({}, ...parts.map((p) => p.provides?.(ctx) ?? {})),
    routes(app, ctx) {
      for (const part of parts) part.routes?.(app, ctx);
    },
    async start(ctx) {
      const jobs: BackgroundJob[] = [];
      for (const part of parts) {
        const job = await part.start?.(ctx);
        if (job) jobs.push(job);
      }
      if (jobs.length === 0) return undefined;
      return {
        async stop() {
          for (const job of jobs) await job.stop();
        },
      };
    },
  };
}
