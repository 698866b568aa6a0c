/**
 * What the browser build needs to start, from the server that serves it: `GET /api/app-config`
 * (@bluezone/protocol/api site.ts: the device API key every copy of the app carries, the region
 * and health authority, the export keys, the public install address), so `/app/` works with
 * nothing in its URL. `?apiKey=` in the page URL still wins (development, and a device key made
 * by hand). An older server without the route, or one that cannot be reached, leaves the page on
 * the defaults: the URL's key, region VN and the export keys from `/api/export-keys`.
 * API calls and export downloads stay on the page's own origin (the public address may be a
 * proxy's, and the page may not call another origin).
 */
import type { ExportPublicKey, Fetch } from '@bluezone/client';
import { siteApi } from '@bluezone/protocol/api';
import { fetchExportKeys } from '../model/export-keys';

export interface WebConfig {
  apiKey: string;
  region: string;
  healthAuthorityID: string;
  /** Where invite links point: the public address's `/app/`. */
  installBaseUrl: string;
  exportKeys: ExportPublicKey[];
  /** Whether the server answered /api/app-config. */
  served: boolean;
}

export async function loadWebConfig(origin: string, params: URLSearchParams, fetch: Fetch): Promise<WebConfig> {
  const urlKey = params.get('apiKey');
  const served = await fetch(`${origin}${siteApi.getAppConfig.path}`)
    .then(async (res) => (res.ok ? siteApi.appConfig.safeParse(await res.json()) : undefined))
    .catch(() => undefined);
  if (served?.success) {
    const c = served.data;
    return {
      apiKey: urlKey ?? c.apiKey,
      region: c.region,
      healthAuthorityID: c.healthAuthorityID,
      installBaseUrl: c.installBaseUrl,
      exportKeys: c.exportKeys.filter((k) => k.active).map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId })),
      served: true,
    };
  }
  return {
    apiKey: urlKey ?? '',
    region: 'VN',
    healthAuthorityID: 'vn.bluezone',
    installBaseUrl: `${origin}/app/`,
    exportKeys: await fetchExportKeys(origin, fetch),
    served: false,
  };
}
