/**
 * This phone's place in Google's EN calibration list (parsed by the protocol package; the app
 * ships the CSV and hands its text over, so the SDK needs no file access): the RSSI correction
 * its scanner applies, and the TX power and calibration confidence its advertisements carry.
 *
 * Calibration confidence (GAEN Bluetooth spec v1.2 §"Metadata"; EN API CalibrationConfidence):
 * 0 LOWEST "no calibration data", 1 LOW "average over devices of the manufacturer", 2 MEDIUM
 * "single-antenna orientation", 3 HIGH "significant calibration data for this model". A model the
 * list measured directly gets HIGH, one it estimated LOW, an unlisted model LOWEST.
 */
import {
  type BleMetadata,
  DEFAULT_METADATA_VERSION,
  type DeviceCalibration,
  type DeviceCalibrationTable,
  lookupDeviceCalibration,
} from '@bluezone/protocol';

/**
 * For a phone the list does not know, and when no list is loaded: the medians of the
 * 2020-06-13 list (RSSI correction −5 dB, TX power −24 dBm), what `parseCalibrationCsv`
 * computes as its fallback for that file.
 */
export const DEFAULT_CALIBRATION: DeviceCalibration = { rssiCorrection: -5, txPower: -24 };

export interface PhoneCalibration {
  /** Applied to this phone's received RSSI when it matches. */
  calibration: DeviceCalibration;
  /** What this phone puts (encrypted) in every advertisement. */
  metadata: BleMetadata;
}

export function phoneCalibration(
  table: DeviceCalibrationTable | undefined,
  model: string | undefined,
  oem?: string,
): PhoneCalibration {
  const found = table === undefined ? undefined : lookupDeviceCalibration(table, model, oem);
  const known = found !== undefined && table !== undefined && found !== table.fallback;
  const calibration = found ?? DEFAULT_CALIBRATION;
  const direct = known && 'hasDirectMeasurement' in found && found.hasDirectMeasurement === true;
  return {
    calibration: { rssiCorrection: calibration.rssiCorrection, txPower: calibration.txPower },
    metadata: {
      ...DEFAULT_METADATA_VERSION,
      calibrationConfidence: known ? (direct ? 3 : 1) : 0,
      txPowerDbm: calibration.txPower,
    },
  };
}

/** The phone a calibration is for: what its platform says of it, read on the phone and kept there. */
export interface PhoneDevice {
  /** `ios`: an iPhone, the list's reference receiver. */
  platform: 'android' | 'ios';
  /** Android's `Build.MODEL`, which is how the list names models. */
  model?: string;
  /** Android's `Build.MANUFACTURER`: it separates the few model names two OEMs share. */
  manufacturer?: string;
}

/**
 * `phoneCalibration` for a device. An iPhone reads RSSI as the list's reference does
 * ("android rssi + rssi correction = iphone rssi"), so its correction is 0; the list gives no
 * iPhone's TX power, so it advertises the list's median with LOW confidence (an average over
 * devices, the spec's meaning of LOW).
 */
export function devicePhoneCalibration(table: DeviceCalibrationTable, device: PhoneDevice): PhoneCalibration {
  if (device.platform === 'ios') return iPhoneCalibration(table.fallback.txPower);
  return phoneCalibration(table, device.model, device.manufacturer);
}

function iPhoneCalibration(txPower: number): PhoneCalibration {
  return {
    calibration: { rssiCorrection: 0, txPower },
    metadata: { ...DEFAULT_METADATA_VERSION, calibrationConfidence: 1, txPowerDbm: txPower },
  };
}

/**
 * What a phone goes by before it has a row of a list: an iPhone is still the list's reference
 * (correction 0) and advertises the medians' TX power, as `devicePhoneCalibration` gives it; any
 * other phone, and one the app does not describe, the list's medians with no confidence.
 */
export function defaultPhoneCalibration(device?: PhoneDevice): PhoneCalibration {
  return device?.platform === 'ios'
    ? iPhoneCalibration(DEFAULT_CALIBRATION.txPower)
    : phoneCalibration(undefined, undefined);
}
