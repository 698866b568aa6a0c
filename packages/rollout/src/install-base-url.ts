/**
 * What install links (poster QR codes, invite links, campaign and welcome SMS) are built on:
 * ROLLOUT_INSTALL_BASE_URL when a district points them at a page of its own, else the resident
 * app this server serves, at the site's public address (`<public address>/app/`: the one setting
 * the first-run page asks for, @bluezone/server site/public-address.ts).
 */
import { type ServerContext, site } from '@bluezone/server';
import type { RolloutConfig } from './rollout-config';

export async function installBaseUrl(
  ctx: Pick<ServerContext, 'config' | 'database' | 'clock'>,
  config: Pick<RolloutConfig, 'installBaseUrl'>,
  /** The request's origin, used while no public address is set (site.requestOrigin). */
  origin?: string,
): Promise<string> {
  if (config.installBaseUrl !== '') return config.installBaseUrl;
  return `${(await site.publicAddress(ctx, origin)).url}/app/`;
}
