/**
 * One export file's content: the keys that arrived at the key server in a time window, for a
 * region, as file `batchNum` of `batchSize`. Field meanings follow TemporaryExposureKeyExport
 * (proto/export.proto); timestamps are Unix seconds.
 */
import { ProtocolError } from '../errors';
import { type DiagnosisKey, validateDiagnosisKey } from '../temporary-exposure-key';

export interface ExportBatch {
  startTimestamp: number;
  endTimestamp: number;
  region: string;
  /** 1-based ordinal of this file within the batch. */
  batchNum: number;
  batchSize: number;
  keys: DiagnosisKey[];
  /** Keys whose status changed since an earlier export (e.g. revoked). */
  revisedKeys?: DiagnosisKey[] | undefined;
}

// int32 on the wire (export.proto batch_num/batch_size).
const INT32_MAX = 0x7fffffff;

/** Checks the invariants of a batch; throws ProtocolError('invalid_export') naming the field. */
export function validateExportBatch(batch: ExportBatch): void {
  const { startTimestamp: start, endTimestamp: end, region, batchNum, batchSize } = batch;
  for (const [name, value] of [
    ['startTimestamp', start],
    ['endTimestamp', end],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new ProtocolError('invalid_export', `${name} must be a non-negative integer of seconds, got ${value}`);
    }
  }
  if (start > end) {
    throw new ProtocolError('invalid_export', `startTimestamp ${start} is after endTimestamp ${end}`);
  }
  assertExportString(region, 'region');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > INT32_MAX) {
    throw new ProtocolError('invalid_export', `batchSize must be a positive int32, got ${batchSize}`);
  }
  if (!Number.isInteger(batchNum) || batchNum < 1 || batchNum > batchSize) {
    throw new ProtocolError('invalid_export', `batchNum must be 1..${batchSize}, got ${batchNum}`);
  }
  validateKeyList(batch.keys, 'keys');
  if (batch.revisedKeys !== undefined) validateKeyList(batch.revisedKeys, 'revisedKeys');
}

// A lone UTF-16 surrogate has no UTF-8 encoding: the protobuf writer would silently replace it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Protobuf `string` fields hold UTF-8: refuse what cannot be encoded exactly. */
export function assertExportString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new ProtocolError('invalid_export', `${what} must be a string`);
  if (LONE_SURROGATE.test(value)) {
    throw new ProtocolError('invalid_export', `${what} contains an unpaired UTF-16 surrogate`);
  }
}

function validateKeyList(keys: DiagnosisKey[], what: string): void {
  if (!Array.isArray(keys)) throw new ProtocolError('invalid_export', `${what} must be an array`);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as DiagnosisKey;
    try {
      validateDiagnosisKey(key, `${what}[${i}]`);
      // The wire type is int32 (export.proto); ENINs stay below 2^31 until the year 42,800.
      if (key.rollingStartIntervalNumber > INT32_MAX) {
        throw new ProtocolError('invalid_export', `${what}[${i}].rollingStartIntervalNumber exceeds int32`);
      }
    } catch (err) {
      if (err instanceof ProtocolError) throw new ProtocolError('invalid_export', err.message, { cause: err });
      throw err;
    }
  }
}

/**
 * Splits a batch into files of at most `maxKeysPerFile` keys (revised keys count too, and
 * follow the keys), numbered 1..n. The Go server's EXPORT_FILE_MAX_RECORDS default is 500,000.
 */
export function splitExportBatch(batch: ExportBatch, maxKeysPerFile: number): ExportBatch[] {
  if (!Number.isInteger(maxKeysPerFile) || maxKeysPerFile < 1) {
    throw new ProtocolError('invalid_argument', `maxKeysPerFile must be a positive integer, got ${maxKeysPerFile}`);
  }
  const revised = batch.revisedKeys ?? [];
  const total = batch.keys.length + revised.length;
  const files = Math.max(1, Math.ceil(total / maxKeysPerFile));
  const out: ExportBatch[] = [];
  for (let f = 0; f < files; f++) {
    const from = f * maxKeysPerFile;
    const to = Math.min(total, from + maxKeysPerFile);
    const keys = batch.keys.slice(Math.min(from, batch.keys.length), Math.min(to, batch.keys.length));
    const revisedKeys = revised.slice(Math.max(0, from - batch.keys.length), Math.max(0, to - batch.keys.length));
    out.push({
      ...batch,
      batchNum: f + 1,
      batchSize: files,
      keys,
      revisedKeys: revisedKeys.length > 0 ? revisedKeys : undefined,
    });
  }
  return out;
}
