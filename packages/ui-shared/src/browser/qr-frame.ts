/**
 * Reading QR codes from pixels in a browser with jsQR (pure JavaScript, so every browser reads
 * them the same way): a frame or image is drawn scaled down onto a canvas, and jsQR decodes the
 * canvas's pixels, dark-on-light and inverted.
 */
import jsQR from 'jsqr';

/** The QR in RGBA pixels (as a canvas's ImageData holds them); null when none is found. */
export function decodeQrPixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/**
 * Draws `source` (`width` × `height` pixels) onto `canvas`, scaled so its longer side is at most
 * `maxSide`, and decodes the QR in it. A code fills enough of a scaled frame to be read, and jsQR's
 * time grows with the pixel count.
 */
export function decodeQrSource(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas: HTMLCanvasElement,
  maxSide: number,
): string | null {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (g === null) throw new Error('this browser cannot read images');
  g.drawImage(source, 0, 0, canvas.width, canvas.height);
  return decodeQrPixels(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
}

// Photos from phone cameras are large; jsQR is fast enough on ~1000 px and finds codes better.
const PHOTO_MAX_SIDE = 1200;

/** The QR in a photo or image file (a file input's pick, with or without `capture`); null when none is found. */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeQrSource(bitmap, bitmap.width, bitmap.height, document.createElement('canvas'), PHOTO_MAX_SIDE);
  } finally {
    bitmap.close();
  }
}
