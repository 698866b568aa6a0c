/**
 * `tekmac`: the HMAC that binds a certificate to the keys it may publish. The phone computes
 * it before asking for a certificate (as `ekeyhmac`); the key server recomputes it over the
 * keys it receives. google/exposure-notifications-verification-server docs/design: each key
 * becomes `base64(key).rollingStartIntervalNumber.rollingPeriod[.transmissionRisk]`, the
 * lines are sorted and joined with `,`, and HMAC-SHA256'd under the phone's random hmacKey.
 * The canonical form includes transmissionRisk (pkg/verification/utils.go CalculateExposureKeyHMAC);
 * the short form is accepted only when every key's transmissionRisk is 0, as Google's
 * CalculateAllAllowedExposureKeyHMAC does for v1.5+ apps that drop a zero risk.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TekmacKey {
  key: string;
  rollingStartNumber: number;
  rollingPeriod: number;
  transmissionRisk: number;
}

export function computeTekmac(hmacKey: Uint8Array, keys: readonly TekmacKey[], withTransmissionRisk = true): string {
  const lines = keys
    .map((k) =>
      withTransmissionRisk
        ? `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}.${k.transmissionRisk}`
        : `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}`,
    )
    .sort();
  return createHmac('sha256', hmacKey).update(lines.join(',')).digest('base64');
}

/** Constant-time check of the certificate's `tekmac` against the submitted keys, in each allowed form. */
export function tekmacMatches(hmacKey: Uint8Array, keys: readonly TekmacKey[], tekmac: string): boolean {
  const expected = Buffer.from(tekmac, 'base64');
  const forms = keys.every((k) => k.transmissionRisk === 0) ? [true, false] : [true];
  let ok = false;
  for (const withTr of forms) {
    const actual = Buffer.from(computeTekmac(hmacKey, keys, withTr), 'base64');
    // Evaluate both forms whatever the first gives, so timing does not tell which matched.
    ok = (actual.length === expected.length && timingSafeEqual(actual, expected)) || ok;
  }
  return ok;
}
