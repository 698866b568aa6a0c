/**
 * What the server says about itself before anyone logs in (GET /api/setup/status): no user yet
 * (the first-run page), where its data is, the demo users still on the published password.
 */
import type { firstRunApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { type LoadState, useLoad } from '../hooks/use-load';

export function useSetupStatus(): { state: LoadState<firstRunApi.SetupStatus>; reload(): void } {
  return useLoad((signal) => api<typeof firstRunApi.setupStatus>('/api/setup/status', { signal }), []);
}

/** The setup code from the link `bluezone server` prints (`#/setup?code=…`), or ''. */
export function setupCodeFromHash(hash: string): string {
  const query = hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('code') ?? '';
}
