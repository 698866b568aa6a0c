/**
 * Local Expo module: GAEN advertising on Android (BluetoothLeAdvertiser, 0xFD6F service data),
 * which react-native-ble-plx cannot do. `bluezoneAdvertiser()` is the client SDK's BleAdvertiser
 * over it, or a no-op where the native module is absent (iOS only lets Apple's framework
 * advertise 0xFD6F).
 */
import { requireOptionalNativeModule } from 'expo';
import type { BluezoneAdvertiserNative } from './src/bluezone-advertiser-native';
import { nativeBleAdvertiser } from './src/native-ble-advertiser';

export type { BluezoneAdvertiserNative } from './src/bluezone-advertiser-native';
export { nativeBleAdvertiser } from './src/native-ble-advertiser';

export function bluezoneAdvertiser() {
  return nativeBleAdvertiser(requireOptionalNativeModule<BluezoneAdvertiserNative>('BluezoneAdvertiser'));
}
