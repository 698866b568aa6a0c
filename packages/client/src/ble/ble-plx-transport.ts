/**
 * `BleTransport` on a phone: scanning through react-native-ble-plx, advertising through a
 * separate `BleAdvertiser`, because ble-plx is central-only (it cannot advertise). On Android
 * the advertiser is a small native module around `BluetoothLeAdvertiser.startAdvertising` with
 * `AdvertiseData.addServiceData(ParcelUuid 0xFD6F, RPI||AEM)`, non-connectable, restarted at each
 * rotation so the stack picks a new random address (react-native-ble-advertiser only sends
 * manufacturer data, not 0xFD6F service data). iOS does not let apps put service data in
 * advertisements at all; there only Apple's ExposureNotification framework can advertise.
 */
import { type Clock, EXPOSURE_NOTIFICATION_SERVICE_UUID_128, fromBase64 } from '@bluezone/protocol';
import { ClientError } from '../client-error';
import type { BlePlxDevice, BlePlxError, BlePlxManager, BlePlxScanOptions, BlePlxSubscription } from './ble-plx-api';
import type { BleAdvertiser, BleTransport, SightingListener } from './ble-transport';

const POWERED_ON = 'PoweredOn';
const EN_UUID_16 = 'fd6f';

export interface BlePlxTransportOptions {
  manager: BlePlxManager;
  advertiser: BleAdvertiser;
  clock: Clock;
  /** Default: duplicates allowed (iOS) and Android low-power mode, as a background scanner should be. */
  scanOptions?: BlePlxScanOptions;
  /** Scan failures (the library requires scanning to be restarted after one). */
  onError?: (error: ClientError) => void;
}

/** The 0xFD6F entry of a device's service data, whatever UUID spelling the platform used. */
export function exposureServiceData(device: BlePlxDevice): string | undefined {
  const data = device.serviceData;
  if (data === null) return undefined;
  for (const [uuid, value] of Object.entries(data)) {
    const u = uuid.toLowerCase();
    if (u === EN_UUID_16 || u === EXPOSURE_NOTIFICATION_SERVICE_UUID_128) return value;
  }
  return undefined;
}

export class BlePlxTransport implements BleTransport {
  readonly #o: BlePlxTransportOptions;
  readonly #listeners = new Set<SightingListener>();
  #stateSubscription: BlePlxSubscription | undefined;
  #scanning = false;
  #wanted = false;
  #serviceData: Uint8Array | undefined;

  constructor(options: BlePlxTransportOptions) {
    this.#o = options;
  }

  get scanning(): boolean {
    return this.#scanning;
  }

  onSighting(listener: SightingListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Scans (and advertises) whenever Bluetooth is powered on, following it being switched off
   * and on. Calling it again after a scan error restarts the scan.
   */
  async start(): Promise<void> {
    if (!this.#wanted) {
      this.#wanted = true;
      this.#stateSubscription = this.#o.manager.onStateChange((state) => {
        void this.#follow(state);
      }, false);
    }
    await this.#follow(await this.#o.manager.state());
  }

  async stop(): Promise<void> {
    this.#wanted = false;
    this.#stateSubscription?.remove();
    this.#stateSubscription = undefined;
    if (this.#scanning) {
      this.#scanning = false;
      await this.#o.manager.stopDeviceScan();
    }
    await this.#o.advertiser.stop();
  }

  async advertise(serviceData: Uint8Array): Promise<void> {
    this.#serviceData = serviceData.slice();
    if (this.#wanted && this.#scanning) await this.#o.advertiser.start(this.#serviceData);
  }

  async #follow(state: string): Promise<void> {
    if (!this.#wanted) return;
    if (state === POWERED_ON && !this.#scanning) {
      this.#scanning = true;
      await this.#o.manager.startDeviceScan(
        [EXPOSURE_NOTIFICATION_SERVICE_UUID_128],
        this.#o.scanOptions ?? { allowDuplicates: true, scanMode: 0 },
        (error, device) => this.#onScan(error, device),
      );
      if (this.#serviceData !== undefined) await this.#o.advertiser.start(this.#serviceData);
    } else if (state !== POWERED_ON && this.#scanning) {
      // Bluetooth went off: the scan is dead; it is restarted on the next PoweredOn.
      this.#scanning = false;
      this.#o.onError?.(new ClientError('bluetooth_unavailable', `Bluetooth is ${state}`));
    }
  }

  #onScan(error: BlePlxError | null, device: BlePlxDevice | null): void {
    if (error !== null) {
      this.#scanning = false;
      this.#o.onError?.(
        new ClientError('bluetooth_unavailable', `scan failed: ${error.message} (ble-plx ${error.errorCode})`),
      );
      return;
    }
    if (device === null) return;
    const data = exposureServiceData(device);
    if (data === undefined) return;
    let serviceData: Uint8Array;
    try {
      serviceData = fromBase64(data, 'service data');
    } catch {
      // Handed on empty, so the sighting recorder counts it as malformed with everything else.
      serviceData = new Uint8Array(0);
    }
    const sighting = { serviceData, rssi: device.rssi ?? Number.NaN, timeMs: this.#o.clock.now() };
    for (const l of this.#listeners) l(sighting);
  }
}
