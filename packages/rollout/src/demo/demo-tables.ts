/**
 * Table of the demo district (migration 0050): every row the demo wrote, by kind and key, so
 * clearing deletes exactly those and never a real row. Kinds: `install` (rollout_install and its
 * attestation days), `checkpoint` (a demo checkpoint and its log), `campaign` (and its tally),
 * `code` (verification_code and its health-console record).
 */
import type { ServerTables } from '@bluezone/server';
import type { Kysely } from 'kysely';
import type { RolloutTables } from '../rollout-db';

export const DEMO_ROW_KINDS = ['install', 'checkpoint', 'campaign', 'code'] as const;
export type DemoRowKind = (typeof DEMO_ROW_KINDS)[number];

export interface RolloutDemoRowTable {
  kind: DemoRowKind;
  row_key: string;
  created_at: number;
}

/** The health console's record of a code (the key server's issued_code_record), as the demo writes it. */
export interface DemoIssuedCodeRecordTable {
  uuid: string;
  realm: string;
  issued_by_user: number | null;
  issued_by: string;
  phone_last3: string | null;
  issued_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export type DemoTables = {
  rollout_demo_row: RolloutDemoRowTable;
};

/** The demo writes rows of the toolkit and of the key server (codes): both sets of tables. */
export type DemoDb = Kysely<
  RolloutTables & DemoTables & ServerTables & { issued_code_record: DemoIssuedCodeRecordTable }
>;
