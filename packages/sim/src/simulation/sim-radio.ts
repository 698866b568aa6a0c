/**
 * The simulator's shared BLE medium. Phones advertise through `SimRadioTransport` (the SDK's
 * `BleTransport`); every advertisement gets an id in a registry (RPI || AEM, 20 bytes, and its
 * owner). What each phone hears is logged compactly (time, advertisement id, RSSI: 9 bytes)
 * instead of as objects, because 25,000 phones hear tens of millions of advertisements in two
 * weeks; the log is delivered to the phone's listeners (the SDK's sighting recorder) when the
 * phone needs it, with the original times and RSSIs.
 */
import type { BleTransport, HeardScan, RawSighting, ScanCount, SightingListener } from '@bluezone/client';
import { heardPerSlot, toHex } from '@bluezone/protocol';

const INITIAL = 256;

export class ReceiverLog {
  timeDs = new Int32Array(INITIAL);
  advId = new Int32Array(INITIAL);
  rssi = new Int8Array(INITIAL);
  length = 0;

  push(timeDs: number, advId: number, rssi: number): void {
    if (this.length === this.advId.length) {
      const n = this.length * 2;
      const t = new Int32Array(n);
      t.set(this.timeDs);
      this.timeDs = t;
      const a = new Int32Array(n);
      a.set(this.advId);
      this.advId = a;
      const r = new Int8Array(n);
      r.set(this.rssi);
      this.rssi = r;
    }
    this.timeDs[this.length] = timeDs;
    this.advId[this.length] = advId;
    this.rssi[this.length] = rssi;
    this.length++;
  }
}

export class SimRadio {
  /** Advertisement id → 20 bytes of service data. */
  #payloads = new Uint8Array(20 * 4096);
  #owners = new Int32Array(4096);
  advertisementCount = 0;
  /** Current advertisement id per phone (-1 when not advertising). */
  readonly current: Int32Array;
  readonly logs: (ReceiverLog | undefined)[];
  readingsLogged = 0;

  constructor(
    readonly phones: number,
    readonly startMs: number,
  ) {
    this.current = new Int32Array(phones).fill(-1);
    this.logs = new Array(phones);
  }

  register(phone: number, serviceData: Uint8Array): number {
    const id = this.advertisementCount++;
    if (id === this.#owners.length) {
      const owners = new Int32Array(id * 2);
      owners.set(this.#owners);
      this.#owners = owners;
      const payloads = new Uint8Array(id * 2 * 20);
      payloads.set(this.#payloads);
      this.#payloads = payloads;
    }
    this.#payloads.set(serviceData.subarray(0, 20), id * 20);
    this.#owners[id] = phone;
    this.current[phone] = id;
    return id;
  }

  owner(advId: number): number {
    return this.#owners[advId] as number;
  }

  payload(advId: number): Uint8Array {
    return this.#payloads.subarray(advId * 20, advId * 20 + 20);
  }

  /** `receiver` hears `transmitter`'s current advertisement at `timeMs` with `rssi`. */
  hear(receiver: number, transmitter: number, timeMs: number, rssi: number): void {
    const adv = this.current[transmitter] as number;
    if (adv < 0) return;
    let log = this.logs[receiver];
    if (!log) {
      log = new ReceiverLog();
      this.logs[receiver] = log;
    }
    log.push(Math.round((timeMs - this.startMs) / 100), adv, rssi);
    this.readingsLogged++;
  }

  /** Whether `receiver` ever heard any phone flagged in `owners`. */
  heardAnyOf(receiver: number, owners: Uint8Array): boolean {
    const log = this.logs[receiver];
    if (!log) return false;
    for (let k = 0; k < log.length; k++) if (owners[this.#owners[log.advId[k] as number] as number] === 1) return true;
    return false;
  }

  /**
   * The census of `receiver`'s scans since `sinceMs` (distinct advertisements per scan slot of
   * `scanPeriodMs`), counted as the SDK counts its stored scans (`scanCensusOf`): a sparse check,
   * whose store holds only the scans that can match, still weighs the whole log's crowd.
   */
  census(receiver: number, sinceMs: number, scanPeriodMs: number): ScanCount[] {
    const log = this.logs[receiver];
    if (!log) return [];
    const startMs = this.startMs;
    function* slotted(heard: ReceiverLog) {
      for (let k = 0; k < heard.length; k++) {
        const timeMs = startMs + (heard.timeDs[k] as number) * 100;
        const slotMs = Math.floor(timeMs / scanPeriodMs) * scanPeriodMs;
        if (slotMs >= sinceMs) yield { slotMs, transmitter: heard.advId[k] as number };
      }
    }
    return heardPerSlot(slotted(log));
  }

  /**
   * What `receiver` heard since `sinceMs` as its SDK stores it (one record per advertisement and
   * scan slot of `scanPeriodMs`: strongest RSSI, sum, count), for checks that learn the phone's
   * offset from everything it heard (`heardScans`): a sparse check stores only what can match.
   */
  heardScans(receiver: number, sinceMs: number, scanPeriodMs: number): HeardScan[] {
    const log = this.logs[receiver];
    if (!log) return [];
    const records = new Map<string, HeardScan>();
    for (let k = 0; k < log.length; k++) {
      const timeMs = this.startMs + (log.timeDs[k] as number) * 100;
      const scanTimeMs = Math.floor(timeMs / scanPeriodMs) * scanPeriodMs;
      if (scanTimeMs < sinceMs) continue;
      const adv = log.advId[k] as number;
      const rssi = log.rssi[k] as number;
      const id = `${scanTimeMs} ${adv}`;
      const r = records.get(id);
      if (r) {
        r.rssiMax = Math.max(r.rssiMax, rssi);
        r.rssiSum += rssi;
        r.count++;
      } else {
        records.set(id, {
          scanTimeMs,
          rpi: toHex(this.payload(adv).subarray(0, 16)),
          rssiMax: rssi,
          rssiSum: rssi,
          count: 1,
        });
      }
    }
    return [...records.values()];
  }

  /** The log as the raw sightings a BLE scanner reports; only from owners flagged in `from`, when given. */
  *sightings(receiver: number, from?: Uint8Array): Generator<RawSighting & { serviceData: Uint8Array }> {
    const log = this.logs[receiver];
    if (!log) return;
    for (let k = 0; k < log.length; k++) {
      if (from !== undefined && from[this.#owners[log.advId[k] as number] as number] !== 1) continue;
      yield {
        serviceData: this.payload(log.advId[k] as number),
        rssi: log.rssi[k] as number,
        timeMs: this.startMs + (log.timeDs[k] as number) * 100,
      };
    }
  }
}

/** One phone's `BleTransport` on the simulated medium. */
export class SimRadioTransport implements BleTransport {
  #listeners: SightingListener[] = [];
  running = false;

  constructor(
    readonly radio: SimRadio,
    readonly phone: number,
  ) {}

  async advertise(serviceData: Uint8Array): Promise<void> {
    this.radio.register(this.phone, serviceData);
  }

  onSighting(listener: SightingListener): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.radio.current[this.phone] = -1;
  }

  /** Delivers what this phone heard (from the flagged phones only, when given) to its listeners (the SDK's recorder). */
  deliverLog(from?: Uint8Array): number {
    let n = 0;
    for (const s of this.radio.sightings(this.phone, from)) {
      for (const l of this.#listeners) l(s);
      n++;
    }
    return n;
  }
}
