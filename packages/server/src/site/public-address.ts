/**
 * The public address: what people and phones reach this server at, which install links, poster
 * QR codes, SMS links and the app's configuration are built on. One setting, resolved in order:
 * PUBLIC_BASE_URL in the environment (an operator's deployment pins it there), the value an
 * administrator saved from the web app (the first-run page asks for it), and otherwise the
 * address the request came in at, or this server's listening address when there is no request
 * (a CLI command rendering posters). Saved values are re-read at most every CACHE_MS, so every
 * process on one database follows a change within that time.
 */
import type { siteApi } from '@bluezone/protocol/api';
import type { Context } from 'hono';
import type { Database } from '../database/database';
import type { ServerContext } from '../feature';
import { readSetting, writeSetting } from './site-repository';
import { siteDb } from './site-tables';

export const CACHE_MS = 10_000;

export interface PublicAddress {
  /** Absolute, without a trailing slash: `https://bluezone.namdong.gov.vn`. */
  url: string;
  source: siteApi.PublicBaseUrlSource;
}

type AddressContext = Pick<ServerContext, 'config' | 'database' | 'clock'>;

const saved = new WeakMap<Database, { value: string | undefined; at: number }>();

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** Where a request says it came in (scheme and host; X-Forwarded-Proto/-Host behind a trusted proxy). */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

/** This server's own listening address, for when nothing better is known. */
export function listeningAddress(config: ServerContext['config']): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

async function savedAddress(ctx: AddressContext): Promise<string | undefined> {
  const now = ctx.clock.now();
  const cached = saved.get(ctx.database);
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  const value = await readSetting(siteDb(ctx.database), 'public_base_url');
  saved.set(ctx.database, { value, at: now });
  return value;
}

export async function publicAddress(ctx: AddressContext, origin?: string): Promise<PublicAddress> {
  if (ctx.config.publicBaseUrl !== '') return { url: ctx.config.publicBaseUrl, source: 'environment' };
  const stored = await savedAddress(ctx);
  if (stored !== undefined) return { url: stored, source: 'setting' };
  return { url: withoutSlash(origin ?? listeningAddress(ctx.config)), source: 'default' };
}

/** Saves the address an administrator entered (already validated by the contract). */
export async function savePublicAddress(ctx: AddressContext, url: string): Promise<void> {
  const value = withoutSlash(url.trim());
  await writeSetting(siteDb(ctx.database), ctx.clock, 'public_base_url', value);
  saved.set(ctx.database, { value, at: ctx.clock.now() });
}
