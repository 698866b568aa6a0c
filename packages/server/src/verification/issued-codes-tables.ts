/**
 * The health console's record of each code issued: who issued it, the last digits of the phone it
 * went to (all that finding it by phone needs: never the number), and who revoked it. The code
 * itself stays an HMAC in verification_code; its status is read from there.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';
import type { ServerTables } from '../database/tables';

export interface IssuedCodeRecordTable {
  /** verification_code.uuid */
  uuid: string;
  realm: string;
  /** The web user who issued it; null for an API key. */
  issued_by_user: number | null;
  /** Their display name then, or `API key #id`. */
  issued_by: string;
  /** The last 3 digits of the SMS recipient's number; null without an SMS. */
  phone_last3: string | null;
  issued_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export type IssuedCodeTables = ServerTables & { issued_code_record: IssuedCodeRecordTable };

export type IssuedCodeDb = Kysely<IssuedCodeTables>;

export function issuedCodeDb(database: Database): IssuedCodeDb {
  return database.db.withTables<{ issued_code_record: IssuedCodeRecordTable }>() as unknown as IssuedCodeDb;
}
