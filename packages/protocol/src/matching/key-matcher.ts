/**
 * Matches one diagnosis key at a time against the sighting index (streaming: the RPIs of
 * all keys are never held at once). Per key, the irreducible work is one HKDF for the RPIK,
 * one AES key schedule and one AES-ECB call over its padded blocks; everything else reuses
 * buffers allocated once per matcher.
 *
 * GAEN Cryptography spec v1.2 §"Rolling Proximity Identifier": a receiver must check that an
 * RPI was seen within ±2 hours of the interval it belongs to, since clocks drift and keys
 * roll at slightly different moments. So each key expands to its rolling period plus 12
 * intervals on each side, and a sighting counts only when its time is within ±2 h of the
 * matching RPI's own interval.
 */
import { decryptMetadata } from '../associated-metadata';
import type { Sighting } from '../ble-advertisement';
import { type BleMetadata, decodeMetadata } from '../ble-metadata';
import type { CryptoBackend } from '../crypto/backend';
import { INTERVAL_SECONDS, TEK_ROLLING_PERIOD } from '../interval-number';
import { RPI_LENGTH, writePaddedData } from '../rolling-proximity-id';
import { type DiagnosisKey, validateDiagnosisKey } from '../temporary-exposure-key';
import { findRpi, type SightingIndex, windowFilter } from './sighting-index';
import { createTekKeyDeriver } from './tek-key-derivation';
import { createTekKeyBatchDeriver, TEK_BATCH_MAX } from './tek-key-simd';

/** ±2 h in 10-minute intervals. */
export const MATCH_TOLERANCE_INTERVALS = 12;
/** The most padded blocks one key expands to: 144 + 2 × 12. */
export const MAX_RPIS_PER_KEY = TEK_ROLLING_PERIOD + 2 * MATCH_TOLERANCE_INTERVALS;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
const TOLERANCE_MS = MATCH_TOLERANCE_INTERVALS * INTERVAL_MS;
/** Distinct key ranges given a filter of their own, per matcher; the rest use the index-wide one. */
const MAX_WINDOW_FILTERS = 256;

export interface MatchedSighting {
  sighting: Sighting;
  /** Interval of the RPI that matched. */
  enin: number;
  /** Decrypted from the AEM with the key's AEMK. */
  metadata: BleMetadata;
}

export interface KeyMatch {
  key: DiagnosisKey;
  /** In time order. */
  sightings: MatchedSighting[];
}

/** Keys `matchBatch` takes at once: RPIKs are derived for the whole batch (four per SIMD lane group). */
export const MATCH_BATCH_SIZE = TEK_BATCH_MAX;

export interface KeyMatcher {
  /** The key's sightings within tolerance, or undefined when none (the common case). */
  matchKey(key: DiagnosisKey): KeyMatch | undefined;
  /** `matchKey` over `keys[0..count)` (at most MATCH_BATCH_SIZE), calling `onMatch` in key order. */
  matchBatch(keys: readonly DiagnosisKey[], count: number, onMatch: (match: KeyMatch) => void): void;
  /** Keys and RPIs processed so far. */
  readonly stats: { keys: number; rpis: number };
}

/** ENIN range [first, end) a key is expanded to, clipped to uint32. */
export function matchRange(key: DiagnosisKey): { first: number; end: number } {
  const first = Math.max(0, key.rollingStartIntervalNumber - MATCH_TOLERANCE_INTERVALS);
  const end = Math.min(0x1_0000_0000, key.rollingStartIntervalNumber + key.rollingPeriod + MATCH_TOLERANCE_INTERVALS);
  return { first, end };
}

/** Whether a sighting at `timeMs` may carry the RPI of interval `enin` (±2 h, start inclusive, end exclusive). */
export function withinTolerance(timeMs: number, enin: number): boolean {
  const start = enin * INTERVAL_MS;
  return timeMs >= start - TOLERANCE_MS && timeMs < start + INTERVAL_MS + TOLERANCE_MS;
}

