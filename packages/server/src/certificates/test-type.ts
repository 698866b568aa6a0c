/**
 * Test types health staff can issue codes for, and the export ReportType each becomes
 * (google/exposure-notifications-verification-server: confirmed → CONFIRMED_TEST,
 * likely → CONFIRMED_CLINICAL_DIAGNOSIS, negative → REVOKED).
 */
import { ReportType } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';

export const TEST_TYPES = keyServerApi.TEST_TYPES;
export type TestType = keyServerApi.TestType;

export function reportTypeOf(testType: TestType): ReportType {
  switch (testType) {
    case 'confirmed':
      return ReportType.ConfirmedTest;
    case 'likely':
      return ReportType.ConfirmedClinicalDiagnosis;
    case 'negative':
      return ReportType.Revoked;
  }
}
