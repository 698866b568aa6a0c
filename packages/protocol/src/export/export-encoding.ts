/**
 * export.bin: the 16-byte header followed by a TemporaryExposureKeyExport protobuf
 * (proto/export.proto, field numbers of google/exposure-notifications-server). Keys are
 * written sorted by key bytes, as the format requires, so a file reveals nothing about the
 * order in which keys were uploaded.
 */
import { create, isFieldSet, toBinary } from '@bufbuild/protobuf';
import { compareBytes } from '../bytes';
import { ProtocolError } from '../errors';
import {
  SignatureInfoSchema,
  type TemporaryExposureKey,
  TemporaryExposureKeyExportSchema,
  TemporaryExposureKeySchema,
} from '../gen/export_pb';
import type { DiagnosisKey, ReportType } from '../temporary-exposure-key';
import { _decodeExportMessage } from './_protobuf';
import { assertExportString, type ExportBatch, validateExportBatch } from './export-batch';
import { EXPORT_HEADER_BYTES, EXPORT_HEADER_LENGTH, hasExportHeader } from './export-header';
import type { ExportSignatureInfo } from './export-signature';

/** Encodes header + protobuf; validates the batch first and sorts (revised) keys by key bytes. */
export function encodeExportBin(batch: ExportBatch, signatureInfos: ExportSignatureInfo[]): Uint8Array {
  validateExportBatch(batch);
  signatureInfos.forEach((info, i) => {
    assertExportString(info.verificationKeyVersion, `signatureInfos[${i}].verificationKeyVersion`);
    assertExportString(info.verificationKeyId, `signatureInfos[${i}].verificationKeyId`);
    assertExportString(info.signatureAlgorithm, `signatureInfos[${i}].signatureAlgorithm`);
  });
  const message = create(TemporaryExposureKeyExportSchema, {
    startTimestamp: BigInt(batch.startTimestamp),
    endTimestamp: BigInt(batch.endTimestamp),
    region: batch.region,
    batchNum: batch.batchNum,
    batchSize: batch.batchSize,
    signatureInfos: signatureInfos.map((info) => create(SignatureInfoSchema, info)),
    keys: sortByKeyData(batch.keys).map(toProtoKey),
    revisedKeys: sortByKeyData(batch.revisedKeys ?? []).map(toProtoKey),
  });
  const body = toBinary(TemporaryExposureKeyExportSchema, message);
  const bin = new Uint8Array(EXPORT_HEADER_LENGTH + body.length);
  bin.set(EXPORT_HEADER_BYTES, 0);
  bin.set(body, EXPORT_HEADER_LENGTH);
  return bin;
}

/** Parses and validates export.bin; throws ProtocolError('invalid_export') naming what is wrong. */
export function decodeExportBin(bin: Uint8Array): ExportBatch & { signatureInfos: ExportSignatureInfo[] } {
  if (!(bin instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'export.bin must be a Uint8Array');
  if (!hasExportHeader(bin)) {
    throw new ProtocolError('invalid_export', 'export.bin does not start with the header "EK Export v1"');
  }
  const message = _decodeExportMessage(
    TemporaryExposureKeyExportSchema,
    bin.subarray(EXPORT_HEADER_LENGTH),
    'export.bin',
  );
  const batch = {
    startTimestamp: timestampSeconds(message.startTimestamp, 'startTimestamp'),
    endTimestamp: timestampSeconds(message.endTimestamp, 'endTimestamp'),
    region: message.region,
    batchNum: message.batchNum,
    batchSize: message.batchSize,
    signatureInfos: message.signatureInfos.map((s) => ({
      verificationKeyVersion: s.verificationKeyVersion,
      verificationKeyId: s.verificationKeyId,
      signatureAlgorithm: s.signatureAlgorithm,
    })),
    keys: message.keys.map(fromProtoKey),
    ...(message.revisedKeys.length > 0 ? { revisedKeys: message.revisedKeys.map(fromProtoKey) } : {}),
  };
  try {
    validateExportBatch(batch);
  } catch (err) {
    if (err instanceof ProtocolError) {
      throw new ProtocolError('invalid_export', `export.bin: ${err.message}`, { cause: err });
    }
    throw err;
  }
  return batch;
}

function timestampSeconds(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ProtocolError('invalid_export', `export.bin: ${what} ${value} is out of range`);
  }
  return Number(value);
}

/**
 * Message fields are assigned rather than passed to create()'s initializer: same message
 * (an assigned proto2 field is present, an unassigned one absent), half the cost per key.
 */
