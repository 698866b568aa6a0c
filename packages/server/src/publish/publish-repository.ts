/**
 * The SQL of a publish's hot path, written once per dialect and key count instead of built by
 * Kysely on every request: building and compiling the 14-row insert (parsing its values,
 * visiting the node tree) cost ~0.08 ms per publish, more than SQLite took to run it. The texts
 * are identical on both dialects but for the placeholders, so SQLite's statement cache and
 * PostgreSQL's named statements (postgres-prepared-client.ts) reuse them. Columns left NULL on
 * insert (the export and revision columns) are not named.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { Dialect } from '../database/database';
import type { ServerTables } from '../database/tables';

export interface ExistingExposure {
  id: number;
  key: string;
  report_type: number;
  revised_report_type: number | null;
  export_batch_id: number | null;
}

export interface NewExposure {
  key: string;
  region: string;
  transmissionRisk: number;
  rollingStart: number;
  rollingPeriod: number;
  reportType: number;
  daysSinceOnset: number | null;
  traveler: number;
  healthAuthorityId: string;
  createdAt: number;
  publishableAt: number;
}

export interface PublishLogEntry {
  createdAt: number;
  day: number;
  keyCount: number;
  onsetToUploadDays: number | null;
  revision: number;
}

const EXPOSURE_COLUMNS =
  'key, region, transmission_risk, rolling_start, rolling_period, report_type, days_since_onset, traveler, ' +
  'health_authority_id, created_at, publishable_at';
const EXPOSURE_COLUMN_COUNT = 11;

type Text = (count: number) => string;

/** `count` placeholders in groups of `width`: "(?, ?), (?, ?)" or "($1, $2), ($3, $4)". */
function placeholders(dialect: Dialect, count: number, width: number): string {
  const groups: string[] = [];
  for (let g = 0; g < count; g++) {
    const row: string[] = [];
    for (let c = 0; c < width; c++) row.push(dialect === 'postgres' ? `$${g * width + c + 1}` : '?');
    groups.push(`(${row.join(', ')})`);
  }
  return groups.join(', ');
}

function memo(build: Text): Text {
  const texts = new Map<number, string>();
  return (count) => {
    let text = texts.get(count);
    if (text === undefined) {
      text = build(count);
      texts.set(count, text);
    }
    return text;
  };
}

interface DialectTexts {
  burnCertificate: string;
  selectExisting: Text;
  insertExposures: Text;
  insertPublishLog: string;
}

function dialectTexts(dialect: Dialect): DialectTexts {
  return {
    // ON CONFLICT DO NOTHING: a replay inserts no row (0 changes) instead of failing the transaction.
    burnCertificate: `insert into used_certificate (jti, expires_at) values ${placeholders(dialect, 1, 2)} on conflict do nothing`,
    selectExisting: memo(
      (n) =>
        'select id, key, report_type, revised_report_type, export_batch_id from exposure where key in ' +
        placeholders(dialect, 1, n),
    ),
    insertExposures: memo(
      (n) => `insert into exposure (${EXPOSURE_COLUMNS}) values ${placeholders(dialect, n, EXPOSURE_COLUMN_COUNT)}`,
    ),
    insertPublishLog:
      'insert into publish_log (created_at, day, key_count, onset_to_upload_days, revision) values ' +
      placeholders(dialect, 1, 5),
  };
}

const TEXTS: Record<Dialect, DialectTexts> = { sqlite: dialectTexts('sqlite'), postgres: dialectTexts('postgres') };

/** Burns the certificate's jti; false if it was already used. */
export async function burnCertificate(
  trx: Transaction<ServerTables>,
  dialect: Dialect,
  jti: string,
  expiresAtMs: number,
): Promise<boolean> {
  const result = await trx.executeQuery(CompiledQuery.raw(TEXTS[dialect].burnCertificate, [jti, expiresAtMs]));
  return Number(result.numAffectedRows ?? 0n) === 1;
}

export async function selectExistingExposures(
  trx: Transaction<ServerTables>,
  dialect: Dialect,
  keys: readonly string[],
): Promise<ExistingExposure[]> {
  const result = await trx.executeQuery<ExistingExposure>(
    CompiledQuery.raw(TEXTS[dialect].selectExisting(keys.length), [...keys]),
  );
  return result.rows;
}

export async function insertExposures(
  trx: Transaction<ServerTables>,
  dialect: Dialect,
  rows: readonly NewExposure[],
): Promise<void> {
  const values: unknown[] = [];
  for (const r of rows) {
    values.push(
      r.key,
      r.region,
      r.transmissionRisk,
      r.rollingStart,
      r.rollingPeriod,
      r.reportType,
      r.daysSinceOnset,
      r.traveler,
      r.healthAuthorityId,
      r.createdAt,
      r.publishableAt,
    );
  }
  await trx.executeQuery(CompiledQuery.raw(TEXTS[dialect].insertExposures(rows.length), values));
}

export async function insertPublishLog(
  trx: Transaction<ServerTables>,
  dialect: Dialect,
  entry: PublishLogEntry,
): Promise<void> {
  const { createdAt, day, keyCount, onsetToUploadDays, revision } = entry;
  await trx.executeQuery(
    CompiledQuery.raw(TEXTS[dialect].insertPublishLog, [createdAt, day, keyCount, onsetToUploadDays, revision]),
  );
}
