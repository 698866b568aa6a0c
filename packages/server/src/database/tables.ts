/**
 * Table types of the core server. Feature folders declare their own tables in their folder
 * and get a typed handle with `db.withTables<TheirTables>()`; nothing here needs editing.
 * Times are integer milliseconds since the epoch (bigint columns, parsed to number) so both
 * dialects store and compare them the same way.
 */
import type { Generated } from 'kysely';

export interface ServerSecretTable {
  name: string;
  /** Sealed with the key-encryption key (secrets/secret-box.ts). */
  value: string;
  created_at: number;
}

export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** A blob of the database blob store (export files served at /exports/…). */
export interface BlobTable {
  /** `/`-separated, relative (blobs/blob-store.ts assertBlobPath). */
  path: string;
  content_type: string;
  bytes: Uint8Array;
  updated_at: number;
}

export interface ApiKeyTable {
  id: Generated<number>;
  /** SHA-256 of the key, hex; the key itself is shown once and never stored. */
  key_hash: string;
  /** First characters of the key, to tell keys apart in listings. */
  key_prefix: string;
  realm: string;
  role: 'admin' | 'device';
  created_at: number;
  revoked_at: number | null;
}

export interface VerificationCodeTable {
  uuid: string;
  realm: string;
  code_hash: string;
  long_code_hash: string;
  test_type: 'confirmed' | 'likely' | 'negative';
  symptom_date: string | null;
  test_date: string | null;
  tz_offset: number;
  issued_at: number;
  issued_day: number;
  expires_at: number;
  long_expires_at: number;
  claimed_at: number | null;
  claimed_day: number | null;
}

export interface TokenTable {
  jti: string;
  code_uuid: string;
  expires_at: number;
  used_at: number | null;
}

export interface UsedCertificateTable {
  jti: string;
  expires_at: number;
}

export interface ExposureTable {
  id: Generated<number>;
  /** base64 of the 16-byte TEK. */
  key: string;
  region: string;
  transmission_risk: number;
  rolling_start: number;
  rolling_period: number;
  report_type: number;
  days_since_onset: number | null;
  traveler: number;
  health_authority_id: string;
  created_at: number;
  /** Embargo: a still-valid key may not be exported before it expires. */
  publishable_at: number;
  export_batch_id: number | null;
  revised_report_type: number | null;
  revised_days_since_onset: number | null;
  revised_at: number | null;
  revised_export_batch_id: number | null;
}

export interface PublishLogTable {
  id: Generated<number>;
  created_at: number;
  day: number;
  key_count: number;
  onset_to_upload_days: number | null;
  revision: number;
}

export interface SigningKeyTable {
  id: Generated<number>;
  key_id: string;
  key_version: string;
  /** Sealed PKCS#8 PEM. */
  private_key: string;
  public_key_pem: string;
  created_at: number;
  retired_at: number | null;
}

export interface ExportBatchTable {
  id: Generated<number>;
  region: string;
  start_ts: number;
  end_ts: number;
  key_count: number;
  padding_count: number;
  created_at: number;
}

export interface ExportFileTable {
  id: Generated<number>;
  batch_id: number;
  region: string;
  path: string;
  batch_num: number;
  batch_size: number;
  key_count: number;
  created_at: number;
}

export interface ServerTables {
  server_secret: ServerSecretTable;
  lease: LeaseTable;
  blob: BlobTable;
  api_key: ApiKeyTable;
  verification_code: VerificationCodeTable;
  token: TokenTable;
  used_certificate: UsedCertificateTable;
  exposure: ExposureTable;
  publish_log: PublishLogTable;
  signing_key: SigningKeyTable;
  export_batch: ExportBatchTable;
  export_file: ExportFileTable;
}
