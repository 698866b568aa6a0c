/**
 * export.bin: the 16-byte header followed by a TemporaryExposureKeyExport protobuf
 * (proto/export.proto, field numbers of google/exposure-notifications-server). Keys are
 * written sorted by key bytes, as the format requires, so a file reveals nothing about the
 * order in which keys were uploaded.
 */
import { create, isFieldSet, toBinary } from '@bufbuild/protobuf';
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

/**
 * Sorts keys by their 16 key bytes. Every key was validated to be 16 bytes, so each is packed
 * into four big-endian uint32 words once and the sort compares words: no per-key strings,
 * which matters at 500,000 keys per file.
 */
export function sortByKeyData(keys: readonly DiagnosisKey[]): DiagnosisKey[] {
  const n = keys.length;
  const words = new Uint32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const k = (keys[i] as DiagnosisKey).keyData;
    for (let w = 0; w < 4; w++) {
      const o = 4 * w;
      words[4 * i + w] =
        (((k[o] as number) << 24) |
          ((k[o + 1] as number) << 16) |
          ((k[o + 2] as number) << 8) |
          (k[o + 3] as number)) >>>
        0;
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const x = 4 * a;
    const y = 4 * b;
    return (
      (words[x] as number) - (words[y] as number) ||
      (words[x + 1] as number) - (words[y + 1] as number) ||
      (words[x + 2] as number) - (words[y + 2] as number) ||
      (words[x + 3] as number) - (words[y + 3] as number)
    );
  });
  const sorted = new Array<DiagnosisKey>(n);
  for (let i = 0; i < n; i++) sorted[i] = keys[order[i] as number] as DiagnosisKey;
  return sorted;
}
