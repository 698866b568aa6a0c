/**
 * Test types health staff can issue codes for, and the export ReportType each becomes
 * (google/exposure-notifications-verification-server: confirmed → CONFIRMED_TEST,
 * likely → CONFIRMED_CLINICAL_DIAGNOSIS, negative → REVOKED).
 */
import { ReportType } from '@bluezone/protocol';

export const TEST_TYPES = ['confirmed', 'likely', 'negative'] as const;
export type TestType = (typeof TEST_TYPES)[number];

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