function toProtoKey(key: DiagnosisKey): TemporaryExposureKey {
  const k = create(TemporaryExposureKeySchema);
  k.keyData = key.keyData;
  k.transmissionRiskLevel = key.transmissionRiskLevel;
  k.rollingStartIntervalNumber = key.rollingStartIntervalNumber;
  k.rollingPeriod = key.rollingPeriod;
  // Absent means UNKNOWN (proto2 default); omitting it keeps files byte-identical to the Go server's.
  if (key.reportType !== 0) k.reportType = key.reportType as number;
  if (key.daysSinceOnsetOfSymptoms !== undefined) k.daysSinceOnsetOfSymptoms = key.daysSinceOnsetOfSymptoms;
  return k;
}

const DSOS_FIELD = TemporaryExposureKeySchema.field.daysSinceOnsetOfSymptoms;

function fromProtoKey(key: TemporaryExposureKey): DiagnosisKey {
  return {
    keyData: key.keyData,
    rollingStartIntervalNumber: key.rollingStartIntervalNumber,
    // proto2 default: an absent rolling_period means 144 (a full day).
    rollingPeriod: key.rollingPeriod,
    transmissionRiskLevel: key.transmissionRiskLevel,
    reportType: key.reportType as number as ReportType,
    daysSinceOnsetOfSymptoms: isFieldSet(key, DSOS_FIELD) ? key.daysSinceOnsetOfSymptoms : undefined,
  };
}

// Sort keys pack a key's first four bytes and its index into one double: 32 + 21 bits < 53.
const INDEX_SPAN = 2 ** 21;

/**
 * Sorts keys by their key bytes (lexicographic), without per-key strings or a comparator call
 * per comparison, which matters at 500,000 keys per file: each key becomes one double
 * (first four bytes, then its index) sorted natively; keys sharing their first four bytes
 * (rare for random TEKs) are then ordered by a full byte comparison.
 */
export function sortByKeyData<K extends { keyData: Uint8Array }>(keys: readonly K[]): K[] {
  return sortKeys(keys, false);
}

/**
 * Keys sorted by key bytes (sortByKeyData) with repeated key bytes dropped, the first of each
 * kept: a file must list a key once, whatever a store holds (a key stored twice under two
 * base64 spellings was listed once per row, and a phone then counted its matches twice).
 */
export function sortUniqueByKeyData<K extends { keyData: Uint8Array }>(keys: readonly K[]): K[] {
  return sortKeys(keys, true);
}

const byKeyData = (a: { keyData: Uint8Array }, b: { keyData: Uint8Array }) => compareBytes(a.keyData, b.keyData);

/**
 * Equal keys have equal first words, so they can only meet inside a run of shared first
 * words: `unique` compares bytes there and nowhere else, which keeps dropping repeats nearly
 * free after the sort. Ties keep input order (index in the packed double, then a stable
 * sort), so the key kept is the earliest in `keys`.
 */
function sortKeys<K extends { keyData: Uint8Array }>(keys: readonly K[], unique: boolean): K[] {
  const n = keys.length;
  if (n > INDEX_SPAN) {
    const all = [...keys].sort(byKeyData);
    return unique ? all.filter((k, i) => i === 0 || byKeyData(all[i - 1] as K, k) !== 0) : all;
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = (keys[i] as K).keyData;
    // Bytes past the end read as 0; ties are resolved below, so short keys still sort right.
    const word = (((k[0] ?? 0) << 24) | ((k[1] ?? 0) << 16) | ((k[2] ?? 0) << 8) | (k[3] ?? 0)) >>> 0;
    packed[i] = word * INDEX_SPAN + i;
  }
  packed.sort();
  const sorted = new Array<K>(n);
  for (let i = 0; i < n; i++) sorted[i] = keys[(packed[i] as number) % INDEX_SPAN] as K;
  // Written in place behind the reader (out <= i): a run is copied out before it is written back.
  let out = 0;
  for (let i = 0; i < n; ) {
    const word = Math.floor((packed[i] as number) / INDEX_SPAN);
    let j = i + 1;
    while (j < n && Math.floor((packed[j] as number) / INDEX_SPAN) === word) j++;
    if (j - i === 1) {
      sorted[out++] = sorted[i] as K;
    } else {
      const run = sorted.slice(i, j).sort(byKeyData);
      for (let r = 0; r < run.length; r++) {
        if (unique && r > 0 && byKeyData(run[r - 1] as K, run[r] as K) === 0) continue;
        sorted[out++] = run[r] as K;
      }
    }
    i = j;
  }
  sorted.length = out;
  return sorted;
}
