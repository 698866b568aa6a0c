/**
 * The Exposure Notification BLE advertisement. GAEN Bluetooth spec v1.2 §"Advertising payload":
 * 16-bit service UUID 0xFD6F; service data = RPI (16 bytes) || AEM (4 bytes).
 */
import { assertBytes } from './bytes';
import { ProtocolError } from './errors';
import { RPI_LENGTH } from './rolling-proximity-id';

export const EXPOSURE_NOTIFICATION_SERVICE_UUID = 0xfd6f;
/** The same UUID in 128-bit form, as BLE stacks (react-native-ble-plx, CoreBluetooth) report it. */
export const EXPOSURE_NOTIFICATION_SERVICE_UUID_128 = '0000fd6f-0000-1000-8000-00805f9b34fb';
export const AEM_LENGTH = 4;
export const SERVICE_DATA_LENGTH = RPI_LENGTH + AEM_LENGTH;

export interface ServiceData {
  rpi: Uint8Array;
  aem: Uint8Array;
}

export function encodeServiceData({ rpi, aem }: ServiceData): Uint8Array {
  assertBytes(rpi, 'rpi', RPI_LENGTH);
  assertBytes(aem, 'aem', AEM_LENGTH);
  const out = new Uint8Array(SERVICE_DATA_LENGTH);
  out.set(rpi, 0);
  out.set(aem, RPI_LENGTH);
  return out;
}

export function decodeServiceData(bytes: Uint8Array): ServiceData {
  if (!(bytes instanceof Uint8Array)) {
    throw new ProtocolError('invalid_ble_payload', 'service data must be bytes');
  }
  if (bytes.length !== SERVICE_DATA_LENGTH) {
    throw new ProtocolError(
      'invalid_ble_payload',
      `service data must be ${SERVICE_DATA_LENGTH} bytes (RPI 16 + AEM 4), got ${bytes.length}`,
    );
  }
  return { rpi: bytes.slice(0, RPI_LENGTH), aem: bytes.slice(RPI_LENGTH) };
}

/** One received advertisement, as a phone's scanner records it. */
export interface Sighting {
  /** Unix time of reception, milliseconds. */
  timeMs: number;
  rpi: Uint8Array;
  aem: Uint8Array;
  /** Received signal strength, dBm, as the receiving radio reported it (before calibration). */
  rssi: number;
  /** Receiving phone's model, for the per-device RSSI correction. */
  receiverModel?: string | undefined;
}

export function validateSighting(s: Sighting): void {
  if (!Number.isFinite(s.timeMs) || s.timeMs < 0) {
    throw new ProtocolError('invalid_ble_payload', `sighting time must be a non-negative number, got ${s.timeMs}`);
  }
  assertBytes(s.rpi, 'sighting.rpi', RPI_LENGTH);
  assertBytes(s.aem, 'sighting.aem', AEM_LENGTH);
  if (!Number.isInteger(s.rssi) || s.rssi < -127 || s.rssi > 20) {
    throw new ProtocolError('invalid_ble_payload', `sighting RSSI must be an integer dBm in -127..20, got ${s.rssi}`);
  }
}
