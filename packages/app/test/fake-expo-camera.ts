// A fake of expo-camera's CameraView scanner statics that replays what each platform's native
// module does, as read in expo-camera 56's sources (android CameraViewModule.kt, ios
// CameraViewModule.swift + VisionScannerDelegate.swift): hand-written from those, not captured
// from a phone. Android: one event (ML Kit format number as `type`, `raw` beside `data`), then
// launchScanner resolves; backing out rejects with "Barcode scanning was cancelled". iOS:
// launchScanner resolves once shown, events repeat per recognised code until dismissScanner,
// and a swipe-down dismissal tells JS nothing.
import type { ExpoBarcodeScanner, ExpoScanningResult } from '../src/native/expo-qr-scanner';

/** ML Kit's Barcode.FORMAT_QR_CODE, what Android reports as `type`. */
const ML_KIT_FORMAT_QR_CODE = 256;

export class FakeExpoCamera implements ExpoBarcodeScanner {
  readonly calls: string[] = [];
  readonly #listeners = new Set<(e: ExpoScanningResult) => void>();
  #android: { resolve(): void; reject(e: Error): void } | undefined;
  #iosShown = false;

  constructor(
    readonly os: 'android' | 'ios',
    readonly isModernBarcodeScannerAvailable = true,
  ) {}

  get listenerCount(): number {
    return this.#listeners.size;
  }

  onModernBarcodeScanned(listener: (e: ExpoScanningResult) => void) {
    this.#listeners.add(listener);
    return { remove: () => void this.#listeners.delete(listener) };
  }

  launchScanner(options: { barcodeTypes: 'qr'[] }): Promise<void> {
    this.calls.push(`launchScanner(${options.barcodeTypes.join(',')})`);
    if (this.os === 'ios') {
      this.#iosShown = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.#android = { resolve, reject };
    });
  }

  async dismissScanner(): Promise<void> {
    this.calls.push('dismissScanner');
    this.#iosShown = false;
  }

  /** The person points the camera at a QR showing `text`. */
  show(text: string): void {
    if (this.os === 'android') {
      const pending = this.#android;
      if (pending === undefined) return;
      this.#android = undefined;
      // displayValue may reformat; rawValue is the exact text.
      this.#emit({ type: ML_KIT_FORMAT_QR_CODE, data: text.trim(), raw: text });
      pending.resolve();
      return;
    }
    // DataScannerViewController reports the code on every update while it is on screen.
    for (let i = 0; i < 3 && this.#iosShown; i++) this.#emit({ type: 'qr', data: text });
  }

  /** The person backs out of the scanner (Android back button / iOS swipe down). */
  backOut(): void {
    if (this.os === 'android') {
      this.#android?.reject(new Error('Barcode scanning was cancelled'));
      this.#android = undefined;
    } else this.#iosShown = false;
  }

  /** Android without Play services' scanner module: launchScanner fails outright. */
  failNext(message: string): void {
    this.launchScanner = async () => {
      throw new Error(message);
    };
  }

  #emit(e: ExpoScanningResult): void {
    for (const l of [...this.#listeners]) l(e);
  }
}
