/** The pages, which roles see each, and hash routing (#/dashboard …) so any server path serves the app. */
import type { accountsApi } from '@bluezone/protocol/api';
import type { MessageKey } from './i18n/i18n';

export type PageId =
  | 'dashboard'
  | 'unit'
  | 'drives'
  | 'businesses'
  | 'campaigns'
  | 'announcements'
  | 'media'
  | 'health'
  | 'gate'
  | 'admin';

export const PAGES: readonly { id: PageId; label: MessageKey; roles: readonly accountsApi.UserRole[] }[] = [
  { id: 'dashboard', label: 'nav.dashboard', roles: ['admin', 'district'] },
  { id: 'unit', label: 'nav.unit', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'drives', label: 'nav.drives', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'businesses', label: 'nav.businesses', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'campaigns', label: 'nav.campaigns', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'announcements', label: 'nav.announcements', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'media', label: 'nav.media', roles: ['admin', 'district', 'unit_manager'] },
  { id: 'health', label: 'nav.health', roles: ['admin', 'district', 'health_staff'] },
  { id: 'gate', label: 'nav.gate', roles: ['gatekeeper', 'unit_manager', 'admin'] },
  { id: 'admin', label: 'nav.admin', roles: ['admin'] },
];

export function pagesFor(role: accountsApi.UserRole) {
  return PAGES.filter((p) => p.roles.includes(role));
}

export function currentPage(hash: string, role: accountsApi.UserRole): PageId {
  const wanted = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  const allowed = pagesFor(role);
  return allowed.find((p) => p.id === wanted)?.id ?? allowed[0]?.id ?? 'dashboard';
}
