// Compile-time check (no runtime code): expo-camera's real published `CameraView` statics and
// permission call fit what the phone's QR scanner expects. A change in the library that breaks
// the adapter fails `tsc`.
import type { Camera, CameraView } from 'expo-camera';
import type { ExpoBarcodeScanner, ExpoQrScannerDeps } from '../src/native/expo-qr-scanner';

type Assignable<From, To> = [From] extends [To] ? true : false;
const check = <T extends true>(value: T): T => value;

export const cameraViewFits = check<Assignable<typeof CameraView, ExpoBarcodeScanner>>(true);
export const permissionFits =
  check<Assignable<ReturnType<(typeof Camera)['requestCameraPermissionsAsync']>, Promise<{ granted: boolean }>>>(true);
export const depsUseIt = check<Assignable<ExpoBarcodeScanner, ExpoQrScannerDeps['scanner']>>(true);
