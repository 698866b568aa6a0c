/**
 * This phone as its calibration lookup needs it (the SDK's PhoneDevice), from what React Native's
 * Platform says: on Android `Build.MODEL` and `Build.MANUFACTURER` (Platform.constants.Model and
 * .Manufacturer), which is how Google's list names models; an iPhone is the list's reference and
 * needs no model. Read on the phone and used there: the list is fetched whole, so none of it is
 * sent anywhere (nor the serial or fingerprint Platform.constants also holds).
 */
import type { PhoneDevice } from '@bluezone/client';

/** The parts of react-native's Platform read here. */
export interface PlatformInfo {
  OS: string;
  constants: object;
}

/** Undefined where there is nothing to look up (a browser, or a platform the list does not cover). */
export function nativeDevice(platform: PlatformInfo): PhoneDevice | undefined {
  if (platform.OS === 'ios') return { platform: 'ios' };
  if (platform.OS !== 'android') return undefined;
  const { Model: model, Manufacturer: manufacturer } = platform.constants as {
    Model?: unknown;
    Manufacturer?: unknown;
  };
  return {
    platform: 'android',
    ...(typeof model === 'string' && model.trim() !== '' ? { model } : {}),
    ...(typeof manufacturer === 'string' && manufacturer.trim() !== '' ? { manufacturer } : {}),
  };
}
