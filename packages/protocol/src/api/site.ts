/**
 * The site: the public address people and phones reach this server at (one setting, which every
 * install link, poster QR code and SMS link is built on), and the configuration the resident app
 * loads from the server that serves it, so the browser build at `/app/` needs nothing in its URL.
 */
import * as z from 'zod/mini';
import { endpoint } from './endpoint';
import { exportKeysResponse } from './key-server';

/**
 * Where the public address comes from: PUBLIC_BASE_URL in the server's environment (it wins),
 * the value an administrator saved (first-run page, admin page), or the server's own listening
 * address when neither is set.
 */
export const PUBLIC_BASE_URL_SOURCES = ['environment', 'setting', 'default'] as const;
export type PublicBaseUrlSource = (typeof PUBLIC_BASE_URL_SOURCES)[number];

/** An absolute http(s) URL without query or fragment; a trailing slash is dropped by the server. */
export const publicBaseUrl = z.string().check(
  z.trim(),
  z.maxLength(200),
  z.refine(
    (s) => {
      try {
        const url = new URL(s);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// address without ? or #' },
  ),
);

export const siteSettings = z.object({
  publicBaseUrl: z.string(),
  publicBaseUrlSource: z.enum(PUBLIC_BASE_URL_SOURCES),
});

/** Admin session. */
export const getSiteSettings = endpoint({ method: 'GET', path: '/api/site', response: siteSettings });

/** Admin session; 409 `conflict` when PUBLIC_BASE_URL is set in the environment (it wins). */
export const updateSiteSettings = endpoint({
  method: 'PATCH',
  path: '/api/site',
  request: z.object({ publicBaseUrl }),
  response: siteSettings,
});

export const appConfig = z.object({
  /**
   * The device API key every copy of the app carries (GAEN's device key is not a secret: it is
   * compiled into every published app); the server keeps serving one that is not revoked.
   */
  apiKey: z.string(),
  /** The export region (folder under /exports/) and the healthAuthorityID the app publishes under. */
  region: z.string(),
  healthAuthorityID: z.string(),
  /** The server's public address; the app's key server, verification server and exports live under it. */
  publicBaseUrl: z.string(),
  /** `<publicBaseUrl>/exports/` */
  exportBaseUrl: z.string(),
  /** What the app's invite links are built on (`?ref=` added): `<publicBaseUrl>/app/`. */
  installBaseUrl: z.string(),
  /** Every export signing key version still in use, as `/api/export-keys` lists them. */
  exportKeys: exportKeysResponse.shape.keys,
});

/** No authentication: what any copy of the app served by this server needs to start. */
export const getAppConfig = endpoint({ method: 'GET', path: '/api/app-config', response: appConfig });

export type SiteSettings = z.infer<typeof siteSettings>;
export type AppConfig = z.infer<typeof appConfig>;
