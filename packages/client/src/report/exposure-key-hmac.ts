/**
 * The HMAC that binds a verification certificate to the keys a phone will publish ("tekmac",
 * sent as `ekeyhmac` to /api/certificate). Algorithm of google/exposure-notifications-server
 * `pkg/verification/utils.go` CalculateExposureKeyHMAC, which the verification server's
 * docs/api.md points app authors to:
 *   sort the keys by their base64 text; per key `key.rollingStartNumber.rollingPeriod.transmissionRisk`;
 *   join with ","; HMAC-SHA256 with the phone's random secret; send the MAC base64-encoded.
 * The key server recomputes it from the published keys and the `hmacKey` in /v1/publish.
 */
import { type CryptoBackend, toBase64, utf8 } from '@bluezone/protocol';
import { ClientError } from '../client-error';

/** A key as /v1/publish carries it (exposure-notifications-server pkg/api/v1 ExposureKey). */
export interface PublishKey {
  /** Standard padded base64 of the 16 key bytes. */
  key: string;
  rollingStartNumber: number;
  rollingPeriod: number;
  transmissionRisk: number;
}

/** The cleartext the HMAC is computed over. */
export function exposureKeyHmacMessage(keys: readonly PublishKey[]): string {
  if (keys.length === 0) throw new ClientError('no_keys', 'cannot calculate an HMAC over no keys');
  // Go's strings.Compare is byte order; base64 is ASCII, so UTF-16 code-unit order is the same.
  return [...keys]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((k) => `${k.key}.${k.rollingStartNumber}.${k.rollingPeriod}.${k.transmissionRisk}`)
    .join(',');
}

/** base64(HMAC-SHA256(secret, message)), the `ekeyhmac` value. */
export function exposureKeyHmac(backend: CryptoBackend, keys: readonly PublishKey[], secret: Uint8Array): string {
  return toBase64(backend.hmacSha256(secret, utf8.encode(exposureKeyHmacMessage(keys))));
}
