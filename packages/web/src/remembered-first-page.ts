/**
 * The first page of whoever was signed in last on this browser (only the page's name, never who),
 * so that a load of the site's root, where logging in lands, can start downloading that page's
 * chunk alongside the session check rather than after it has told the role.
 */
import type { accountsApi } from '@bluezone/protocol/api';
import { currentPage } from './routes';

const KEY = 'bluezone.firstPage';

/** The remembered page's name, or '' if none (or storage is off). */
export function rememberedFirstPage(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers `role`'s first page; null (signed out) forgets it. */
export function rememberFirstPage(role: accountsApi.UserRole | null): void {
  try {
    if (role) localStorage.setItem(KEY, currentPage('', role));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage off (some private windows): the page then starts downloading after the session check.
  }
}
