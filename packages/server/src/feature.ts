/**
 * How a capability plugs into the server. A feature folder (apikeys/, verification/, publish/,
 * export/, …, or another package such as @bluezone/rollout) exports one `Feature`: its
 * migrations, its routes, optionally background jobs and the core services it implements.
 * The program that starts the server passes the list (`startServer(config, { features })`);
 * the core (this file, config.ts, server.ts, http/, database/, secrets/) imports no feature.
 */
import type { Hono } from 'hono';
import type { BlobStore } from './blobs/blob-store';
import type { Clock, Random } from './clock';
import type { ServerConfig } from './config';
import type { Database } from './database/database';
import type { MigrationSet } from './database/migration';
import type { AppEnv } from './http/app-env';
import type { Logger } from './logging';
import type { SecretBox } from './secrets/secret-box';
import type { ServerSecrets } from './secrets/server-secrets';
import type { SmsSender } from './sms/sms-sender';
import type { UnitDirectory } from './units/unit-directory';

/** Everything a feature may use; one per server process, shared by all requests. */
export interface ServerContext {
  config: ServerConfig;
  database: Database;
  clock: Clock;
  random: Random;
  logger: Logger;
  blobs: BlobStore;
  secrets: ServerSecrets;
  secretBox: SecretBox;
  /** Sends text messages (verification codes); undefined unless a feature provides one. */
  sms: SmsSender | undefined;
  /** The units unit-scoped web users belong to; undefined unless a feature provides them. */
  units: UnitDirectory | undefined;
}

/** The core interfaces a feature may implement for the others. */
export type FeatureServices = Partial<Pick<ServerContext, 'sms' | 'units'>>;

export interface BackgroundJob {
  stop(): Promise<void>;
}

export interface Feature {
  /** Folder-like name; prefixes the feature's migration names (`<name>/0001_…`). */
  name: string;
  migrations?: MigrationSet;
  /**
   * The core services this feature implements, set on the context when it opens (after
   * migrations, before routes and jobs; one-shot CLI commands get them too).
   */
  provides?(ctx: ServerContext): FeatureServices;
  /** Adds the feature's routes; paths are absolute (`/api/…`). */
  routes?(app: Hono<AppEnv>, ctx: ServerContext): void;
  /** Runs once after migrations, e.g. to create default keys or start a timer. */
  start?(ctx: ServerContext): Promise<BackgroundJob | undefined> | BackgroundJob | undefined;
}
