/**
 * Scanning a QR with the device camera in a browser: getUserMedia's back camera plays into a
 * <video>, and frames are decoded every FRAME_INTERVAL_MS (scaled to ≤ FRAME_MAX_SIDE px) until a
 * code appears or the caller aborts. The camera is released as soon as the scan ends, so the
 * phone's camera light goes off when the code is read. Where the browser has a native
 * BarcodeDetector (Chrome on Android, Safari 17+…) and the caller allows it, it reads the frames
 * instead of jsQR.
 */
import { decodeQrSource } from './qr-frame';

/** Frames are scaled to at most this size before decoding: enough for a QR held up to the camera, cheap on a phone. */
export const FRAME_MAX_SIDE = 640;
export const FRAME_INTERVAL_MS = 150;

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** The browser's BarcodeDetector for QR codes, when it has one. */
function nativeQrDetector(): NativeDetector | null {
  const Ctor = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => NativeDetector }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    return new Ctor({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/** Whether this page may ask for a camera at all (a secure context with getUserMedia). */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

export interface CameraScanOptions {
  /** Ends the scan; scanCamera then resolves null. */
  signal: AbortSignal;
  /** Use the browser's BarcodeDetector where it has one (default: jsQR only). */
  nativeDetector?: boolean;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Plays the back camera into `video` and reads frames until a QR is found (resolves its text) or
 * `signal` aborts (resolves null). Rejects when the camera is refused or missing.
 */
export async function scanCamera(video: HTMLVideoElement, options: CameraScanOptions): Promise<string | null> {
  const { signal } = options;
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    if (signal.aborted) return null;
    video.srcObject = stream;
    await video.play();
    const detector = options.nativeDetector ? nativeQrDetector() : null;
    const canvas = document.createElement('canvas');
    while (!signal.aborted) {
      if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const text = detector
          ? ((await detector.detect(video))[0]?.rawValue ?? null)
          : decodeQrSource(video, video.videoWidth, video.videoHeight, canvas, FRAME_MAX_SIDE);
        if (text !== null && !signal.aborted) return text;
      }
      await pause(FRAME_INTERVAL_MS, signal);
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
