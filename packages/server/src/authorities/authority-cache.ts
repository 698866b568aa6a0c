/**
 * Per-process cache of health authorities with their imported keys, keyed by database handle.
 * Publish looks the authority up on every request; a change made by another process (the
 * `bluezone authority` CLI) is seen within CACHE_MS, one made through this handle at once.
 * Unknown ids are cached too (Google's verifier does the same), with a size cap against a
 * flood of made-up ids.
 */
import type { Database } from '../database/database';

export const AUTHORITY_CACHE_MS = 30_000;
const MAX_ENTRIES = 1000;

interface Entry<T> {
  value: Promise<T>;
  at: number;
}

const caches = new WeakMap<Database, Map<string, Entry<unknown>>>();

export function cachedAuthority<T>(database: Database, id: string, now: number, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  const hit = cache.get(id) as Entry<T> | undefined;
  if (hit && now - hit.at < AUTHORITY_CACHE_MS) return hit.value;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const value = load();
  cache.set(id, { value, at: now });
  // A failed load (database down) must not stay cached.
  value.catch(() => cache.delete(id));
  return value;
}

export function forgetCachedAuthorities(database: Database): void {
  caches.delete(database);
}
