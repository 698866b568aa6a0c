/**
 * An in-memory radio: the simplest shared medium for tests and the simulator. Every running
 * transport's current advertisement is heard by every other running transport when `scan()` is
 * called, at an RSSI the caller's propagation model decides (undefined = out of range). The
 * simulator drives `scan()` on its own clock with its fitted path-loss model.
 */
import type { Clock } from '@bluezone/protocol';
import type { RandomSource } from '../environment';
import type { BleTransport, SightingListener } from './ble-transport';

/** RSSI in dBm at which `receiver` hears `advertiser`, or undefined when it does not. */
export type PropagationModel = (advertiser: string, receiver: string, timeMs: number) => number | undefined;

export class MemoryRadio {
  readonly #transports = new Map<string, MemoryRadioTransport>();
  readonly #propagation: PropagationModel;

  constructor(
    readonly deps: { clock: Clock; random: RandomSource },
    propagation: PropagationModel = () => -60,
  ) {
    this.#propagation = propagation;
  }

  /** The transport of device `deviceId` (one per device). */
  transport(deviceId: string): MemoryRadioTransport {
    let t = this.#transports.get(deviceId);
    if (t === undefined) {
      t = new MemoryRadioTransport(deviceId, this.deps.random);
      this.#transports.set(deviceId, t);
    }
    return t;
  }

  /** One scan by every running receiver; returns the number of sightings delivered. */
  scan(receivers?: Iterable<string>): number {
    const timeMs = this.deps.clock.now();
    const advertisers = [...this.#transports.values()].filter((t) => t.running && t.serviceData !== undefined);
    let delivered = 0;
    const ids = receivers ?? this.#transports.keys();
    for (const id of ids) {
      const receiver = this.#transports.get(id);
      if (receiver === undefined || !receiver.running) continue;
      for (const advertiser of advertisers) {
        if (advertiser === receiver) continue;
        const rssi = this.#propagation(advertiser.deviceId, receiver.deviceId, timeMs);
        if (rssi === undefined) continue;
        receiver.deliver({ serviceData: advertiser.serviceData as Uint8Array, rssi, timeMs });
        delivered++;
      }
    }
    return delivered;
  }
}

export class MemoryRadioTransport implements BleTransport {
  running = false;
  serviceData: Uint8Array | undefined;
  /** The current random BLE address (hex); changes with every advertisement. */
  address = '';
  /** Battery-relevant counts: advertisements started and sightings heard. */
  readonly stats = { advertisements: 0, sightings: 0 };
  readonly #listeners = new Set<SightingListener>();

  constructor(
    readonly deviceId: string,
    private readonly random: RandomSource,
  ) {}

  async advertise(serviceData: Uint8Array): Promise<void> {
    this.serviceData = serviceData.slice();
    // Bluetooth Core spec Vol 6 Part B §1.3.2.1: a static random address has its top two bits set.
    const a = this.random.bytes(6);
    a[0] = ((a[0] as number) | 0xc0) & 0xff;
    this.address = [...a].map((b) => b.toString(16).padStart(2, '0')).join(':');
    this.stats.advertisements++;
  }

  onSighting(listener: SightingListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  deliver(sighting: Parameters<SightingListener>[0]): void {
    this.stats.sightings++;
    for (const l of this.#listeners) l(sighting);
  }
}
