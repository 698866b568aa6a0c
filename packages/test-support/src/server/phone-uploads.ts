/**
 * Phones uploading their keys to a key server that may fail under them (a database outage, a
 * killed process): each phone runs the whole flow — a health worker issues a code, the phone
 * verifies it, gets a certificate, publishes — and, as a real app does, starts again with a new
 * code when any step fails (a 5xx, a reset connection). For the tests that check that nothing
 * answered 200 is ever lost.
 */
import { randomBytes } from 'node:crypto';
import { ClientError } from '@bluezone/client';
import { INTERVAL_SECONDS, type PublishKey, TEK_ROLLING_PERIOD } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { endpointCaller, type FetchLike } from './endpoint-call';
import { reportAsPhone } from './phone-report';

/** How one phone's upload ended. */
export type UploadOutcome =
  /** The publish answered 200: the server promised to keep these keys. */
  | 'acknowledged'
  /**
   * An earlier attempt committed but its answer was lost (the phone saw an error); the retry
   * was refused because the keys are already on the server.
   */
  | 'already_stored'
  /** Still failing after the disturbance was over and its tries afterwards were used up. */
  | 'gave_up';

export interface PhoneUpload {
  keys: PublishKey[];
  outcome: UploadOutcome;
  /** Attempts that failed (5xx or connection error) before the outcome. */
  failures: number;
  /** Status codes of failed attempts (0: no HTTP answer). */
  failureStatuses: number[];
}

/**
 * Keys of the days before today (already expired, so exportable at once: no embargo), random,
 * one per day.
 */
export function expiredKeys(nowMs: number, count: number): PublishKey[] {
  const today = Math.floor(nowMs / 1000 / INTERVAL_SECONDS / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
  return Array.from({ length: count }, (_, d) => ({
    key: randomBytes(16).toString('base64'),
    rollingStartNumber: today - (d + 1) * TEK_ROLLING_PERIOD,
    rollingPeriod: TEK_ROLLING_PERIOD,
    transmissionRisk: 4,
  }));
}

export interface UploadAsPhoneOptions {
  /** The address phones and health workers use (one server, or a balancer in front of several). */
  baseUrl: string;
  adminKey: string;
  deviceKey: string;
  keys: PublishKey[];
  /**
   * Whether what the test does to the server (a cut database, killed processes) is still going
   * on: until it is over the phone retries without limit, so a loaded machine only makes the
   * test slower — no wall-clock deadline decides the outcome.
   */
  disturbed: () => boolean;
  /** Failed attempts allowed once nothing is disturbed any more (default 10): the server must answer. */
  triesAfterwards?: number;
  /** Pause between failed attempts, ms (a phone backs off; tests keep it short). */
  retryDelayMs?: number;
  /** Told of every failed attempt (its status; 0 when no HTTP answer came). */
  onFailure?: (status: number) => void;
}

/**
 * One phone's upload, retried from the start on every failure until answered — for as long as
 * the test disturbs the server, then `triesAfterwards` more times.
 */
export async function uploadAsPhone(options: UploadAsPhoneOptions): Promise<PhoneUpload> {
  const timedFetch: FetchLike = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const call = endpointCaller(options.baseUrl, timedFetch);
  const failureStatuses: number[] = [];
  const fail = (status: number) => {
    failureStatuses.push(status);
    options.onFailure?.(status);
  };
  const result = (outcome: UploadOutcome): PhoneUpload => ({
    keys: options.keys,
    outcome,
    failures: failureStatuses.length,
    failureStatuses,
  });
  let triesLeft = options.triesAfterwards ?? 10;
  for (;;) {
    try {
      const issued = await call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: options.adminKey });
      if (issued.status === 200) {
        try {
          await reportAsPhone({
            baseUrl: options.baseUrl,
            fetch: timedFetch,
            deviceKey: options.deviceKey,
            code: issued.body.code,
            keys: options.keys,
            hmacKey: randomBytes(16),
          });
          return result('acknowledged');
        } catch (err) {
          const status = err instanceof ClientError && err.code === 'server_rejected' ? (err.status ?? 0) : 0;
          if (status === 400 && (err as ClientError).problemCode === 'nothing_to_revise') {
            return result('already_stored');
          }
          if (status > 0 && status < 500) throw new Error(`upload refused: ${(err as Error).message}`);
          fail(status); // a 5xx, or no answer (network error, an answer that is not the API's)
        }
      } else if (issued.status < 500) {
        throw new Error(`issue refused: ${issued.status} ${JSON.stringify(issued.body)}`);
      } else {
        fail(issued.status);
      }
    } catch (err) {
      if (err instanceof Error && /refused:/.test(err.message)) throw err;
      fail(0); // no answer: reset, refused or timed out
    }
    if (!options.disturbed() && --triesLeft <= 0) return result('gave_up');
    await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 50));
  }
}

/**
 * Runs `phones` uploads with at most `concurrency` at once; `onProgress` is told how many have
 * ended (tests cut databases or kill processes at given points of the load).
 */
export async function runPhoneUploads(
  phones: number,
  concurrency: number,
  upload: (i: number) => Promise<PhoneUpload>,
  onProgress?: (done: number) => void,
): Promise<PhoneUpload[]> {
  const results: PhoneUpload[] = new Array(phones);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < phones; i = next++) {
      results[i] = await upload(i);
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, phones) }, worker));
  return results;
}
