// The QR decoding both apps run on camera frames and photos, on pixels drawn from a real QR
// matrix (the `qrcode` package the app's pass and the server's posters use), plain and inverted.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrPixels } from '../src/browser/qr-frame';

/** RGBA pixels of `text`'s QR, `scale` px per module, a 4-module quiet zone. */
function qrPixels(text: string, scale: number, inverted = false) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / scale) - 4;
      const c = Math.floor(x / scale) - 4;
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) === 1;
      const v = dark !== inverted ? 0 : 255;
      data.set([v, v, v, 255], (y * side + x) * 4);
    }
  }
  return { data, side };
}

describe('decodeQrPixels', () => {
  it('reads a checkpoint token and a poster link, dark on light and inverted', () => {
    const token = 'BZC1.eyJpIjoiYWJjIiwidCI6MTc2NDA2MzAwMH0.c2lnbmF0dXJl';
    const link = 'https://bluezone.example/cai-dat?unit=20161-02';
    for (const text of [token, link]) {
      const plain = qrPixels(text, 4);
      expect(decodeQrPixels(plain.data, plain.side, plain.side)).toBe(text);
      const inverted = qrPixels(text, 4, true);
      expect(decodeQrPixels(inverted.data, inverted.side, inverted.side)).toBe(text);
    }
  });

  it('answers null for a frame without a code', () => {
    const blank = new Uint8ClampedArray(200 * 200 * 4).fill(255);
    expect(decodeQrPixels(blank, 200, 200)).toBeNull();
  });
});
