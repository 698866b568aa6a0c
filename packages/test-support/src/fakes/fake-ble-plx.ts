// A fake react-native-ble-plx BleManager that replays a scripted session in the library's
// callback shapes (Device objects with base64 `serviceData` keyed by UUID as Android reports it,
// full 128-bit lower case, and as iOS does, 16-bit upper case). Hand-written from the
// library's index.d.ts, not captured from a phone.
import type { BlePlxDevice, BlePlxError, BlePlxManager, BlePlxScanOptions, BlePlxState } from '@bluezone/client';

type ScanListener = (error: BlePlxError | null, device: BlePlxDevice | null) => void;

export class FakeBleManager implements BlePlxManager {
  current: BlePlxState;
  readonly calls: string[] = [];
  scanArgs: { uuids: string[] | null; options: BlePlxScanOptions | null } | undefined;
  #scanListener: ScanListener | undefined;
  readonly #stateListeners = new Set<(s: BlePlxState) => void>();

  constructor(initial: BlePlxState) {
    this.current = initial;
  }

  async state(): Promise<BlePlxState> {
    return this.current;
  }

  onStateChange(listener: (s: BlePlxState) => void, emitCurrentState?: boolean) {
    this.#stateListeners.add(listener);
    if (emitCurrentState) listener(this.current);
    return { remove: () => void this.#stateListeners.delete(listener) };
  }

  async startDeviceScan(uuids: string[] | null, options: BlePlxScanOptions | null, listener: ScanListener) {
    this.calls.push('startDeviceScan');
    this.scanArgs = { uuids, options };
    this.#scanListener = listener;
  }

  async stopDeviceScan() {
    this.calls.push('stopDeviceScan');
    this.#scanListener = undefined;
  }

  // Scripted events, as the native side would emit them.
  setState(state: BlePlxState): void {
    this.current = state;
    if (state !== 'PoweredOn') this.#scanListener = undefined;
    for (const l of this.#stateListeners) l(state);
  }
  scanned(device: BlePlxDevice): void {
    this.#scanListener?.(null, device);
  }
  scanError(error: BlePlxError): void {
    const l = this.#scanListener;
    this.#scanListener = undefined;
    l?.(error, null);
  }
}

export class FakeAdvertiser {
  readonly started: Uint8Array[] = [];
  stops = 0;
  async start(serviceData: Uint8Array) {
    this.started.push(serviceData);
  }
  async stop() {
    this.stops++;
  }
}