export function createKeyMatcher(backend: CryptoBackend, index: SightingIndex): KeyMatcher {
  const deriveRpik = createTekKeyDeriver('EN-RPIK');
  const deriveRpiks = createTekKeyBatchDeriver('EN-RPIK');
  const deriveAemk = createTekKeyDeriver('EN-AEMK');
  const rpik = new Uint8Array(16);
  const rpiks = new Uint8Array(16 * MATCH_BATCH_SIZE);
  const rpikViews = Array.from({ length: MATCH_BATCH_SIZE }, (_, k) => rpiks.subarray(k * 16, k * 16 + 16));
  const keyData: Uint8Array[] = new Array(MATCH_BATCH_SIZE);
  const order = new Int32Array(MATCH_BATCH_SIZE);
  const matchesOf: (KeyMatch | undefined)[] = new Array(MATCH_BATCH_SIZE);
  // PaddedData per first ENIN: the 12-byte "EN-RPI" prefix never changes, and the keys of an
  // export start on at most 14 distinct days, so each ENIN run is written once, not per key.
  const templates = new Map<number, Uint8Array>();
  const hits = new Int32Array(2 * MAX_RPIS_PER_KEY);
  const stats = { keys: 0, rpis: 0 };
  const { sightings, firstSighting, sightingOrder } = index;
  // Bloom filters of the sightings each key range can match (±2 h), per distinct range: an
  // export's keys start on a few distinct days, so a handful serve a million keys. Should an
  // export hold many distinct ranges, the index-wide filter is used instead of rebuilding.
  const windowFilters = new Map<number, { filter: Int32Array; filterShift: number }>();
  let windowBuilds = 0;

  function filterFor(first: number, count: number) {
    const id = first * 256 + count;
    let f = windowFilters.get(id);
    if (!f) {
      if (windowBuilds >= MAX_WINDOW_FILTERS) return index;
      windowBuilds++;
      f = windowFilter(
        index,
        (first - MATCH_TOLERANCE_INTERVALS) * INTERVAL_MS,
        (first + count + MATCH_TOLERANCE_INTERVALS) * INTERVAL_MS,
      );
      windowFilters.set(id, f);
    }
    return f;
  }

  function paddedData(first: number, count: number): Uint8Array {
    let padded = templates.get(first);
    if (!padded) {
      if (templates.size >= 64) templates.clear();
      padded = new Uint8Array(MAX_RPIS_PER_KEY * RPI_LENGTH);
      writePaddedData(padded, first, Math.min(MAX_RPIS_PER_KEY, 0x1_0000_0000 - first));
      templates.set(first, padded);
    }
    return count === MAX_RPIS_PER_KEY ? padded : padded.subarray(0, count * RPI_LENGTH);
  }

  /** Checks the fields matching reads; the rest only for keys that match (see `collect`). */
  function checkKey(key: DiagnosisKey): void {
    const { keyData, rollingStartIntervalNumber: rsin, rollingPeriod: rp } = key;
    if (
      !(keyData instanceof Uint8Array) ||
      keyData.length !== 16 ||
      !Number.isInteger(rsin) ||
      rsin < 0 ||
      rsin > 0xffffffff ||
      !(rp >= 1 && rp <= TEK_ROLLING_PERIOD && Number.isInteger(rp))
    ) {
      validateDiagnosisKey(key);
    }
  }

  function matchKey(key: DiagnosisKey): KeyMatch | undefined {
    checkKey(key);
    deriveRpik(key.keyData, rpik);
    return matchDerived(key, rpik);
  }

  function matchBatch(keys: readonly DiagnosisKey[], count: number, onMatch: (match: KeyMatch) => void): void {
    if (count > MATCH_BATCH_SIZE) throw new RangeError(`at most ${MATCH_BATCH_SIZE} keys per batch`);
    for (let k = 0; k < count; k++) {
      const key = keys[k] as DiagnosisKey;
      checkKey(key);
      keyData[k] = key.keyData;
    }
    if (deriveRpiks) deriveRpiks.derive(keyData, count, rpiks);
    else for (let k = 0; k < count; k++) deriveRpik(keyData[k] as Uint8Array, rpikViews[k] as Uint8Array);
    // Keys of one start interval in a row: they share a Bloom filter, which then stays in the
    // CPU cache instead of 14 days' filters taking turns (exports sort keys by their bytes).
    for (let k = 0; k < count; k++) order[k] = k;
    const byStart = order.subarray(0, count);
    byStart.sort(
      (a, b) =>
        (keys[a] as DiagnosisKey).rollingStartIntervalNumber - (keys[b] as DiagnosisKey).rollingStartIntervalNumber,
    );
    let found = 0;
    for (let i = 0; i < count; i++) {
      const k = byStart[i] as number;
      const match = matchDerived(keys[k] as DiagnosisKey, rpikViews[k] as Uint8Array);
      if (match) {
        matchesOf[k] = match;
        found++;
      }
    }
    if (found === 0) return;
    for (let k = 0; k < count; k++) {
      const match = matchesOf[k];
      if (match) {
        matchesOf[k] = undefined;
        onMatch(match);
      }
    }
  }

  /** The key's RPIs under `rpik`, through the Bloom filter, then exact lookups. */
  function matchDerived(key: DiagnosisKey, rpik: Uint8Array): KeyMatch | undefined {
    const { first, end } = matchRange(key);
    const count = end - first;
    const rpis = backend.aes128Ecb(rpik, paddedData(first, count));
    stats.keys++;
    stats.rpis += count;
    // The Bloom filter of the key's range: almost every derived RPI stops here. The first word
    // is read byte by byte (a typed-array view per key would be garbage, and with a phone's
    // sightings in the heap every collection costs more than the four loads) and kept int32,
    // unlike `rpiWord`: a uint32 above 2^31 would push V8 to doubles in this loop.
    let nHits = 0;
    const { filter, filterShift } = filterFor(first, count);
    for (let j = 0; j < count; j++) {
      const o = j << 4;
      const word =
        (rpis[o] as number) |
        ((rpis[o + 1] as number) << 8) |
        ((rpis[o + 2] as number) << 16) |
        ((rpis[o + 3] as number) << 24);
      // `filterMask`, written out: calling it here measured 5-10 % slower on the million-key bench.
      const mask = (1 << (word & 31)) | (1 << ((word >>> 5) & 31)) | (1 << ((word >>> 10) & 31));
      if (((filter[word >>> filterShift] as number) & mask) === mask) nHits = probe(rpis, j, nHits);
    }
    if (nHits === 0) return undefined;
    return collect(key, first, rpis, nHits);
  }

  /** Bloom-filter candidate j: exact lookup; records a hit. */
  function probe(rpis: Uint8Array, j: number, nHits: number): number {
    const u = findRpi(index, rpis, j * RPI_LENGTH);
    if (u < 0) return nHits;
    hits[nHits] = j;
    hits[nHits + 1] = u;
    return nHits + 2;
  }

  // Off the hot path: only keys with a 16-byte RPI hit get here.
  function collect(key: DiagnosisKey, first: number, rpis: Uint8Array, nHits: number): KeyMatch | undefined {
    validateDiagnosisKey(key);
    const aemk = new Uint8Array(16);
    deriveAemk(key.keyData, aemk);
    const matched: MatchedSighting[] = [];
    for (let h = 0; h < nHits; h += 2) {
      const j = hits[h] as number;
      const u = hits[h + 1] as number;
      const enin = first + j;
      const rpi = rpis.slice(j * RPI_LENGTH, (j + 1) * RPI_LENGTH);
      for (let k = firstSighting[u] as number; k < (firstSighting[u + 1] as number); k++) {
        const sighting = sightings[sightingOrder[k] as number] as Sighting;
        if (!withinTolerance(sighting.timeMs, enin)) continue;
        const metadata = decodeMetadata(decryptMetadata(backend, aemk, rpi, sighting.aem));
        matched.push({ sighting, enin, metadata });
      }
    }
    if (matched.length === 0) return undefined;
    matched.sort((a, b) => a.sighting.timeMs - b.sighting.timeMs);
    return { key, sightings: matched };
  }

  return { matchKey, matchBatch, stats };
}
