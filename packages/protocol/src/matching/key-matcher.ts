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
import { findRpi, mayContain, rpiWord, type SightingIndex } from './sighting-index';
import { createTekKeyDeriver } from './tek-key-derivation';

/** ±2 h in 10-minute intervals. */
export const MATCH_TOLERANCE_INTERVALS = 12;
/** The most padded blocks one key expands to: 144 + 2 × 12. */
export const MAX_RPIS_PER_KEY = TEK_ROLLING_PERIOD + 2 * MATCH_TOLERANCE_INTERVALS;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const TOLERANCE_MS = MATCH_TOLERANCE_INTERVALS * INTERVAL_MS;

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

export interface KeyMatcher {
  /** The key's sightings within tolerance, or undefined when none (the common case). */
  matchKey(key: DiagnosisKey): KeyMatch | undefined;
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
  const deriveAemk = createTekKeyDeriver('EN-AEMK');
  const rpik = new Uint8Array(16);
  // PaddedData per first ENIN: the 12-byte "EN-RPI" prefix never changes, and the keys of an
  // export start on at most 14 distinct days, so each ENIN run is written once, not per key.
  const templates = new Map<number, Uint8Array>();
  const hits = new Int32Array(2 * MAX_RPIS_PER_KEY);
  const stats = { keys: 0, rpis: 0 };
  const { sightings, firstSighting, sightingOrder, filter, filterShift } = index;

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

  function matchKey(key: DiagnosisKey): KeyMatch | undefined {
    // The fields matching reads are checked on every key; the rest only for keys that match
    // (the full check builds messages, too slow for a million keys that mostly miss).
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
    const { first, end } = matchRange(key);
    const count = end - first;
    deriveRpik(keyData, rpik);
    const rpis = backend.aes128Ecb(rpik, paddedData(first, count));
    stats.keys++;
    stats.rpis += count;
    // The Bloom filter of the index, inlined: almost every derived RPI stops here. The first
    // word is read as one int32 (little-endian platforms, aligned output: all real ones).
    let nHits = 0;
    if (LITTLE_ENDIAN && rpis.byteOffset % 4 === 0) {
      const words = new Int32Array(rpis.buffer, rpis.byteOffset, count * 4);
      for (let j = 0; j < count; j++) {
        const word = (words[j << 2] as number) >>> 0;
        const mask = (1 << (word & 31)) | (1 << ((word >>> 5) & 31)) | (1 << ((word >>> 10) & 31));
        if (((filter[word >>> filterShift] as number) & mask) === mask) nHits = probe(rpis, j, nHits);
      }
    } else {
      for (let j = 0; j < count; j++) {
        if (mayContain(index, rpiWord(rpis, j * RPI_LENGTH))) nHits = probe(rpis, j, nHits);
      }
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

  return { matchKey, stats };
}
