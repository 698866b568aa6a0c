/**
 * The codes issued for cases, as the server keeps them (GET /api/issued-codes): who issued each,
 * the last digits of the phone it was texted to, its status; found by the code a resident reads
 * out or by those digits, so the next shift sees what this one did. The code just issued is held
 * in this page only, to be read out: the server keeps no code in clear.
 */
import type { IssuedCodeStatus, keyServerApi, TestType } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { type Load, useLoad } from '../hooks/use-load';

/** The code just issued, with what the form said about it. */
export interface IssuedRow extends keyServerApi.IssueResponse {
  testType: TestType;
  issuedAt: number;
  sms: boolean;
}

export interface IssuedCodesQuery {
  /** An 8-digit or 16-character code, or the last 1-3 digits of the phone; '' for all. */
  q: string;
  status: IssuedCodeStatus | '';
}

export function issuedCodesUrl(query: IssuedCodesQuery): '/api/issued-codes' | `/api/issued-codes?${string}` {
  const params = new URLSearchParams();
  const q = query.q.replace(/[\s-]/g, '');
  if (q) params.set('q', q);
  if (query.status) params.set('status', query.status);
  const s = params.toString();
  return s ? `/api/issued-codes?${s}` : '/api/issued-codes';
}

export function useIssuedCodes(
  query: IssuedCodesQuery,
  refresh: number,
): Load<{ codes: keyServerApi.IssuedCode[]; retentionDays: number }> {
  return useLoad(
    (signal) => api<typeof keyServerApi.listIssuedCodes>(issuedCodesUrl(query), { signal }),
    [query.q, query.status, refresh],
  );
}
