/**
 * How a capability plugs into the server. A feature folder (apikeys/, verification/,
 * publish/, export/, stats/, and later rollout work) exports one `Feature`: its migrations,
 * its routes, and optionally background jobs. `features.ts` lists them; nothing else changes.
 */
import type { Hono } from 'hono';
import type { Clock, Random } from './clock';
import type { ServerConfig } from './config';
import type { Database } from './database/database';
import type { MigrationSet } from './database/migration';
import type { BlobStore } from './export/blob-store';
import type { AppEnv } from './http/app-env';
import type { Logger } from './logging';
import type { SecretBox } from './secrets/secret-box';
import type { ServerSecrets } from './secrets/server-secrets';
import type { SmsOutbox } from './verification/sms-outbox';

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
  /** Sends verification codes by SMS; the rollout messaging layer replaces the default outbox. */
  sms: SmsOutbox;
}

export interface BackgroundJob {
  stop(): Promise<void>;
}

export interface Feature {
  /** Folder-like name; prefixes the feature's migration names (`<name>/0001_…`). */
  name: string;
  migrations?: MigrationSet;
  /** Adds the feature's routes; paths are absolute (`/api/…`). */
  routes?(app: Hono<AppEnv>, ctx: ServerContext): void;
  /** Runs once after migrations, e.g. to create default keys or start a timer. */
  start?(ctx: ServerContext): Promise<BackgroundJob | undefined> | BackgroundJob | undefined;
}
