/**
 * The app of a test context as the API's callers meet it: every answer held to the HTTP contract
 * (checkedApp), with an admin's and a device's API key, the two credentials most API tests send.
 */
import { createApiKey, createApp, type Feature, type ServerContext } from '@bluezone/server';
import { checkedApp } from './contract-check';

export interface KeyedApp {
  app: ReturnType<typeof createApp>;
  /** An `admin` API key (x-api-key). */
  admin: string;
  /** A `device` API key, as the resident app sends. */
  device: string;
}

export async function keyedApp(ctx: ServerContext, features: readonly Feature[]): Promise<KeyedApp> {
  return {
    app: checkedApp(createApp(ctx, features)),
    admin: (await createApiKey(ctx.database, ctx.clock, 'admin')).key,
    device: (await createApiKey(ctx.database, ctx.clock, 'device')).key,
  };
}
