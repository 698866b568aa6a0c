/**
 * Where the dashboard is, in the page's hash so a view can be bookmarked or sent:
 * `#/dashboard` (the user's whole scope), `#/dashboard/20164` (a commune), with the period as
 * `?days=7|30|90` or `?from=2026-11-01&to=2026-11-30`.
 */
import { useEffect, useState } from 'react';

export type Period = { kind: 'days'; days: 7 | 30 | 90 } | { kind: 'range'; from: string; to: string };

export const PERIOD_DAYS = [7, 30, 90] as const;
export const DEFAULT_PERIOD: Period = { kind: 'days', days: 30 };

export interface DashboardView {
  /** The unit shown; undefined = the user's scope root. */
  unit: string | undefined;
  period: Period;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseDashboardHash(hash: string): DashboardView {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const unit = path.split('/')[1];
  const params = new URLSearchParams(query);
  const days = Number(params.get('days'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period: Period =
    DAY.test(from) && DAY.test(to) && from <= to
      ? { kind: 'range', from, to }
      : (PERIOD_DAYS as readonly number[]).includes(days)
        ? { kind: 'days', days: days as 7 | 30 | 90 }
        : DEFAULT_PERIOD;
  return { unit: unit ? decodeURIComponent(unit) : undefined, period };
}

/** The query a period asks the trends endpoint (and the hash) with. */
export function periodQuery(period: Period): string {
  return period.kind === 'days' ? `days=${period.days}` : `from=${period.from}&to=${period.to}`;
}

export function dashboardHref(view: DashboardView): string {
  return `#/dashboard${view.unit ? `/${encodeURIComponent(view.unit)}` : ''}?${periodQuery(view.period)}`;
}

/** The view in the hash, following it as links and the back button change it. */
export function useDashboardView(): DashboardView {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseDashboardHash(hash);
}
