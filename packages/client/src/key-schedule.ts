/**
 * The advertiser's side of GAEN: one Temporary Exposure Key per UTC day, and the Rolling
 * Proximity Identifier + Associated Encrypted Metadata currently broadcast.
 *
 * GAEN Cryptography spec v1.2: a TEK is valid for TEKRollingPeriod = 144 intervals (one day) and
 * kept 14 days. GAEN Bluetooth spec v1.2 §"Advertising": the RPI changes together with the
 * random BLE address, at a randomized period (more than 10 and less than 20 minutes), so an
 * observer cannot link two RPIs through an address that outlived one of them. Here: each
 * rotation is 10 minutes plus a random offset in [0, maxRotationOffsetMs), and `onRotate` is the
 * address-change hook the BLE layer uses to change address and payload in one step.
 */
import {
  associatedMetadataKey,
  type BleMetadata,
  type Clock,
  type CryptoBackend,
  dayStartInterval,
  encodeMetadata,
  encodeServiceData,
  encryptMetadata,
  INTERVAL_SECONDS,
  intervalNumber,
  rollingProximityId,
  rollingProximityIdKey,
  TEK_LENGTH,
  TEK_ROLLING_PERIOD,
  type TemporaryExposureKey,
} from '@bluezone/protocol';
import type { RandomSource } from './environment';
import { phoneCalibration } from './phone-calibration';
import type { ClientStore } from './storage/client-store';

export const KEY_RETENTION_DAYS = 14;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
const DEFAULT_MAX_ROTATION_OFFSET_MS = 10 * 60_000;

export interface Advertisement {
  rpi: Uint8Array;
  aem: Uint8Array;
  /** RPI || AEM, the 20 bytes of 0xFD6F service data. */
  serviceData: Uint8Array;
  /** The ENIntervalNumber the RPI was derived for. */
  enin: number;
  startedAtMs: number;
  /** When the next rotation is due (RPI and BLE address change together). */
  rotateAtMs: number;
}

export interface KeyScheduleOptions {
  backend: CryptoBackend;
  store: ClientStore;
  clock: Clock;
  random: RandomSource;
  /**
   * Version, calibration confidence and TX power this phone puts in every AEM: fixed, or asked
   * for at each rotation (BluezoneClient's reads what `fetchCalibration` stored). Absent: the
   * list's medians with no confidence.
   */
  metadata?: BleMetadata | (() => Promise<BleMetadata>);
  /** Default 10 minutes, making every RPI last 10–20 minutes as the Bluetooth spec asks. */
  maxRotationOffsetMs?: number;
  /** Address-change hook: called with each new advertisement, before it is returned. */
  onRotate?: (advertisement: Advertisement) => void | Promise<void>;
}

interface DerivedKey {
  key: TemporaryExposureKey;
  rpik: Uint8Array;
  aemk: Uint8Array;
}

export class KeySchedule {
  readonly #o: KeyScheduleOptions;
  readonly #metadata: Uint8Array | (() => Promise<BleMetadata>);
  #current: DerivedKey | undefined;
  #advertisement: Advertisement | undefined;

  constructor(options: KeyScheduleOptions) {
    this.#o = options;
    const m = options.metadata ?? phoneCalibration(undefined, undefined).metadata;
    this.#metadata = typeof m === 'function' ? m : encodeMetadata(m);
  }

