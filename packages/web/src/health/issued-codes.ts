/**
 * The codes issued in this browser tab, newest first, so staff can check back on them: kept in
 * sessionStorage (the 20 newest), never sent anywhere.
 */
import type { keyServerApi, TestType } from '@bluezone/protocol/api';
import { useState } from 'react';

export interface IssuedRow extends keyServerApi.IssueResponse {
  testType: TestType;
  issuedAt: number;
  sms: boolean;
  claimed?: boolean;
  expired?: boolean;
}

const STORAGE_KEY = 'bluezone.issued';
const KEPT = 20;

function loadIssued(): IssuedRow[] {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as IssuedRow[];
  } catch {
    return [];
  }
}

export interface IssuedCodes {
  rows: IssuedRow[];
  add(row: IssuedRow): void;
  update(uuid: string, patch: Partial<IssuedRow>): void;
}

export function useIssuedCodes(): IssuedCodes {
  const [rows, setRows] = useState<IssuedRow[]>(loadIssued);
  const save = (next: IssuedRow[]) => {
    setRows(next);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.slice(0, KEPT)));
    } catch {
      // storage full or disabled: the list lasts for this page only
    }
  };
  return {
    rows,
    add: (row) => save([row, ...rows]),
    update: (uuid, patch) => save(rows.map((r) => (r.uuid === uuid ? { ...r, ...patch } : r))),
  };
}
