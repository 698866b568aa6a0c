/**
 * A unit's install link: what its posters' QR codes, its invite links and the welcome SMS carry,
 * so installs are attributed to the village or business they came from.
 */
import { RolloutError } from '../rollout-error';

/** `installBaseUrl` (ROLLOUT_INSTALL_BASE_URL) with `?unit=CODE` added. */
export function installLink(installBaseUrl: string, unitCode: string): string {
  let url: URL;
  try {
    url = new URL(installBaseUrl);
  } catch {
    throw new RolloutError('invalid_input', `install base URL is not a URL: "${installBaseUrl}"`);
  }
  url.searchParams.set('unit', unitCode);
  return url.toString();
}
