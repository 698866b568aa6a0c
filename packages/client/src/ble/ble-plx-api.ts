/**
 * The part of react-native-ble-plx (v3) the adapter uses, mirrored structurally so the SDK
 * type-checks and is tested without React Native installed (the library's peer dependency
 * on react-native cannot be installed here). `test/ble-plx-compat.ts` proves the library's real
 * `BleManager` (its published index.d.ts, vendored under testdata/) is assignable to this.
 * Shapes from react-native-ble-plx src/index.d.ts: `startDeviceScan(UUIDs, options, listener)`,
 * `Device.serviceData: { [uuid]: Base64 } | null`, `state()`, `onStateChange(listener, emitCurrentState)`.
 */

/** `State` enum values ('Unknown', 'Resetting', 'Unsupported', 'Unauthorized', 'PoweredOff', 'PoweredOn'). */
export type BlePlxState = string;

export interface BlePlxSubscription {
  remove(): void;
}

export interface BlePlxScanOptions {
  /** iOS only: report every advertisement, not just the first per device. */
  allowDuplicates?: boolean;
  /** Android `ScanMode`: -1 opportunistic, 0 low power, 1 balanced, 2 low latency. */
  scanMode?: number;
  callbackType?: number;
  legacyScan?: boolean;
}

export interface BlePlxDevice {
  /** MAC address on Android, a per-app UUID on iOS. */
  id: string;
  rssi: number | null;
  /** Service UUID → base64 service data. */
  serviceData: { [uuid: string]: string } | null;
}

export interface BlePlxError {
  errorCode: number;
  message: string;
}

export interface BlePlxManager {
  state(): Promise<BlePlxState>;
  onStateChange(listener: (newState: BlePlxState) => void, emitCurrentState?: boolean): BlePlxSubscription;
  startDeviceScan(
    UUIDs: string[] | null,
    options: BlePlxScanOptions | null,
    listener: (error: BlePlxError | null, scannedDevice: BlePlxDevice | null) => void,
  ): Promise<void>;
  stopDeviceScan(): Promise<void>;
}
