/**
 * An index over the phone's own sightings, the small side of matching: a device stores at
 * most 14 days of advertisements it heard (tens of thousands of distinct RPIs), while the
 * published keys expand to hundreds of millions of RPIs. So the sightings are indexed once
 * and every derived RPI is probed against them, never the other way round.
 *
 * Layout (typed arrays, no per-RPI objects): the distinct RPIs, each with the list of
 * sightings that carried it (CSR: `firstSighting[u] … firstSighting[u+1]`), and an
 * open-addressing hash table keyed by the RPI's first 4 bytes (load ≤ 1/4), where a 32-bit
 * prefix hit compares all 16 bytes.
 *
 * In front of the table sits a blocked Bloom filter (Putze, Sanders, Singler 2007): 16 bits
 * per distinct RPI, three bits set in one 32-bit word. Derived RPIs miss 98% of the time, and
 * the filter (64 KB for 32,000 RPIs) stays in the CPU cache while the table (16 bytes per
 * sighting slot) does not: probing the table directly cost a cache miss per derived RPI,
 * more than the AES that produced it.
 */
import type { Sighting } from '../ble-advertisement';
import { validateSighting } from '../ble-advertisement';
import { RPI_LENGTH } from '../rolling-proximity-id';

export interface SightingIndex {
  readonly sightings: readonly Sighting[];
  /** Distinct RPIs, 16 bytes each. */
  readonly rpis: Uint8Array;
  readonly distinctRpis: number;
  /** Sightings of distinct RPI u are `sightingOrder[firstSighting[u] .. firstSighting[u + 1])`, by time. */
  readonly firstSighting: Int32Array;
  readonly sightingOrder: Int32Array;
  /** Hash table: slot → distinct RPI index + 1 (0 = empty), and that RPI's first word. */
  readonly slots: Int32Array;
  readonly slotWords: Uint32Array;
  readonly shift: number;
  /** Blocked Bloom filter over the RPIs' first words (see `mayContain`). */
  readonly filter: Int32Array;
  readonly filterShift: number;
  /** Distinct RPI index of each sighting. */
  readonly distinctOf: Int32Array;
  /** Sighting indices in time order, and their times: the sightings of a time window (`windowFilter`). */
  readonly timeOrder: Int32Array;
  readonly sortedTimesMs: Float64Array;
}

/** Bloom bits of a word: three of 32, from its low 15 bits (RPIs are AES outputs, already uniform). */
export function filterMask(word: number): number {
  return (1 << (word & 31)) | (1 << ((word >>> 5) & 31)) | (1 << ((word >>> 10) & 31));
}

/** False means the RPI whose first word is `word` was certainly not seen. */
export function mayContain(index: SightingIndex, word: number): boolean {
  const mask = filterMask(word);
  return ((index.filter[word >>> index.filterShift] as number) & mask) === mask;
}

/** First 4 bytes of the RPI at `offset`, little-endian: the hash key. */
export function rpiWord(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) |
      ((bytes[offset + 1] as number) << 8) |
      ((bytes[offset + 2] as number) << 16) |
      ((bytes[offset + 3] as number) << 24)) >>>
    0
  );
}

/** Fibonacci hashing: the top bits of word × 2^32/φ, well spread even for structured words. */
export function slotOf(word: number, shift: number): number {
  return Math.imul(word, 0x9e3779b1) >>> shift;
}

function sameRpi(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): boolean {
  for (let i = 0; i < RPI_LENGTH; i++) if (a[aOffset + i] !== b[bOffset + i]) return false;
  return true;
}

