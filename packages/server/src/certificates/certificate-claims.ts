/**
 * What a verification certificate says, shared by the server that issues it (verification/)
 * and the key server that checks it in publish (authorities/authority-certificate.ts): the
 * claims of google/exposure-notifications-verification-server docs/api.md, "certificate".
 */
import { ServerError } from '../http/server-error';
import { TEST_TYPES, type TestType } from './test-type';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    certificate_invalid: true;
    certificate_expired: true;
    certificate_used: true;
  }
}

export interface CertificateClaims {
  jti: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  reportType: TestType;
  /** ENIN of the first interval of the symptom-onset day, when known. */
  symptomOnsetInterval: number | undefined;
  testDateInterval: number | undefined;
  tekmac: string;
}

/** The claims publish uses, checked for type; the signature was verified by the caller. */
export function parseCertificateClaims(payload: Record<string, unknown>): CertificateClaims {
  const { jti, exp, reportType, symptomOnsetInterval, testDateInterval, tekmac } = payload;
  const optionalInt = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
  if (
    typeof jti !== 'string' ||
    typeof exp !== 'number' ||
    typeof tekmac !== 'string' ||
    !TEST_TYPES.includes(reportType as TestType) ||
    !optionalInt(symptomOnsetInterval) ||
    !optionalInt(testDateInterval)
  ) {
    throw new ServerError('certificate_invalid', 401, 'the certificate is missing required claims');
  }
  return {
    jti,
    expiresAt: exp,
    reportType: reportType as TestType,
    symptomOnsetInterval: symptomOnsetInterval as number | undefined,
    testDateInterval: testDateInterval as number | undefined,
    tekmac,
  };
}
