/**
 * The phone's live QR scanner behind `AppServices.scanQr`, on expo-camera's system scanners:
 * Android's Google code scanner (ML Kit in Play services, its own camera UI, no CAMERA
 * permission) and iOS 16+'s DataScannerViewController (needs the camera permission). Where
 * neither exists (no Play services, older iOS) there is no scanner and the screen offers typing
 * the code or link.
 *
 * The two platforms report differently (expo-camera 56 native sources, CameraViewModule.kt and
 * CameraViewModule.swift): Android emits one `onModernBarcodeScanned` event, then resolves
 * `launchScanner`, and rejects it when the user backs out ("Barcode scanning was cancelled");
 * iOS resolves `launchScanner` once the scanner is on screen, emits an event per recognised code
 * until `dismissScanner`, and tells JS nothing when the user swipes it away, so a new scan
 * replaces a pending one.
 */
import { AppError } from '../model/app-error';

/** What the scanner gets per code: Android's `type` is ML Kit's format number, iOS's a name; `raw` is Android's exact text. */
export interface ExpoScanningResult {
  type: string | number;
  data: string;
  raw?: string;
}

/** The static slice of expo-camera's `CameraView` used here (test/expo-camera-compat.ts checks the real one fits). */
export interface ExpoBarcodeScanner {
  readonly isModernBarcodeScannerAvailable: boolean;
  launchScanner(options: { barcodeTypes: 'qr'[] }): Promise<void>;
  dismissScanner(): Promise<void>;
  onModernBarcodeScanned(listener: (event: ExpoScanningResult) => void): { remove(): void };
}

export interface ExpoQrScannerDeps {
  os: string;
  scanner: ExpoBarcodeScanner;
  /** Asks for the camera (iOS only: Android's code scanner runs in Play services). */
  requestCameraPermission(): Promise<boolean>;
}

const CANCELLED = /cancel/i;

/** A `scanQr` for the phone, or undefined where the platform has no system scanner. */
export function expoQrScanner(deps: ExpoQrScannerDeps): (() => Promise<string>) | undefined {
  const { scanner } = deps;
  if (!scanner.isModernBarcodeScannerAvailable) return undefined;
  let replacePending: (() => void) | undefined;
  return async () => {
    replacePending?.();
    if (deps.os === 'ios' && !(await deps.requestCameraPermission()))
      throw new AppError('camera_denied', 'camera permission was not granted');
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        subscription.remove();
        replacePending = undefined;
        outcome();
      };
      const subscription = scanner.onModernBarcodeScanned((event) => {
        const text = event.raw ?? event.data;
        settle(() => resolve(text));
        // iOS keeps scanning until told; on Android this is a no-op.
        void scanner.dismissScanner().catch(() => {});
      });
      replacePending = () => settle(() => reject(new AppError('scan_cancelled', 'a new scan replaced this one')));
      scanner.launchScanner({ barcodeTypes: ['qr'] }).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        settle(() =>
          reject(
            CANCELLED.test(message)
              ? new AppError('scan_cancelled', message)
              : new AppError('invalid_qr', `the camera scanner failed: ${message}`, { cause: err }),
          ),
        );
      });
    });
  };
}
