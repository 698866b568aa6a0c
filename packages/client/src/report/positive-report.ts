/**
 * Reporting a positive test, the GAEN verification protocol
 * (google/exposure-notifications-server docs/design/verification_protocol.md):
 *   1. the code from the health authority → /api/verify → a short-lived token (+ test type, dates);
 *   2. the phone releases its keys and computes their HMAC with a fresh random secret;
 *   3. token + HMAC → /api/certificate → a signed certificate that commits to exactly those keys;
 *   4. keys + certificate + the HMAC secret → /v1/publish; the key server recomputes the HMAC.
 * The verification server never sees the keys; the key server never sees the code. A negative
 * result publishes nothing, except to revoke keys this phone published before.
 * Each call is retried (bounded, backoff) on network errors and 5xx; a 4xx ends the report.
 */
import {
  type CryptoBackend,
  exposureKeyHmac,
  intervalNumber,
  type PublishKey,
  type TemporaryExposureKey,
  toBase64,
} from '@bluezone/protocol';
import { ClientError } from '../client-error';
import type { RandomSource } from '../environment';
import type { KeySchedule } from '../key-schedule';
import type { ClientStore } from '../storage/client-store';
import type { KeyServerClient, PublishResult } from './key-server-client';
import { type RetryPolicy, type Sleep, withRetry } from './retry';

/** Where the key server's revision token is kept between reports (it lets a phone revise its upload). */
export const REVISION_TOKEN_SETTING = 'publish.revisionToken';
/** HMAC secrets of 32 random bytes, as the reference apps use (the server requires ≥ 16). */
const HMAC_SECRET_BYTES = 32;

export interface PositiveReporterOptions {
  backend: CryptoBackend;
  random: RandomSource;
  sleep: Sleep;
  keySchedule: KeySchedule;
  client: KeyServerClient;
  store: ClientStore;
  healthAuthorityID: string;
  retry?: RetryPolicy;
  /**
   * Transmission risk sent per key (0..8). EN v2 scores by report type and days since onset
   * instead, so the default is 0 ("unspecified"), as the reference server stores it.
   */
  transmissionRisk?: (key: TemporaryExposureKey) => number;
}

export interface PositiveReportInput {
  /** The verification code the health authority gave the user. */
  code: string;
  /** `YYYY-MM-DD` the user entered; the health authority's date from /api/verify wins. */
  symptomDate?: string;
  traveler?: boolean;
}

export interface PositiveReportResult extends PublishResult {
  testType: string;
  keysPublished: number;
}

export class PositiveReporter {
  constructor(private readonly o: PositiveReporterOptions) {}

  async report(input: PositiveReportInput): Promise<PositiveReportResult> {
    const { o } = this;
    const code = input.code.trim();
    if (!/^[0-9A-Za-z]{6,32}$/.test(code)) {
      throw new ClientError('invalid_argument', 'the verification code must be 6–32 letters or digits');
    }
    const retry = <T>(op: () => Promise<T>) => withRetry(op, o.retry ?? {}, o);
    const verified = await retry(() => o.client.verify(code));

    const revisionToken = (await o.store.getSetting(REVISION_TOKEN_SETTING)) ?? '';
    let released: TemporaryExposureKey[];
    if (verified.testtype === 'negative') {
      // A negative result publishes nothing new. It only revises keys this phone uploaded before
      // (e.g. as 'likely'): the same ended keys, the revision token, a 'negative' certificate —
      // the key server then revokes them (exposure-notifications-server, revision tokens).
      if (revisionToken === '') {
        return { revisionToken: '', insertedExposures: 0, warnings: [], testType: 'negative', keysPublished: 0 };
      }
      released = await o.keySchedule.endedKeys();
    } else {
      released = await o.keySchedule.releaseKeys();
    }
    const keys = released.map(
      (k): PublishKey => ({
        key: toBase64(k.keyData),
        rollingStartNumber: k.rollingStartIntervalNumber,
        rollingPeriod: k.rollingPeriod,
        transmissionRisk: o.transmissionRisk?.(k) ?? 0,
      }),
    );
    if (keys.length === 0) throw new ClientError('no_keys', 'this phone has no keys to publish yet');
    const secret = o.random.bytes(HMAC_SECRET_BYTES);
    const ekeyhmac = exposureKeyHmac(o.backend, keys, secret);
    const certificate = await retry(() => o.client.certificate(verified.token, ekeyhmac));

    const symptomDate = verified.symptomDate ?? input.symptomDate;
    const published = await retry(async () =>
      o.client.publish({
        temporaryExposureKeys: keys,
        healthAuthorityID: o.healthAuthorityID,
        verificationPayload: certificate,
        hmacKey: toBase64(secret),
        symptomOnsetInterval: symptomDate === undefined ? undefined : dateInterval(symptomDate),
        traveler: input.traveler ?? false,
        revisionToken,
      }),
    );
    await o.store.setSetting(REVISION_TOKEN_SETTING, published.revisionToken);
    return { ...published, testType: verified.testtype, keysPublished: keys.length };
  }
}

/** `YYYY-MM-DD` → ENIN of that day's UTC midnight (the reference server's symptomOnsetInterval). */
export function dateInterval(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new ClientError('invalid_argument', `symptom date must be YYYY-MM-DD, got "${date}"`);
  return intervalNumber(ms / 1000);
}