  /** The key covering the current interval, created (and stored) on first use of a day. */
  async currentKey(): Promise<TemporaryExposureKey> {
    return (await this.#currentDerived(intervalNumber(this.#o.clock.now() / 1000))).key;
  }

  /** What to broadcast now; rotates (and calls `onRotate`) once the current RPI's time is up. */
  async advertisement(): Promise<Advertisement> {
    const now = this.#o.clock.now();
    if (this.#advertisement !== undefined && now < this.#advertisement.rotateAtMs) return this.#advertisement;
    return this.rotate();
  }

  /** Forces a new RPI (and BLE address) now, e.g. after the key was released. */
  async rotate(): Promise<Advertisement> {
    const now = this.#o.clock.now();
    const enin = intervalNumber(now / 1000);
    const { backend } = this.#o;
    const { rpik, aemk } = await this.#currentDerived(enin);
    const rpi = rollingProximityId(backend, rpik, enin);
    const metadata = typeof this.#metadata === 'function' ? encodeMetadata(await this.#metadata()) : this.#metadata;
    const aem = encryptMetadata(backend, aemk, rpi, metadata);
    const maxOffset = this.#o.maxRotationOffsetMs ?? DEFAULT_MAX_ROTATION_OFFSET_MS;
    const advertisement: Advertisement = {
      rpi,
      aem,
      serviceData: encodeServiceData({ rpi, aem }),
      enin,
      startedAtMs: now,
      rotateAtMs: now + INTERVAL_MS + Math.floor(this.#o.random.float() * maxOffset),
    };
    this.#advertisement = advertisement;
    await this.#o.onRotate?.(advertisement);
    return advertisement;
  }

  /**
   * The keys a positive report would publish now, without publishing: every key of the last 14
   * days, and today's cut at the current interval (none in a day's first interval, before any of
   * it has finished). The report screen's review shows exactly these.
   */
  async releasableKeys(): Promise<TemporaryExposureKey[]> {
    const enin = intervalNumber(this.#o.clock.now() / 1000);
    await this.prune();
    const { key } = await this.#currentDerived(enin);
    const keys = (await this.#o.store.listKeys()).filter(
      (k) => k.rollingStartIntervalNumber < key.rollingStartIntervalNumber,
    );
    if (enin > key.rollingStartIntervalNumber) keys.push(cutAt(key, enin));
    return keys;
  }

  /**
   * The keys to publish after a positive test (`releasableKeys`). Today's key is released too
   * (GAEN v1.5 same-day release) but cut at the current interval, and a fresh key replaces it for
   * the rest of the day, so the published key never matches a later RPI.
   */
  async releaseKeys(): Promise<TemporaryExposureKey[]> {
    const enin = intervalNumber(this.#o.clock.now() / 1000);
    const keys = await this.releasableKeys();
    const { key } = await this.#currentDerived(enin);
    if (enin > key.rollingStartIntervalNumber) {
      await this.#o.store.putKey(cutAt(key, enin));
    } else {
      // No interval of the current key has finished: nothing to publish, and it must not stay.
      await this.#o.store.deleteKey(key.keyData);
    }
    this.#current = this.#derive(this.#newKey(enin, false));
    await this.#o.store.putKey(this.#current.key);
    await this.rotate();
    return keys;
  }

  /** Stored keys whose validity has ended (the ones a revision can name), oldest first. */
  async endedKeys(): Promise<TemporaryExposureKey[]> {
    const enin = intervalNumber(this.#o.clock.now() / 1000);
    await this.prune();
    return (await this.#o.store.listKeys()).filter((k) => k.rollingStartIntervalNumber + k.rollingPeriod <= enin);
  }

  /** Deletes keys older than 14 days; returns how many. */
  prune(): Promise<number> {
    const enin = intervalNumber(this.#o.clock.now() / 1000);
    return this.#o.store.deleteKeysEndingBefore(dayStartInterval(enin) - (KEY_RETENTION_DAYS - 1) * TEK_ROLLING_PERIOD);
  }

  async #currentDerived(enin: number): Promise<DerivedKey> {
    const c = this.#current;
    if (c !== undefined && covers(c.key, enin)) return c;
    const stored = (await this.#o.store.listKeys()).filter((k) => covers(k, enin));
    const key = stored.at(-1) ?? this.#newKey(enin, true);
    if (stored.length === 0) {
      await this.#o.store.putKey(key);
      await this.prune();
    }
    this.#current = this.#derive(key);
    return this.#current;
  }

  /**
   * A key to the end of `enin`'s UTC day (GAEN keys never cross midnight): the whole day, as
   * GAEN phones generate them, or from `enin` on when it replaces a key released today.
   */
  #newKey(enin: number, wholeDay: boolean): TemporaryExposureKey {
    const dayStart = dayStartInterval(enin);
    const start = wholeDay ? dayStart : enin;
    return {
      keyData: this.#o.random.bytes(TEK_LENGTH),
      rollingStartIntervalNumber: start,
      rollingPeriod: dayStart + TEK_ROLLING_PERIOD - start,
    };
  }

  #derive(key: TemporaryExposureKey): DerivedKey {
    const { backend } = this.#o;
    return {
      key,
      rpik: rollingProximityIdKey(backend, key.keyData),
      aemk: associatedMetadataKey(backend, key.keyData),
    };
  }
}

/** The key ended at the start of `enin` (its intervals before `enin`). */
function cutAt(key: TemporaryExposureKey, enin: number): TemporaryExposureKey {
  return { ...key, rollingPeriod: enin - key.rollingStartIntervalNumber };
}

function covers(key: TemporaryExposureKey, enin: number): boolean {
  return key.rollingStartIntervalNumber <= enin && enin < key.rollingStartIntervalNumber + key.rollingPeriod;
}
