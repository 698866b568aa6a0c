/**
 * Decoy uploads, so that a network observer cannot tell a phone that reports a positive test
 * from one that does not (GAEN verification protocol: "clients should send regular chaff
 * requests"). Every phone sends, at random exponentially-distributed times, the same three
 * calls a real report makes — verify, certificate, publish — marked `X-Chaff: 1` so the servers
 * store nothing, with bodies of the same shape and padded size as a real report's.
 */
import {
  type Clock,
  dayStartInterval,
  intervalNumber,
  TEK_LENGTH,
  TEK_ROLLING_PERIOD,
  toBase64,
} from '@bluezone/protocol';
import type { RandomSource } from '../environment';
import type { ClientStore } from '../storage/client-store';
import type { KeyServerClient } from './key-server-client';

export const NEXT_DECOY_SETTING = 'decoy.nextAtMs';
const HOUR_MS = 3_600_000;

export interface DecoyTrafficOptions {
  client: KeyServerClient;
  store: ClientStore;
  clock: Clock;
  random: RandomSource;
  healthAuthorityID: string;
  /** Mean time between decoy reports; default 24 hours. */
  meanIntervalMs?: number;
  /** Shortest gap; default 1 hour. */
  minIntervalMs?: number;
}

export class DecoyTraffic {
  readonly stats = { sent: 0, failed: 0 };
  constructor(private readonly o: DecoyTrafficOptions) {}

  /** Sends a decoy report when one is due, then schedules the next. Call it from a periodic task. */
  async runIfDue(): Promise<boolean> {
    const now = this.o.clock.now();
    const next = await this.o.store.getSetting(NEXT_DECOY_SETTING);
    if (next === undefined) {
      await this.#schedule(now);
      return false;
    }
    if (now < Number(next)) return false;
    await this.#schedule(now);
    await this.send();
    return true;
  }

  /** One decoy report: the three calls, failures counted and swallowed (a decoy never bothers the user). */
  async send(): Promise<void> {
    const { client, random } = this.o;
    const b64 = (n: number) => toBase64(random.bytes(n));
    try {
      await client.verify(String(Math.floor(random.float() * 1e8)).padStart(8, '0'), { chaff: true });
      await client.certificate(b64(300), b64(32), { chaff: true });
      const today = dayStartInterval(intervalNumber(this.o.clock.now() / 1000));
      await client.publish(
        {
          temporaryExposureKeys: Array.from({ length: 14 }, (_, i) => ({
            key: b64(TEK_LENGTH),
            rollingStartNumber: today - (13 - i) * TEK_ROLLING_PERIOD,
            rollingPeriod: TEK_ROLLING_PERIOD,
            transmissionRisk: 0,
          })),
          healthAuthorityID: this.o.healthAuthorityID,
          verificationPayload: b64(450),
          hmacKey: b64(32),
          symptomOnsetInterval: today - 3 * TEK_ROLLING_PERIOD,
          traveler: false,
          revisionToken: '',
        },
        { chaff: true },
      );
      this.stats.sent++;
    } catch {
      this.stats.failed++;
    }
  }

  async #schedule(now: number): Promise<void> {
    const mean = this.o.meanIntervalMs ?? 24 * HOUR_MS;
    const min = this.o.minIntervalMs ?? HOUR_MS;
    // Exponential gaps: a Poisson process, so the time since the last decoy predicts nothing.
    const gap = Math.max(min, Math.round(-Math.log(1 - this.o.random.float()) * mean));
    await this.o.store.setSetting(NEXT_DECOY_SETTING, String(now + gap));
  }
}