/** Validates every sighting (boundary: they come from the BLE scanner's store) and indexes them. */
export function buildSightingIndex(sightings: readonly Sighting[]): SightingIndex {
  for (const s of sightings) validateSighting(s);
  const n = sightings.length;
  let bits = 4;
  while (1 << bits < 4 * n) bits++;
  const shift = 32 - bits;
  const slots = new Int32Array(1 << bits);
  const slotWords = new Uint32Array(1 << bits);
  const mask = (1 << bits) - 1;
  const rpis = new Uint8Array(n * RPI_LENGTH);
  const distinctOf = new Int32Array(n);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const rpi = (sightings[i] as Sighting).rpi;
    const word = rpiWord(rpi, 0);
    let slot = slotOf(word, shift);
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) {
        rpis.set(rpi, distinct * RPI_LENGTH);
        slots[slot] = ++distinct;
        slotWords[slot] = word;
        distinctOf[i] = distinct - 1;
        break;
      }
      if (slotWords[slot] === word && sameRpi(rpis, (entry - 1) * RPI_LENGTH, rpi, 0)) {
        distinctOf[i] = entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const { filter, filterShift } = bloomFilter(distinct, (add) => {
    for (let u = 0; u < distinct; u++) add(rpiWord(rpis, u * RPI_LENGTH));
  });
  // Counting sort of sightings by distinct RPI; each group (a handful of scans of one
  // advertiser's interval) is then put in time order by insertion sort.
  const firstSighting = new Int32Array(distinct + 1);
  for (let i = 0; i < n; i++) {
    const g = (distinctOf[i] as number) + 1;
    firstSighting[g] = (firstSighting[g] as number) + 1;
  }
  for (let u = 0; u < distinct; u++) {
    firstSighting[u + 1] = (firstSighting[u + 1] as number) + (firstSighting[u] as number);
  }
  const fill = firstSighting.slice(0, distinct);
  const sightingOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = distinctOf[i] as number;
    const at = fill[u] as number;
    fill[u] = at + 1;
    let k = at;
    const t = (sightings[i] as Sighting).timeMs;
    while (k > (firstSighting[u] as number) && (sightings[sightingOrder[k - 1] as number] as Sighting).timeMs > t) {
      sightingOrder[k] = sightingOrder[k - 1] as number;
      k--;
    }
    sightingOrder[k] = i;
  }
  const timeOrder = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (sightings[a] as Sighting).timeMs - (sightings[b] as Sighting).timeMs,
  );
  const sortedTimesMs = Float64Array.from(timeOrder, (i) => (sightings[i] as Sighting).timeMs);
  return {
    sightings,
    rpis: rpis.slice(0, distinct * RPI_LENGTH),
    distinctRpis: distinct,
    firstSighting,
    sightingOrder,
    slots,
    slotWords,
    shift,
    filter,
    filterShift,
    distinctOf,
    timeOrder,
    sortedTimesMs,
  };
}

/** A blocked Bloom filter sized for `count` RPIs (16 bits each), filled by `fill`. */
export function bloomFilter(
  count: number,
  fill: (add: (word: number) => void) => void,
): { filter: Int32Array; filterShift: number } {
  let filterBits = 4;
  while (1 << filterBits < count / 2) filterBits++;
  const filter = new Int32Array(1 << filterBits);
  const filterShift = 32 - filterBits;
  fill((word) => {
    const w = word >>> filterShift;
    filter[w] = (filter[w] as number) | filterMask(word);
  });
  return { filter, filterShift };
}

/** Index of the first sorted time ≥ `timeMs`. */
function lowerBound(times: Float64Array, timeMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < timeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The Bloom filter of only the sightings with time in [fromMs, toMs): what one key's RPIs can
 * match, given the ±2 h tolerance. A day of sightings instead of 14 makes the filter small
 * enough for the L1 cache, where the index-wide one costs a cache miss per derived RPI.
 */
export function windowFilter(index: SightingIndex, fromMs: number, toMs: number) {
  const from = lowerBound(index.sortedTimesMs, fromMs);
  const to = lowerBound(index.sortedTimesMs, toMs);
  return bloomFilter(to - from, (add) => {
    for (let k = from; k < to; k++) {
      const u = index.distinctOf[index.timeOrder[k] as number] as number;
      add(rpiWord(index.rpis, u * RPI_LENGTH));
    }
  });
}

/**
 * Looks up the 16-byte RPI at `bytes[offset]`; returns its distinct index or −1.
 * The hot path of matching: called once per derived RPI.
 */
export function findRpi(index: SightingIndex, bytes: Uint8Array, offset: number): number {
  const word = rpiWord(bytes, offset);
  const { slots, slotWords } = index;
  const mask = slots.length - 1;
  let slot = slotOf(word, index.shift);
  for (;;) {
    const entry = slots[slot] as number;
    if (entry === 0) return -1;
    if (slotWords[slot] === word && sameRpi(index.rpis, (entry - 1) * RPI_LENGTH, bytes, offset)) return entry - 1;
    slot = (slot + 1) & mask;
  }
}
