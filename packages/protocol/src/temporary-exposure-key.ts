/**
 * Temporary Exposure Keys: 16 random bytes per day, the only secret a phone ever publishes,
 * and only after a positive test. GAEN Cryptography spec v1.2 §"Temporary Exposure Key".
 */
import { assertBytes, assertUint32 } from './bytes';
import type { CryptoBackend } from './crypto/backend';
import { ProtocolError } from './errors';
import { dayStartInterval, TEK_ROLLING_PERIOD } from './interval-number';

export const TEK_LENGTH = 16;

/** Why a key was published; numbering of the export format's ReportType enum. */
export enum ReportType {
  Unknown = 0,
  ConfirmedTest = 1,
  ConfirmedClinicalDiagnosis = 2,
  SelfReport = 3,
  Recursive = 4,
  Revoked = 5,
}

export interface TemporaryExposureKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  /** Number of 10-minute intervals the key is valid, 1..144. */
  rollingPeriod: number;
}

/** A key as published by an F0: with the metadata a key server attaches. */
export interface DiagnosisKey extends TemporaryExposureKey {
  /** 0..8; deprecated in GAEN v2 but still carried by the export format. */
  transmissionRiskLevel: number;
  reportType: ReportType;
  /** Days from symptom onset to the key's day, in [-14, 14]; undefined when unknown. */
  daysSinceOnsetOfSymptoms?: number | undefined;
}

export function generateTemporaryExposureKey(backend: CryptoBackend, enin: number): TemporaryExposureKey {
  return {
    keyData: backend.randomBytes(TEK_LENGTH),
    rollingStartIntervalNumber: dayStartInterval(enin),
    rollingPeriod: TEK_ROLLING_PERIOD,
  };
}

/** Checks the invariants every key must satisfy, wherever it came from. */
export function validateTemporaryExposureKey(key: TemporaryExposureKey, what = 'key'): void {
  assertBytes(key.keyData, `${what}.keyData`);
  if (key.keyData.length !== TEK_LENGTH) {
    throw new ProtocolError('invalid_key', `${what}.keyData must be ${TEK_LENGTH} bytes, got ${key.keyData.length}`);
  }
  assertUint32(key.rollingStartIntervalNumber, `${what}.rollingStartIntervalNumber`);
  if (!Number.isInteger(key.rollingPeriod) || key.rollingPeriod < 1 || key.rollingPeriod > TEK_ROLLING_PERIOD) {
    throw new ProtocolError(
      'invalid_key',
      `${what}.rollingPeriod must be 1..${TEK_ROLLING_PERIOD}, got ${key.rollingPeriod}`,
    );
  }
}

export function validateDiagnosisKey(key: DiagnosisKey, what = 'key'): void {
  validateTemporaryExposureKey(key, what);
  const { transmissionRiskLevel: tr, reportType, daysSinceOnsetOfSymptoms: dsos } = key;
  if (!Number.isInteger(tr) || tr < 0 || tr > 8) {
    throw new ProtocolError('invalid_key', `${what}.transmissionRiskLevel must be 0..8, got ${tr}`);
  }
  if (!Number.isInteger(reportType) || reportType < 0 || reportType > 5) {
    throw new ProtocolError('invalid_key', `${what}.reportType must be 0..5, got ${reportType}`);
  }
  if (dsos !== undefined && (!Number.isInteger(dsos) || dsos < -14 || dsos > 14)) {
    throw new ProtocolError('invalid_key', `${what}.daysSinceOnsetOfSymptoms must be -14..14, got ${dsos}`);
  }
}
