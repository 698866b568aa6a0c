/**
 * Reading a visitor's "Bluezone active" QR: from an uploaded photo or camera frames with jsQR
 * (pure JavaScript, works in every browser), or with the native BarcodeDetector where the
 * browser has one. The token format (`BZC1.<payload>.<signature>`) is the server's
 * rollout/checkpoint-token.ts.
 */
import jsQR from 'jsqr';

export const TOKEN_PREFIX = 'BZC1.';

/** The checkpoint token inside what a QR says: the token itself, or a link carrying it. */
export function extractToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith(TOKEN_PREFIX)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('t') ?? url.searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}

/** Decodes the QR in the pixels of a canvas-sized frame; null when none is found. */
export function decodePixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

// Photos from phone cameras are large; jsQR is fast enough on ~1000 px and finds codes better.
const MAX_SIDE = 1200;

export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return decodePixels(g.getImageData(0, 0, w, h).data, w, h);
}

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** The browser's BarcodeDetector for QR codes, when it has one (Chrome on Android, Safari 17+…). */
export function nativeQrDetector(): NativeDetector | null {
  const Ctor = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => NativeDetector }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    return new Ctor({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** Scans camera frames until a QR is found or `signal` aborts; resolves with its text. */
export async function scanCamera(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    const detector = nativeQrDetector();
    const canvas = document.createElement('canvas');
    const g = canvas.getContext('2d', { willReadFrequently: true });
    while (!signal.aborted) {
      await new Promise((r) => setTimeout(r, 200));
      if (video.videoWidth === 0) continue;
      if (detector) {
        const found = await detector.detect(video);
        if (found[0]) return found[0].rawValue;
      } else if (g) {
        const scale = Math.min(1, 800 / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        g.drawImage(video, 0, 0, canvas.width, canvas.height);
        const text = decodePixels(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (text) return text;
      }
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
