/**
 * Bluetooth metadata carried (encrypted) in every advertisement. GAEN Bluetooth spec v1.2
 * §"Metadata": byte 0 versioning (bits 7:6 major, 5:4 minor, 3:2 calibration confidence,
 * 1:0 reserved), byte 1 transmit power level in dBm (signed), bytes 2–3 reserved.
 */
import { assertBytes } from './bytes';
import { ProtocolError } from './errors';

export const METADATA_LENGTH = 4;

export interface BleMetadata {
  majorVersion: number;
  minorVersion: number;
  /** 0 no calibration … 3 high confidence (spec: calibration confidence, 2 bits). */
  calibrationConfidence: number;
  /** Measured radiated transmit power, dBm, −128..127. */
  txPowerDbm: number;
}

/** Version 1.0 is what every GAEN v1.x phone advertises. */
export const DEFAULT_METADATA_VERSION = { majorVersion: 1, minorVersion: 0 } as const;

function checkField(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ProtocolError('invalid_metadata', `${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

export function encodeMetadata(m: BleMetadata): Uint8Array {
  checkField('majorVersion', m.majorVersion, 0, 3);
  checkField('minorVersion', m.minorVersion, 0, 3);
  checkField('calibrationConfidence', m.calibrationConfidence, 0, 3);
  checkField('txPowerDbm', m.txPowerDbm, -128, 127);
  const out = new Uint8Array(METADATA_LENGTH);
  out[0] = (m.majorVersion << 6) | (m.minorVersion << 4) | (m.calibrationConfidence << 2);
  out[1] = m.txPowerDbm & 0xff;
  return out;
}

export function decodeMetadata(bytes: Uint8Array): BleMetadata {
  assertBytes(bytes, 'metadata');
  if (bytes.length !== METADATA_LENGTH) {
    throw new ProtocolError('invalid_metadata', `metadata must be ${METADATA_LENGTH} bytes, got ${bytes.length}`);
  }
  const v = bytes[0] as number;
  const tx = bytes[1] as number;
  return {
    majorVersion: v >> 6,
    minorVersion: (v >> 4) & 3,
    calibrationConfidence: (v >> 2) & 3,
    txPowerDbm: tx > 127 ? tx - 256 : tx,
  };
}
