/**
 * The exposure key HMAC ("tekmac"): what binds a health authority's verification certificate to
 * the keys a phone publishes. The phone computes it with a random secret and sends it to the
 * verification server as `ekeyhmac` (google/exposure-notifications-verification-server
 * docs/api.md, /api/certificate), which signs it into the certificate; the phone then sends the
 * keys, the certificate and the secret (`hmacKey`) to the key server's /v1/publish, and the key
 * server recomputes the HMAC over the keys it received.
 *
 * Algorithm: google/exposure-notifications-server docs/design/verification_protocol.md and its
 * reference code pkg/verification/utils.go (CalculateExposureKeyHMAC), to which the
 * verification server's docs point app authors:
 *   sort the keys by their base64 text (Go strings.Compare: byte order); per key
 *   `key.rollingStartNumber.rollingPeriod.transmissionRisk`; join with ","; HMAC-SHA256 under the
 *   secret; the MAC travels as standard padded base64.
 * The short form without `.transmissionRisk` is also accepted when every key's transmission
 * risk is 0 (CalculateAllAllowedExposureKeyHMAC: v1.5+ apps omit a zero risk).
 *
 * The HMAC primitive comes from a CryptoBackend: phones pass the portable one, the key server
 * passes node:crypto's, which it calls on every publish.
 */
import { equalBytes, fromBase64, toBase64, utf8 } from '../bytes';
import type { CryptoBackend } from '../crypto/backend';
import { ProtocolError } from '../errors';

/** A key as /v1/publish carries it (exposure-notifications-server pkg/api/v1 ExposureKey). */
export interface PublishKey {
  /** Standard padded base64 of the 16 key bytes. */
  key: string;
  rollingStartNumber: number;
  rollingPeriod: number;
  transmissionRisk: number;
}

export interface ExposureKeyHmacOptions {
  /** false gives the short form (no `.transmissionRisk`), valid only when every risk is 0. */
  withTransmissionRisk?: boolean;
}

/** The cleartext the HMAC is computed over. */
export function exposureKeyHmacMessage(keys: readonly PublishKey[], options: ExposureKeyHmacOptions = {}): string {
  if (keys.length === 0) throw new ProtocolError('no_keys', 'cannot calculate an HMAC over no keys');
  const line =
    (options.withTransmissionRisk ?? true)
      ? (k: PublishKey) => `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}.${k.transmissionRisk}`
      : (k: PublishKey) => `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}`;
  // Base64 is ASCII, so UTF-16 code-unit order is Go's byte order. Equal keys (which the key
  // server refuses) are ordered by their whole line, so the message never depends on input order.
  return [...keys]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : cmp(line(a), line(b))))
    .map(line)
    .join(',');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** base64(HMAC-SHA256(secret, message)): the phone's `ekeyhmac`, the certificate's `tekmac`. */
export function exposureKeyHmac(
  crypto: Pick<CryptoBackend, 'hmacSha256'>,
  keys: readonly PublishKey[],
  secret: Uint8Array,
  options: ExposureKeyHmacOptions = {},
): string {
  return toBase64(crypto.hmacSha256(secret, utf8.encode(exposureKeyHmacMessage(keys, options))));
}

/**
 * Whether `mac` (base64, from the certificate) is the HMAC of `keys` under `secret` in any
 * allowed form. Constant-time per form, and every allowed form is computed whatever the first
 * gives, so timing does not tell which matched. Like Google's key server (pkg/base64util
 * DecodeString), the MAC may come padded or not, in the standard or the URL-safe alphabet;
 * anything else matches nothing.
 */
export function exposureKeyHmacMatches(
  crypto: Pick<CryptoBackend, 'hmacSha256'>,
  keys: readonly PublishKey[],
  secret: Uint8Array,
  mac: string,
): boolean {
  let expected: Uint8Array;
  try {
    const bare = mac.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    expected = fromBase64(bare + '='.repeat((4 - (bare.length % 4)) % 4), 'tekmac');
  } catch {
    return false;
  }
  const forms = keys.every((k) => k.transmissionRisk === 0) ? [true, false] : [true];
  let ok = false;
  for (const withTransmissionRisk of forms) {
    const actual = crypto.hmacSha256(secret, utf8.encode(exposureKeyHmacMessage(keys, { withTransmissionRisk })));
    ok = equalBytes(actual, expected) || ok;
  }
  return ok;
}
