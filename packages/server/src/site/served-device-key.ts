/**
 * The device API key the app's configuration hands out. GAEN apps carry one device key compiled
 * in, so it is no secret; serving it lets the browser build at `/app/` (and any app built for
 * this server) start without a key typed into its URL. The server creates one on first use and
 * keeps serving it until an administrator revokes it (admin page or API), then makes a new one;
 * the key itself is kept sealed under the key-encryption key, like every other stored secret.
 */
import { createApiKey } from '../apikeys/api-key';
import type { ServerContext } from '../feature';
import { currentServedDeviceKey, recordServedDeviceKey } from './site-repository';
import { siteDb } from './site-tables';

export async function servedDeviceKey(ctx: Pick<ServerContext, 'database' | 'clock' | 'secretBox'>): Promise<string> {
  const db = siteDb(ctx.database);
  const sealed = await currentServedDeviceKey(db);
  if (sealed !== undefined) return ctx.secretBox.open(sealed);
  // Two processes answering their first request together may each create one; both work, and
  // the newest is served from then on.
  const created = await createApiKey(ctx.database, ctx.clock, 'device');
  await recordServedDeviceKey(db, ctx.clock, created.id, ctx.secretBox.seal(created.key));
  return created.key;
}
